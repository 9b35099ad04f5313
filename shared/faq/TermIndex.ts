/** One document: a list of terms per field (same field order for every document). */
export type FieldTerms = readonly (readonly string[])[];

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
  /** Each document's idf mass: the sum of its distinct terms' idf. */
  readonly mass: Float64Array;
}

// BM25 parameters as the usual defaults (Lucene, minisearch).
const K1 = 1.2;
const B = 0.75;

/**
 * BM25 over several fields in flat typed arrays, scores kept per field: the matcher weighs the
 * fields and reads which field agrees with which. Knowledge-base questions share most of their
 * terms (怎么, 订单 ...), so a query touches most documents; scoring into arrays is ten times faster
 * than a result object per document.
 */
export class TermIndex {
  private readonly fields: readonly Field[];
  /** Per field, each document's score for the current search (zeroed by `clear`). */
  readonly scores: readonly Float64Array[];
  /** Per field, the idf mass of the query's terms each document has (zeroed by `clear`). */
  readonly matched: readonly Float64Array[];
  private readonly seenDoc: Uint8Array;
  /** Documents with a non-zero score in the current search. */
  readonly touched: number[] = [];
  private searches = 0;

  constructor(
    readonly size: number,
    termsOf: (doc: number, field: number) => readonly string[],
    fieldCount: number,
  ) {
    this.fields = Array.from({ length: fieldCount }, (_, f) => field(size, (d) => termsOf(d, f)));
    this.scores = this.fields.map(() => new Float64Array(size));
    this.matched = this.fields.map(() => new Float64Array(size));
    this.seenDoc = new Uint8Array(size);
  }

  /** idf of a term in a field; a term no document has gets more than the rarest one. */
  idf(fieldIndex: number, term: string): number {
    return idfOf(this.size, this.fields[fieldIndex]!.postings.get(term)?.docs.length ?? 0);
  }

  /** A document's idf mass in a field (how much there is of it to cover). */
  mass(fieldIndex: number, doc: number): number {
    return this.fields[fieldIndex]!.mass[doc]!;
  }

  /** Whether a term occurs in a field of the index at all. */
  has(fieldIndex: number, term: string): boolean {
    return this.fields[fieldIndex]!.postings.has(term);
  }

  /** Scores every document against the query's terms of each field into `scores`; call `clear` after reading. */
  search(query: FieldTerms): void {
    const search = ++this.searches;
    for (let i = 0; i < this.fields.length; i++) {
      const f = this.fields[i]!;
      const out = this.scores[i]!;
      const matched = this.matched[i]!;
      for (const term of query[i] ?? []) {
        const p = f.postings.get(term);
        if (!p || p.seen === search) continue;
        p.seen = search;
        const idf = idfOf(this.size, p.docs.length);
        for (let j = 0; j < p.docs.length; j++) {
          const d = p.docs[j]!;
          const tf = p.tfs[j]!;
          if (this.seenDoc[d] === 0) {
            this.seenDoc[d] = 1;
            this.touched.push(d);
          }
          out[d]! += idf * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * f.lengths[d]!) / f.avgLength)));
          matched[d]! += idf;
        }
      }
    }
  }

  /** Zeroes what the last search wrote. */
  clear(): void {
    for (const d of this.touched) {
      this.seenDoc[d] = 0;
      for (const s of this.scores) s[d] = 0;
      for (const m of this.matched) m[d] = 0;
    }
    this.touched.length = 0;
  }
}

function field(size: number, termsOf: (d: number) => readonly string[]): Field {
  const building = new Map<string, { docs: number[]; tfs: number[] }>();
  const lengths = new Float64Array(size);
  let total = 0;
  for (let d = 0; d < size; d++) {
    const terms = termsOf(d);
    lengths[d] = terms.length;
    total += terms.length;
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      let p = building.get(t);
      if (!p) building.set(t, (p = { docs: [], tfs: [] }));
      p.docs.push(d);
      p.tfs.push(n);
    }
  }
  const postings = new Map<string, Posting>();
  const mass = new Float64Array(size);
  for (const [t, p] of building) {
    postings.set(t, { docs: Int32Array.from(p.docs), tfs: Uint16Array.from(p.tfs), seen: 0 });
    const idf = idfOf(size, p.docs.length);
    for (const d of p.docs) mass[d]! += idf;
  }
  return { postings, lengths, avgLength: size ? total / size || 1 : 1, mass };
}

/** BM25's idf (never negative: the +1 inside the log). */
function idfOf(size: number, df: number): number {
  return Math.log(1 + (size - df + 0.5) / (df + 0.5));
}
