/** One indexed phrasing of an entry: its canonical text and the terms of each field. */
export interface IndexedPhrasing {
  readonly entryId: string;
  readonly text: string;
  readonly textTerms: readonly string[];
  readonly pinyinTerms: readonly string[];
}

export interface IndexHit {
  readonly doc: number;
  readonly score: number;
}

interface Posting {
  readonly docs: Int32Array;
  readonly tfs: Uint16Array;
  /** The search that last used it: a query's repeated term counts once, without a Set per query. */
  seen: number;
}

interface Field {
  readonly postings: Map<string, Posting>;
  readonly lengths: Float64Array;
  readonly avgLength: number;
  readonly boost: number;
}

// BM25 parameters as the usual defaults (Lucene, minisearch).
const K1 = 1.2;
const B = 0.7;

/**
 * A BM25 inverted index over two fields (character bigrams, pinyin bigrams) in flat typed arrays.
 * It replaced a general-purpose search library because knowledge-base questions share most of
 * their bigrams (花呗, 还款 ...): a query touches most documents, and scoring them into one array
 * with a bounded top-k is ten times faster than building a result object per document.
 */
export class BigramIndex {
  private readonly fields: readonly Field[];
  private readonly scores: Float64Array;
  private searches = 0;

  constructor(readonly docs: readonly IndexedPhrasing[]) {
    this.fields = [field(docs, (d) => d.textTerms, 2), field(docs, (d) => d.pinyinTerms, 1)];
    this.scores = new Float64Array(docs.length);
  }

  /** The best `k` documents for the query's terms of each field, best first. */
  search(textTerms: readonly string[], pinyinTerms: readonly string[], k: number): IndexHit[] {
    const n = this.docs.length;
    if (n === 0) return [];
    const scores = this.scores;
    const touched: number[] = [];
    const queries = [textTerms, pinyinTerms];
    const search = ++this.searches;
    for (let i = 0; i < this.fields.length; i++) {
      const f = this.fields[i]!;
      // Each distinct term once, in first-occurrence order (as iterating a Set of them did); a
      // term without postings adds nothing either way.
      for (const term of queries[i]!) {
        const p = f.postings.get(term);
        if (!p || p.seen === search) continue;
        p.seen = search;
        const idf = Math.log(1 + (n - p.docs.length + 0.5) / (p.docs.length + 0.5));
        for (let j = 0; j < p.docs.length; j++) {
          const d = p.docs[j]!;
          const tf = p.tfs[j]!;
          if (scores[d] === 0) touched.push(d);
          scores[d]! += f.boost * idf * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * f.lengths[d]!) / f.avgLength)));
        }
      }
    }
    // Bounded insertion into the top k: k is small (tens), touched may be thousands.
    const top: IndexHit[] = [];
    for (const d of touched) {
      const s = scores[d]!;
      scores[d] = 0;
      if (top.length === k && s <= top[k - 1]!.score) continue;
      let at = top.length < k ? top.length : k - 1;
      while (at > 0 && top[at - 1]!.score < s) at--;
      top.splice(at, 0, { doc: d, score: s });
      if (top.length > k) top.pop();
    }
    return top;
  }
}

function field(docs: readonly IndexedPhrasing[], termsOf: (d: IndexedPhrasing) => readonly string[], boost: number): Field {
  const building = new Map<string, { docs: number[]; tfs: number[] }>();
  const lengths = new Float64Array(docs.length);
  let total = 0;
  docs.forEach((doc, d) => {
    const terms = termsOf(doc);
    lengths[d] = terms.length;
    total += terms.length;
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, f] of tf) {
      let p = building.get(t);
      if (!p) building.set(t, (p = { docs: [], tfs: [] }));
      p.docs.push(d);
      p.tfs.push(f);
    }
  });
  const postings = new Map<string, Posting>();
  for (const [t, p] of building) postings.set(t, { docs: Int32Array.from(p.docs), tfs: Uint16Array.from(p.tfs), seen: 0 });
  return { postings, lengths, avgLength: docs.length ? total / docs.length || 1 : 1, boost };
}
