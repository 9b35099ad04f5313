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
}

export function viewOf(canonical: string): TextView {
  return {
    canonical,
    bigrams: new Set(charBigrams(canonical)),
    chars: new Set(canonical),
    pinyin: new Set(pinyinBigrams(canonical)),
    tokens: new Set([...charTokens(canonical), ...domainWords(canonical).map((w) => `w:${w}`)]),
    negated: /[不没无未别]/.test(canonical),
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

/** Length of the longest common substring, by dynamic programming over two short strings. */
function longestCommonSubstring(a: string, b: string): number {
  const x = [...a].slice(0, 48);
  const y = [...b].slice(0, 48);
  let best = 0;
  let prev = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const cur = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      if (x[i - 1] === y[j - 1]) {
        cur[j] = prev[j - 1]! + 1;
        if (cur[j]! > best) best = cur[j]!;
      }
    }
    prev = cur;
  }
  return best;
}

/** Features of (query, candidate question) for the ranker; same order as FEATURE_NAMES. */
export function pairFeatures(query: TextView, candidate: TextView, idf: IdfTable): number[] {
  const ql = [...query.canonical].length;
  const cl = [...candidate.canonical].length;
  const lcs = longestCommonSubstring(query.canonical, candidate.canonical);
  return [
    1,
    idfCoverage(query.bigrams, candidate.bigrams, idf),
    idfCoverage(candidate.bigrams, query.bigrams, idf),
    dice(query.chars, candidate.chars),
    dice(query.pinyin, candidate.pinyin),
    ql === 0 ? 0 : lcs / Math.min(ql, Math.max(cl, 1)),
    Math.abs(ql - cl) / Math.max(ql, cl, 1),
    query.negated !== candidate.negated ? 1 : 0,
    query.canonical === candidate.canonical ? 1 : 0,
  ];
}

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
function termMap(terms: TermWeights): Map<string, readonly number[]> {
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
  const z = rankingScore(model, pairFeatures(query, candidate, idf), query, candidate);
  return 1 / (1 + Math.exp(-(model.platt.a * z + model.platt.b)));
}
