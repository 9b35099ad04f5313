import { domainWords } from './faqText';
import {
  LCS_CHARS,
  NEGATION,
  headOf,
  lcsRatio,
  lcsStep,
  lengthGap,
  squash,
  termMap,
  viewOf,
  type IdfTable,
  type RankerWeights,
} from './pairFeatures';

/**
 * One side of a pair with its terms as ids of the scorer's dictionary, each list in the order its
 * TextView set iterates (first occurrence) and without repeats. A query's term that no prepared
 * candidate has is -1: it can only count where it counted before, on the query's own side.
 */
export interface ScoredSide {
  readonly canonical: string;
  readonly negated: boolean;
  readonly length: number;
  readonly head: readonly number[];
  /** The ids of the head's characters. */
  readonly headIds: readonly number[];
  readonly bigrams: readonly number[];
  /** idf of each bigram, and their sum added in the same order as `pairFeatures` adds it. */
  readonly bigramIdf: readonly number[];
  readonly bigramTotal: number;
  readonly chars: readonly number[];
  readonly pinyin: readonly number[];
  readonly tokens: readonly number[];
  /** The tokens that have learned weights, and those weights. */
  readonly weighted: readonly number[];
  readonly weights: readonly (readonly number[])[];
}

/**
 * Per-term membership marks: `marks[kind][id] === stamp` says "the side being looked at has this
 * term". Shared by every scorer because scoring is synchronous; a fresh stamp per side replaces
 * clearing, so marking a candidate costs its own terms, not the dictionary's size. Stamps are
 * doubles: exact up to 2^53, they never wrap in a process's life (an int32 would after 2^31).
 */
type Marks = Float64Array;
const KINDS = 4; // bigrams, chars, pinyin, tokens
let queryMarks: Marks[] = [];
let candidateMarks: Marks[] = [];
let stamp = 0;

function ensureCapacity(size: number): void {
  if ((queryMarks[0]?.length ?? 0) >= size) return;
  const length = Math.max(1024, 2 * size);
  queryMarks = Array.from({ length: KINDS }, () => new Float64Array(length));
  candidateMarks = Array.from({ length: KINDS }, () => new Float64Array(length));
}

function nextStamp(): number {
  return ++stamp;
}

function mark(ids: readonly number[], marks: Marks, s: number): void {
  for (let i = 0; i < ids.length; i++) marks[ids[i]!] = s;
}

function shared(ids: readonly number[], marks: Marks, s: number): number {
  let n = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id >= 0 && marks[id] === s) n++;
  }
  return n;
}

/** Dice of a query's and a candidate's distinct terms, the shared ones counted from the candidate. */
function dice(a: readonly number[], b: readonly number[], marksOfA: Marks, s: number): number {
  if (a.length === 0 || b.length === 0) return 0;
  return (2 * shared(b, marksOfA, s)) / (a.length + b.length);
}

function coverage(ids: readonly number[], idf: readonly number[], total: number, marksOfOther: Marks, s: number): number {
  let covered = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id >= 0 && marksOfOther[id] === s) covered += idf[i]!;
  }
  return total === 0 ? 0 : covered / total;
}

/** The DP row of `longestCommonSubstring`, reused (scoring is synchronous). */
const lcsRow = new Int32Array(LCS_CHARS + 1);

/**
 * pairFeatures' longest common substring of two heads, by the same one-row DP, except that a
 * query character the candidate lacks (by its mark) leaves an all-zero row without a pass over the
 * candidate: most characters of a query are not in any one question.
 */
function longestCommonSubstring(x: readonly number[], xIds: readonly number[], y: readonly number[], marksOfY: Marks, s: number): number {
  let best = 0;
  lcsRow.fill(0, 0, y.length + 1);
  let zero = true;
  for (let i = 0; i < x.length; i++) {
    const id = xIds[i]!;
    if (id < 0 || marksOfY[id] !== s) {
      if (!zero) lcsRow.fill(0, 0, y.length + 1);
      zero = true;
      continue;
    }
    zero = false;
    best = lcsStep(lcsRow, x[i]!, y, best);
  }
  return best;
}

/**
 * The ids of the distinct terms in first-occurrence order, as a Set of the terms keeps them,
 * marking each: known ones (id >= 0) deduplicated by their mark, unknown ones (-1) by comparing
 * the terms, in a list while there are few and in a set beyond.
 */
function distinct(ids: readonly number[], terms: readonly string[], marks: Marks, s: number, distinctTerms?: string[]): number[] {
  const out: number[] = [];
  let unknownList: string[] | undefined;
  let unknownSet: Set<string> | undefined;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const t = terms[i]!;
    if (id >= 0) {
      if (marks[id] === s) continue;
      marks[id] = s;
    } else if (unknownSet) {
      if (unknownSet.has(t)) continue;
      unknownSet.add(t);
    } else {
      unknownList ??= [];
      if (unknownList.includes(t)) continue;
      unknownList.push(t);
      if (unknownList.length > 16) unknownSet = new Set(unknownList);
    }
    out.push(id);
    distinctTerms?.push(t);
  }
  return out;
}

/**
 * `pairScore` for one matcher (one idf table, one ranker), computed from prepared sides: the same
 * features and sums, in the same order, so the same bits; but terms are compared as small integers
 * through marks instead of string-keyed set lookups, and each candidate is prepared once.
 */
export class PairScorer {
  private readonly ids = new Map<string, number>();
  private readonly terms: Map<string, readonly number[]>;
  private readonly weightById: (readonly number[] | null | undefined)[] = [];
  private readonly features: number[] = [1, 0, 0, 0, 0, 0, 0, 0, 0];
  private queryStamp = 0;
  /** The dictionary's size when the last query was prepared: candidates prepared later are not marked for. */
  private querySize = -1;

  constructor(
    private readonly idf: IdfTable,
    private readonly ranker: RankerWeights,
  ) {
    this.terms = termMap(ranker.terms);
  }

  private idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) this.ids.set(term, (id = this.ids.size));
    return id;
  }

  private idsOf(set: ReadonlySet<string>): number[] {
    return Array.from(set, (t) => this.idOf(t));
  }

  /** A candidate's side; its terms join the dictionary. */
  candidate(canonical: string): ScoredSide {
    const v = viewOf(canonical);
    const bigramIdf: number[] = [];
    let bigramTotal = 0;
    for (const b of v.bigrams) {
      const w = this.idf.get(b);
      bigramIdf.push(w);
      bigramTotal += w;
    }
    const weighted: number[] = [];
    const weights: (readonly number[])[] = [];
    for (const t of v.tokens) {
      const w = this.terms.get(t);
      if (!w) continue;
      weighted.push(this.idOf(t));
      weights.push(w);
    }
    return {
      canonical,
      negated: v.negated,
      length: v.length,
      head: v.head,
      headIds: v.head.map((cp) => this.idOf(String.fromCodePoint(cp))),
      bigrams: this.idsOf(v.bigrams),
      bigramIdf,
      bigramTotal,
      chars: this.idsOf(v.chars),
      pinyin: this.idsOf(v.pinyin),
      tokens: this.idsOf(v.tokens),
      weighted,
      weights,
    };
  }

  /**
   * The query's side, after every candidate it is scored against has been prepared (so a term
   * missing from the dictionary is missing from all of them). Its terms are marked for `score`.
   * `bigramList` and `pinyinList` are charBigrams(canonical) and pinyinBigrams(canonical).
   */
  query(canonical: string, bigramList: readonly string[], pinyinList: readonly string[]): ScoredSide {
    ensureCapacity(this.ids.size);
    this.querySize = this.ids.size;
    const s = (this.queryStamp = nextStamp());
    const chars = [...canonical];
    const charIds = this.lookUp(chars);
    const bigramIds = this.lookUp(bigramList);
    const bigramTerms: string[] = [];
    const bigrams = distinct(bigramIds, bigramList, queryMarks[0]!, s, bigramTerms);
    const bigramIdf: number[] = [];
    let bigramTotal = 0;
    for (const t of bigramTerms) {
      const w = this.idf.get(t);
      bigramIdf.push(w);
      bigramTotal += w;
    }
    // charTokens(canonical) is each character then it and the next: the same strings as `chars`
    // and `bigramList`, whose ids are known already; then the domain words.
    const tokenTerms: string[] = [];
    const tokenIds: number[] = [];
    for (let i = 0; i < chars.length; i++) {
      tokenTerms.push(chars[i]!);
      tokenIds.push(charIds[i]!);
      if (i + 1 >= chars.length) continue;
      tokenTerms.push(bigramList[i]!);
      tokenIds.push(bigramIds[i]!);
    }
    for (const w of domainWords(canonical)) {
      const t = `w:${w}`;
      tokenTerms.push(t);
      tokenIds.push(this.ids.get(t) ?? -1);
    }
    const distinctTokens: string[] = [];
    const tokens = distinct(tokenIds, tokenTerms, queryMarks[3]!, s, distinctTokens);
    const weighted: number[] = [];
    const weights: (readonly number[])[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const w = this.weightOf(tokens[i]!, distinctTokens[i]!);
      if (!w) continue;
      weighted.push(tokens[i]!);
      weights.push(w);
    }
    return {
      canonical,
      negated: NEGATION.test(canonical),
      length: chars.length,
      head: headOf(chars),
      headIds: charIds.slice(0, LCS_CHARS),
      bigrams,
      bigramIdf,
      bigramTotal,
      chars: distinct(charIds, chars, queryMarks[1]!, s),
      pinyin: distinct(this.lookUp(pinyinList), pinyinList, queryMarks[2]!, s),
      tokens,
      weighted,
      weights,
    };
  }

  /** Each term's id, -1 for one the dictionary lacks. */
  private lookUp(terms: readonly string[]): number[] {
    const out: number[] = [];
    for (const t of terms) out.push(this.ids.get(t) ?? -1);
    return out;
  }

  /** A term's learned weights, by id once looked up (null: it has none). */
  private weightOf(id: number, term: string): readonly number[] | undefined {
    if (id < 0) return this.terms.get(term);
    let w = this.weightById[id];
    if (w === undefined) this.weightById[id] = w = this.terms.get(term) ?? null;
    return w ?? undefined;
  }

  /**
   * `pairScore(ranker, query, candidate, idf)` for the query prepared last and a candidate
   * prepared before it.
   */
  score(q: ScoredSide, c: ScoredSide): number {
    if (this.ids.size !== this.querySize) throw new Error('PairScorer: prepare every candidate before the query');
    const qs = this.queryStamp;
    const cs = nextStamp();
    // Shared character and pinyin counts are the same counted from either side, so those use the
    // query's marks; the candidate's characters are marked for the longest common substring.
    mark(c.bigrams, candidateMarks[0]!, cs);
    mark(c.chars, candidateMarks[1]!, cs);
    mark(c.tokens, candidateMarks[3]!, cs);
    const f = this.features;
    f[0] = 1;
    f[1] = coverage(q.bigrams, q.bigramIdf, q.bigramTotal, candidateMarks[0]!, cs);
    f[2] = coverage(c.bigrams, c.bigramIdf, c.bigramTotal, queryMarks[0]!, qs);
    f[3] = dice(q.chars, c.chars, queryMarks[1]!, qs);
    f[4] = dice(q.pinyin, c.pinyin, queryMarks[2]!, qs);
    f[5] = lcsRatio(longestCommonSubstring(q.head, q.headIds, c.head, candidateMarks[1]!, cs), q.length, c.length);
    f[6] = lengthGap(q.length, c.length);
    f[7] = q.negated !== c.negated ? 1 : 0;
    f[8] = q.canonical === c.canonical ? 1 : 0;
    // rankingScore's sums in its order; tokens without a weight added nothing there either.
    const model = this.ranker.weights;
    let z = 0;
    for (let i = 0; i < f.length; i++) z += (model[i] ?? 0) * f[i]!;
    const inCandidate = candidateMarks[3]!;
    for (let i = 0; i < q.weighted.length; i++) {
      const id = q.weighted[i]!;
      const w = q.weights[i]!;
      z += (id >= 0 && inCandidate[id] === cs ? w[0] : w[1]) ?? 0;
    }
    const inQuery = queryMarks[3]!;
    for (let i = 0; i < c.weighted.length; i++) {
      if (inQuery[c.weighted[i]!] === qs) continue;
      z += c.weights[i]![2] ?? 0;
    }
    return squash(this.ranker, z);
  }
}
