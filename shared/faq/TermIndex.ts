import { runSteps, runStepsInSlices } from './runSteps';

/** One field of an index in flat arrays: term ids, and per term its postings' slice. */
interface Field {
  readonly ids: Map<string, number>;
  /** Postings of term id t: docs[offset[t] .. offset[t + 1]) and their term frequencies. */
  readonly offset: Int32Array;
  readonly docs: Int32Array;
  readonly tfs: Uint8Array;
  readonly lengths: Uint16Array;
  readonly avgLength: number;
  /** Each document's idf mass: the sum of its distinct terms' idf. */
  readonly mass: Float64Array;
  /** The search that last used a term: a query's repeated term counts once, without a Set per query. */
  readonly seen: Float64Array;
}

/** A field as saved: its terms in id order and its arrays in base64. */
export interface SavedField {
  terms: string;
  offset: string;
  docs: string;
  tfs: string;
  lengths: string;
}

export interface SavedTermIndex {
  size: number;
  fields: SavedField[];
}

// BM25 parameters as the usual defaults (Lucene, minisearch).
const K1 = 1.2;
const B = 0.75;
/**
 * In a large index, a term in more than this share of the documents is common: walking its
 * postings for every query was most of a query's time at 2,000 entries, so it is scored only for
 * the best documents the rarer terms found. Small bases walk every term.
 */
const COMMON_SHARE = 0.1;
const LARGE = 1000;
/** Documents the common terms are scored for. */
const CANDIDATES = 100;
/** Separates terms in the saved dictionary (no term holds it: terms come from text without controls). */
const SEPARATOR = '\u0001';

/**
 * BM25 over several fields in flat typed arrays, scores kept per field: the matcher weighs the
 * fields and reads which field agrees with which. It saves and loads as those arrays, so a cold
 * start does no text processing and no per-posting work: loading 10,000 entries is decoding.
 */
export class TermIndex {
  /** Per field, each document's score for the current search (zeroed by `clear`). */
  readonly scores: readonly Float64Array[];
  /** Per field, the idf mass of the query's terms each document has (zeroed by `clear`). */
  readonly matched: readonly Float64Array[];
  /** Per field, how many distinct query terms each document has (zeroed by `clear`); a question is at most 2,000 characters, so 16 bits hold it. */
  readonly hits: readonly Uint16Array[];
  /** Documents with a non-zero score in the current search. */
  readonly touched: number[] = [];
  private readonly seenDoc: Uint8Array;
  private searches = 0;

  private constructor(
    readonly size: number,
    private readonly fields: readonly Field[],
  ) {
    this.scores = fields.map(() => new Float64Array(size));
    this.matched = fields.map(() => new Float64Array(size));
    this.hits = fields.map(() => new Uint16Array(size));
    this.seenDoc = new Uint8Array(size);
  }

  static build(size: number, termsOf: (doc: number, field: number) => readonly string[], fieldCount: number): TermIndex {
    return runSteps(TermIndex.steps(size, termsOf, fieldCount));
  }

  /** `build` with the event loop let go every `sliceMs`: a large base's index never holds it for long. */
  static async buildInSlices(size: number, termsOf: (doc: number, field: number) => readonly string[], fieldCount: number, sliceMs = 10): Promise<TermIndex> {
    return runStepsInSlices(TermIndex.steps(size, termsOf, fieldCount), sliceMs);
  }

  /** The build, pausable between documents (it yields every few hundred). */
  private static *steps(size: number, termsOf: (doc: number, field: number) => readonly string[], fieldCount: number): Generator<void, TermIndex> {
    const fields: Field[] = [];
    for (let f = 0; f < fieldCount; f++) fields.push(yield* buildField(size, (d) => termsOf(d, f)));
    return new TermIndex(size, fields);
  }

  toJSON(): SavedTermIndex {
    const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    return {
      size: this.size,
      fields: this.fields.map((f) => ({ terms: [...f.ids.keys()].join(SEPARATOR), offset: b64(f.offset), docs: b64(f.docs), tfs: b64(f.tfs), lengths: b64(f.lengths) })),
    };
  }

  static fromJSON(saved: SavedTermIndex): TermIndex {
    const bytes = (s: string) => {
      const buf = Buffer.from(s, 'base64');
      // A copy into a fresh, aligned buffer: Buffer's pool may start it at an odd offset.
      return new Uint8Array(buf).buffer;
    };
    return new TermIndex(
      saved.size,
      saved.fields.map((s) => {
        const ids = new Map<string, number>();
        if (s.terms) s.terms.split(SEPARATOR).forEach((t, i) => ids.set(t, i));
        const lengths = new Uint16Array(bytes(s.lengths));
        return finish(ids, new Int32Array(bytes(s.offset)), new Int32Array(bytes(s.docs)), new Uint8Array(bytes(s.tfs)), lengths, saved.size);
      }),
    );
  }

  /** A term's id in a field, or -1 when no document has it. */
  termId(fieldIndex: number, term: string): number {
    return this.fields[fieldIndex]!.ids.get(term) ?? -1;
  }

  /** idf of a term in a field; a term no document has gets more than the rarest one. */
  idf(fieldIndex: number, term: string): number {
    const f = this.fields[fieldIndex]!;
    const id = f.ids.get(term);
    return idfOf(this.size, id === undefined ? 0 : f.offset[id + 1]! - f.offset[id]!);
  }

  /** A document's idf mass in a field (how much there is of it to cover). */
  mass(fieldIndex: number, doc: number): number {
    return this.fields[fieldIndex]!.mass[doc]!;
  }

  /**
   * Scores the documents against the query's terms of each field into `scores`; call `clear`
   * after reading. A common term (see COMMON_SHARE) is scored only for the documents the other
   * terms found, by binary search in its postings (they are in document order): its long postings
   * are not walked, and those documents' scores are exact.
   */
  search(query: readonly (readonly string[])[], boosts: readonly number[], commonShare = COMMON_SHARE): void {
    const search = ++this.searches;
    // Document frequency above which a term is common.
    const commonDf = this.size >= LARGE ? commonShare * this.size : Infinity;
    const common: [field: number, id: number][] = [];
    for (let i = 0; i < this.fields.length; i++) {
      const f = this.fields[i]!;
      for (const term of query[i] ?? []) {
        const id = f.ids.get(term);
        if (id === undefined || f.seen[id] === search) continue;
        f.seen[id] = search;
        const from = f.offset[id]!;
        const to = f.offset[id + 1]!;
        if (to - from > commonDf) {
          common.push([i, id]);
          continue;
        }
        const idf = idfOf(this.size, to - from);
        for (let j = from; j < to; j++) {
          const d = f.docs[j]!;
          if (this.seenDoc[d] === 0) {
            this.seenDoc[d] = 1;
            this.touched.push(d);
          }
          this.add(i, d, f.tfs[j]!, idf);
        }
      }
    }
    if (common.length === 0) return;
    // The common terms are scored for the best documents so far only: the rest rank below them anyway.
    let candidates: readonly number[] = this.touched;
    if (candidates.length > CANDIDATES) {
      const partial = new Float64Array(this.touched.length);
      this.touched.forEach((d, k) => {
        let sum = 0;
        for (let i = 0; i < this.scores.length; i++) sum += (boosts[i] ?? 1) * this.scores[i]![d]!;
        partial[k] = sum;
      });
      const floor = Float64Array.from(partial).sort()[partial.length - CANDIDATES]!;
      candidates = this.touched.filter((_, k) => partial[k]! >= floor);
    }
    for (const [i, id] of common) {
      const f = this.fields[i]!;
      const from = f.offset[id]!;
      const to = f.offset[id + 1]!;
      const idf = idfOf(this.size, to - from);
      for (const d of candidates) {
        let lo = from;
        let hi = to - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const m = f.docs[mid]!;
          if (m === d) {
            this.add(i, d, f.tfs[mid]!, idf);
            break;
          }
          if (m < d) lo = mid + 1;
          else hi = mid - 1;
        }
      }
    }
  }

  private add(field: number, d: number, tf: number, idf: number): void {
    const f = this.fields[field]!;
    this.scores[field]![d]! += idf * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * f.lengths[d]!) / f.avgLength)));
    this.matched[field]![d]! += idf;
    this.hits[field]![d]!++;
  }

  /** Zeroes what the last search wrote. */
  clear(): void {
    for (const d of this.touched) {
      this.seenDoc[d] = 0;
      for (const s of this.scores) s[d] = 0;
      for (const m of this.matched) m[d] = 0;
      for (const h of this.hits) h[d] = 0;
    }
    this.touched.length = 0;
  }
}

/**
 * One field's postings: terms get ids as they come, the (term, doc) pairs are counted, then laid
 * out per term in one array each for documents and term frequencies.
 */
/** Documents read between two chances to pause. */
const STEP = 256;

function* buildField(size: number, termsOf: (d: number) => readonly string[]): Generator<void, Field> {
  const ids = new Map<string, number>();
  const lengths = new Uint16Array(size);
  let seq = new Int32Array(1024);
  let n = 0;
  const docStart = new Int32Array(size + 1);
  for (let d = 0; d < size; d++) {
    if (d % STEP === STEP - 1) yield;
    docStart[d] = n;
    const terms = termsOf(d);
    lengths[d] = Math.min(terms.length, 0xffff);
    for (const t of terms) {
      let id = ids.get(t);
      if (id === undefined) ids.set(t, (id = ids.size));
      if (n === seq.length) {
        const grown = new Int32Array(seq.length * 2);
        grown.set(seq);
        seq = grown;
      }
      seq[n++] = id;
    }
  }
  docStart[size] = n;
  const count = ids.size;
  // Document frequency per term, each document counted once (lastDoc: the last document seen).
  const lastDoc = new Int32Array(count).fill(-1);
  const df = new Int32Array(count);
  for (let d = 0; d < size; d++) {
    if (d % STEP === STEP - 1) yield;
    for (let i = docStart[d]!; i < docStart[d + 1]!; i++) {
      const id = seq[i]!;
      if (lastDoc[id] !== d) {
        lastDoc[id] = d;
        df[id]!++;
      }
    }
  }
  const offset = new Int32Array(count + 1);
  for (let id = 0; id < count; id++) offset[id + 1] = offset[id]! + df[id]!;
  const docs = new Int32Array(offset[count]!);
  const tfs = new Uint8Array(offset[count]!);
  const fill = new Int32Array(count);
  lastDoc.fill(-1);
  for (let d = 0; d < size; d++) {
    if (d % STEP === STEP - 1) yield;
    for (let i = docStart[d]!; i < docStart[d + 1]!; i++) {
      const id = seq[i]!;
      const at = offset[id]! + fill[id]!;
      if (lastDoc[id] === d) {
        if (tfs[at - 1]! < 255) tfs[at - 1]!++;
        continue;
      }
      lastDoc[id] = d;
      docs[at] = d;
      tfs[at] = 1;
      fill[id]!++;
    }
  }
  return finish(ids, offset, docs, tfs, lengths, size);
}

/** The derived parts of a field: average length, documents' idf mass, the per-search marks. */
function finish(ids: Map<string, number>, offset: Int32Array, docs: Int32Array, tfs: Uint8Array, lengths: Uint16Array, size: number): Field {
  let total = 0;
  for (let d = 0; d < size; d++) total += lengths[d]!;
  const mass = new Float64Array(size);
  for (let id = 0; id + 1 < offset.length; id++) {
    const idf = idfOf(size, offset[id + 1]! - offset[id]!);
    for (let j = offset[id]!; j < offset[id + 1]!; j++) mass[docs[j]!]! += idf;
  }
  return { ids, offset, docs, tfs, lengths, avgLength: size ? total / size || 1 : 1, mass, seen: new Float64Array(ids.size) };
}

/** BM25's idf (never negative: the +1 inside the log). */
function idfOf(size: number, df: number): number {
  return Math.log(1 + (size - df + 0.5) / (df + 0.5));
}
