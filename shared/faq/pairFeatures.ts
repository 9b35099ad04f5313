import { charBigrams, charTokens, domainWords, pinyinBigrams } from './faqText';

/** Inverse document frequencies of character bigrams, with a default for unseen ones. */
export interface IdfTable {
  get(term: string): number;
}

export function buildIdf(documents: Iterable<string[]>): IdfTable {
  const df = new Map<string, number>();
  let n = 0;
  for (const terms of documents) {
    n++;
    for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const unseen = Math.log(1 + n);
  const idf = new Map<string, number>();
  for (const [t, f] of df) idf.set(t, Math.log(1 + n / f));
  return { get: (t) => idf.get(t) ?? unseen };
}

/** The precomputed view of one text that pair features need. */
export interface TextView {
  readonly canonical: string;
  readonly bigrams: ReadonlySet<string>;
  readonly chars: ReadonlySet<string>;
  readonly pinyin: ReadonlySet<string>;
  /** Character unigrams and bigrams and domain words (`w:` prefixed): the learned terms. */
  readonly tokens: ReadonlySet<string>;
  readonly negated: boolean;
  /** Length in code points. */
  readonly length: number;
  /** The first LCS_CHARS code points, what the longest common substring compares. */
  readonly head: readonly number[];
}

/** Characters of each side the longest common substring looks at. */
export const LCS_CHARS = 48;

/** The first LCS_CHARS code points of a text. */
export function headOf(chars: readonly string[]): number[] {
  const head: number[] = [];
  for (let i = 0; i < chars.length && i < LCS_CHARS; i++) head.push(chars[i]!.codePointAt(0)!);
  return head;
}

/** Negation words: a question and its negation are different questions. */
export const NEGATION = /[不没无未别]/;

export function viewOf(canonical: string): TextView {
  const chars = [...canonical];
  return {
    canonical,
    bigrams: new Set(charBigrams(canonical)),
    chars: new Set(canonical),
    pinyin: new Set(pinyinBigrams(canonical)),
    tokens: new Set([...charTokens(canonical), ...domainWords(canonical).map((w) => `w:${w}`)]),
    negated: NEGATION.test(canonical),
    length: chars.length,
    head: headOf(chars),
  };
}

export const FEATURE_NAMES = ['bias', 'idfRecall', 'idfPrecision', 'charDice', 'pinyinDice', 'lcsRatio', 'lengthGap', 'negationMismatch', 'exact'] as const;

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

function idfCoverage(of: ReadonlySet<string>, by: ReadonlySet<string>, idf: IdfTable): number {
  let total = 0;
  let covered = 0;
  for (const t of of) {
    const w = idf.get(t);
    total += w;
    if (by.has(t)) covered += w;
  }
  return total === 0 ? 0 : covered / total;
}

/** One DP row reused by every call (synchronous, so never shared by two). */
const lcsRow = new Int32Array(LCS_CHARS + 1);

/**
 * Length of the longest common substring of two heads (code points), by dynamic programming in
 * one row: walking j downwards leaves row[j - 1] holding the previous row's value when row[j]
 * needs it, so no row is allocated per character.
 */
export function longestCommonSubstring(x: readonly number[], y: readonly number[]): number {
  let best = 0;
  lcsRow.fill(0, 0, y.length + 1);
  for (let i = 0; i < x.length; i++) best = lcsStep(lcsRow, x[i]!, y, best);
  return best;
}

/** One row of the longest-common-substring DP (the runs ending at x's next character); returns the best run so far. */
export function lcsStep(row: Int32Array, xi: number, y: readonly number[], best: number): number {
  for (let j = y.length; j >= 1; j--) {
    if (xi === y[j - 1]) {
      const run = row[j - 1]! + 1;
      row[j] = run;
      if (run > best) best = run;
    } else {
      row[j] = 0;
    }
  }
  return best;
}

/** Features of (query, candidate question) for the ranker; same order as FEATURE_NAMES. */
export function pairFeatures(query: TextView, candidate: TextView, idf: IdfTable): number[] {
  const ql = query.length;
  const cl = candidate.length;
  const lcs = longestCommonSubstring(query.head, candidate.head);
  return [
    1,
    idfCoverage(query.bigrams, candidate.bigrams, idf),
    idfCoverage(candidate.bigrams, query.bigrams, idf),
    dice(query.chars, candidate.chars),
    dice(query.pinyin, candidate.pinyin),
    lcsRatio(lcs, ql, cl),
    lengthGap(ql, cl),
    query.negated !== candidate.negated ? 1 : 0,
    query.canonical === candidate.canonical ? 1 : 0,
  ];
}

/** The lcsRatio and lengthGap features from code-point lengths (shared with PairScorer). */
export const lcsRatio = (lcs: number, ql: number, cl: number): number => (ql === 0 ? 0 : lcs / Math.min(ql, Math.max(cl, 1)));
export const lengthGap = (ql: number, cl: number): number => Math.abs(ql - cl) / Math.max(ql, cl, 1);

/**
 * Learned weights of terms (character unigrams and bigrams) by where they occur in a pair:
 * `[inBoth, onlyInQuery, onlyInCandidate]`. They let the ranker learn that 借呗 in one question and
 * 花呗 in the other is a different question, while 请问 missing on one side is not.
 */
export type TermWeights = Readonly<Record<string, readonly number[]>>;

/** The ranker: a linear score over dense features and term weights, squashed by Platt scaling. */
export interface RankerWeights {
  readonly weights: readonly number[];
  readonly terms: TermWeights;
  /** sigmoid(a * z + b) turns the ranking score z into a probability-like confidence. */
  readonly platt: { readonly a: number; readonly b: number };
}

/** Term weights as a Map: a few thousand keys are far faster to look up there than on an object. */
const termMaps = new WeakMap<TermWeights, Map<string, readonly number[]>>();
export function termMap(terms: TermWeights): Map<string, readonly number[]> {
  let map = termMaps.get(terms);
  if (!map) termMaps.set(terms, (map = new Map(Object.entries(terms))));
  return map;
}

/** The unsquashed ranking score of a pair. */
export function rankingScore(model: Pick<RankerWeights, 'weights' | 'terms'>, features: readonly number[], query: TextView, candidate: TextView): number {
  let z = 0;
  for (let i = 0; i < features.length; i++) z += (model.weights[i] ?? 0) * features[i]!;
  const terms = termMap(model.terms);
  for (const t of query.tokens) {
    const w = terms.get(t);
    if (w) z += (candidate.tokens.has(t) ? w[0] : w[1]) ?? 0;
  }
  for (const t of candidate.tokens) {
    if (query.tokens.has(t)) continue;
    const w = terms.get(t);
    if (w) z += w[2] ?? 0;
  }
  return z;
}

/** Confidence in [0, 1] that the candidate answers the query. */
export function pairScore(model: RankerWeights, query: TextView, candidate: TextView, idf: IdfTable): number {
  return squash(model, rankingScore(model, pairFeatures(query, candidate, idf), query, candidate));
}

/** sigmoid(a * z + b): a ranking score as a confidence. */
export function squash(model: Pick<RankerWeights, 'platt'>, z: number): number {
  return 1 / (1 + Math.exp(-(model.platt.a * z + model.platt.b)));
}
