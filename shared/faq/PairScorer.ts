import { charTokens, domainWords } from './faqText';
import {
  NEGATION,
  headOf,
  lcsRatio,
  lengthGap,
  longestCommonSubstring,
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
 * clearing, so marking a candidate costs its own terms, not the dictionary's size.
 */
const KINDS = 4; // bigrams, chars, pinyin, tokens
let queryMarks: Int32Array[] = [];
let candidateMarks: Int32Array[] = [];
let stamp = 0;

function ensureCapacity(size: number): void {
  if ((queryMarks[0]?.length ?? 0) >= size) return;
  const length = Math.max(1024, 2 * size);
  queryMarks = Array.from({ length: KINDS }, () => new Int32Array(length));
  candidateMarks = Array.from({ length: KINDS }, () => new Int32Array(length));
  stamp = 0;
}

function nextStamp(): number {
  if (stamp === 0x7fffffff) {
    for (const m of [...queryMarks, ...candidateMarks]) m.fill(0);
    stamp = 0;
  }
  return ++stamp;
}

function mark(ids: readonly number[], marks: Int32Array, s: number): void {
  for (let i = 0; i < ids.length; i++) marks[ids[i]!] = s;
}

function shared(ids: readonly number[], marks: Int32Array, s: number): number {
  let n = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id >= 0 && marks[id] === s) n++;
  }
  return n;
}

function dice(a: readonly number[], b: readonly number[], marksOfB: Int32Array, s: number): number {
  if (a.length === 0 || b.length === 0) return 0;
  return (2 * shared(a, marksOfB, s)) / (a.length + b.length);
}

function coverage(ids: readonly number[], idf: readonly number[], total: number, marksOfOther: Int32Array, s: number): number {
  let covered = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id >= 0 && marksOfOther[id] === s) covered += idf[i]!;
  }
  return total === 0 ? 0 : covered / total;
}

/**
 * `pairScore` for one matcher (one idf table, one ranker), computed from prepared sides: the same
 * features and sums, in the same order, so the same bits; but terms are compared as small integers
 * through marks instead of string-keyed set lookups, and each candidate is prepared once.
 */
export class PairScorer {
  private readonly ids = new Map<string, number>();
  private readonly terms: Map<string, readonly number[]>;
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
   */
  query(canonical: string, bigramList: readonly string[], pinyinList: readonly string[]): ScoredSide {
    ensureCapacity(this.ids.size);
    this.querySize = this.ids.size;
    const s = (this.queryStamp = nextStamp());
    const bigramTerms: string[] = [];
    const bigrams = this.distinct(bigramList, queryMarks[0]!, s, bigramTerms);
    const bigramIdf: number[] = [];
    let bigramTotal = 0;
    for (const t of bigramTerms) {
      const w = this.idf.get(t);
      bigramIdf.push(w);
      bigramTotal += w;
    }
    const chars = [...canonical];
    const tokenTerms: string[] = [];
    const tokens = this.distinct([...charTokens(canonical), ...domainWords(canonical).map((w) => `w:${w}`)], queryMarks[3]!, s, tokenTerms);
    const weighted: number[] = [];
    const weights: (readonly number[])[] = [];
    for (let i = 0; i < tokenTerms.length; i++) {
      const w = this.terms.get(tokenTerms[i]!);
      if (!w) continue;
      weighted.push(tokens[i]!);
      weights.push(w);
    }
    return {
      canonical,
      negated: NEGATION.test(canonical),
      length: chars.length,
      head: headOf(chars),
      bigrams,
      bigramIdf,
      bigramTotal,
      chars: this.distinct(chars, queryMarks[1]!, s),
      pinyin: this.distinct(pinyinList, queryMarks[2]!, s),
      tokens,
      weighted,
      weights,
    };
  }

  /**
   * Ids of the distinct terms in first-occurrence order, as a Set keeps them, marking each: known
   * ones deduplicated by their mark, unknown ones (-1, rare) by a set of their own.
   */
  private distinct(terms: readonly string[], marks: Int32Array, s: number, distinctTerms?: string[]): number[] {
    const out: number[] = [];
    let unknown: Set<string> | undefined;
    for (const t of terms) {
      const id = this.ids.get(t) ?? -1;
      if (id >= 0) {
        if (marks[id] === s) continue;
        marks[id] = s;
      } else {
        unknown ??= new Set();
        if (unknown.has(t)) continue;
        unknown.add(t);
      }
      out.push(id);
      distinctTerms?.push(t);
    }
    return out;
  }

  /**
   * `pairScore(ranker, query, candidate, idf)` for the query prepared last and a candidate
   * prepared before it.
   */
  score(q: ScoredSide, c: ScoredSide): number {
    if (this.ids.size !== this.querySize) throw new Error('PairScorer: prepare every candidate before the query');
    const qs = this.queryStamp;
    const cs = nextStamp();
    mark(c.bigrams, candidateMarks[0]!, cs);
    mark(c.chars, candidateMarks[1]!, cs);
    mark(c.pinyin, candidateMarks[2]!, cs);
    mark(c.tokens, candidateMarks[3]!, cs);
    const f = this.features;
    f[0] = 1;
    f[1] = coverage(q.bigrams, q.bigramIdf, q.bigramTotal, candidateMarks[0]!, cs);
    f[2] = coverage(c.bigrams, c.bigramIdf, c.bigramTotal, queryMarks[0]!, qs);
    f[3] = dice(q.chars, c.chars, candidateMarks[1]!, cs);
    f[4] = dice(q.pinyin, c.pinyin, candidateMarks[2]!, cs);
    f[5] = lcsRatio(longestCommonSubstring(q.head, c.head), q.length, c.length);
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
