import { withoutIdentifiers } from './withoutIdentifiers';
import type { FaqEntry } from '../schemas';
import { TermIndex, type SavedTermIndex } from './TermIndex';
import { runSteps, runStepsInSlices } from './runSteps';
import { loadPhrasings, phrasingOverlap, phrasingSteps, savePhrasings, type Phrasings, type SavedPhrasings } from './faqPhrasings';
import { faqTerms, type FaqTerms } from './faqTerms';
import { confidenceOf, decide, defaultThresholds, type ConfidenceSignals, type FaqDecision, type FaqDecisionReason, type FaqThresholds } from './faqConfidence';

export type { FaqDecision, FaqDecisionReason, FaqThresholds } from './faqConfidence';

export interface FaqMatch {
  readonly faqId: string;
  /** Calibrated confidence in [0, 1] that this entry answers the question. */
  readonly score: number;
}

export interface FaqMatchResult {
  readonly decision: FaqDecision;
  readonly matches: FaqMatch[];
  readonly reason: FaqDecisionReason;
}

/** What the matcher reads of an entry; the answer is optional (older callers index questions only). */
export type MatchableEntry = Pick<FaqEntry, 'id' | 'question'> & { readonly similar?: readonly string[]; readonly enabled?: boolean; readonly answer?: string };

/** The thresholds a matcher decides with unless told otherwise. */
export function defaultRanker(): { thresholds: FaqThresholds } {
  return { thresholds: defaultThresholds() };
}

/**
 * How much each field counts in an entry's score (words, bigrams, characters, pinyin, concepts):
 * words, characters and concepts carry the meaning; bigrams repeat much of the words, pinyin
 * catches typos. Set by hand on the dev parts of eval/faq, the same for every base.
 */
const BOOSTS = [1, 0.5, 1, 0.5, 2];
/**
 * The answer is indexed by the phrasings' fields but pinyin (ANSWER_FIELDS), and counts half: it names what the
 * entry is about (a question "积分能抵钱吗" meets "100 积分可抵 1 元" there) but is written for reading,
 * not for matching. Its words matter most where users avoid the question's own words: on fresh
 * bases written by others (eval/faq/telecom) bigrams and concepts of the answer alone left the
 * matcher below plain BM25 over question and answer.
 */
const ANSWER_WEIGHT = 0.5;
/**
 * A long question counts the answer fully: a user who tells the story before asking (下周要去泰国
 * 第一次出国 这个卡到那边能不能打电话上网) uses the words answers are written in, not the short
 * question's, while a short one is best met by the phrasings. From LONG_FROM content characters
 * the weight rises evenly to ANSWER_WEIGHT_LONG at LONG_AT. On the dev parts of eval/faq: telecom
 * top-1 56.9 -> 61.9 %, grocery and lending unchanged (their questions are mostly short).
 */
const ANSWER_WEIGHT_LONG = 1;
const LONG_FROM = 8;
const LONG_AT = 20;
const answerWeightFor = (chars: number): number =>
  chars <= LONG_FROM ? ANSWER_WEIGHT : chars >= LONG_AT ? ANSWER_WEIGHT_LONG : ANSWER_WEIGHT + ((ANSWER_WEIGHT_LONG - ANSWER_WEIGHT) * (chars - LONG_FROM)) / (LONG_AT - LONG_FROM);
/**
 * The phrasings' fields (positions in fieldsOf) the answer is indexed by: all but pinyin, whose
 * many distinct syllable pairs of long answers made the saved index of 10,000 entries 12 % larger
 * (15.0 MB against 13.4) and its JSON text three times as slow to make (290 ms against 93), for 3
 * points of top-1 on one fresh set only.
 */
const ANSWER_FIELDS = [0, 1, 2, 4];
const ANSWER_BOOSTS = ANSWER_FIELDS.map((f) => BOOSTS[f]!);
/**
 * Answers are long, so in a large base many of their characters are in a good share of them: a
 * term in more than 2 % of the answers is scored only for the entries the rarer terms found
 * (TermIndex.search), which keeps a question at 2,000 entries near what it cost before answers
 * were indexed by characters. No effect below 1,000 entries.
 */
const ANSWER_COMMON_SHARE = 0.02;

/**
 * The plain BM25 beside the ranking ("the peer"): the words and characters of the phrasings and of
 * the answer at full weight, their BM25 sum times the larger of the counts of the question's terms
 * the phrasings have and the answer has (like minisearch's coordination, which counts a term once
 * across fields: measured as that union, the order was no better). It is right on other
 * questions than the ranking is (either of the two is right on 88 % of eval/faq's questions, each
 * alone on 83-84 %), so the order is the ranking's share of its best plus PEER_WEIGHT times the
 * peer's share of its best, and the margin signal is read on that order: among answers the ranking
 * alone was 80-88 % sure of, those the peer agreed with were right 94.6 %, the others 75 %. (The
 * peer's agreement and share as signals of their own got weights near 0 beside that margin.)
 * Read off the same fields, the peer costs no index of its own; so from 1,000 entries on, a common
 * term counts for the best candidates only, as in the ranking (TermIndex.search).
 */
const PEER_WEIGHT = 0.5;
const PEER_FIELDS = [0, 2];
const PEER_ANSWER_FIELDS = PEER_FIELDS.map((f) => ANSWER_FIELDS.indexOf(f));

/** Version of the saved form; a saved index of another version is rebuilt, not misread. */
// 8: the concepts of faqGeneralLexicon.ts and the colloquial rewrites of 2026-12-02 (a saved index holds concept terms).
// 9: the concept of being abroad (foreign places).
// 10: concept forms the colloquial rewrites had made unmatchable, written as matched (缓多久, 新账户).
const SAVED_FORMAT = 10;

/** The saved form: entry ids and the two indexes' arrays (faqTerms' work is not redone on load). */
interface SavedMatcher {
  format: number;
  ids: string[];
  phrasings: SavedPhrasings;
  index: SavedTermIndex;
  answers: SavedTermIndex;
}

/** The bigram field's position in fieldsOf. */
const BIGRAMS = 1;

const fieldsOf = (t: FaqTerms): (readonly string[])[] => [t.words, t.bigrams, t.chars, t.pinyin, t.concepts];

/** An entry's terms, ready to index; undefined for a disabled entry or one without any text to match. */
export interface PreparedEntry {
  readonly id: string;
  readonly phrasings: readonly FaqTerms[];
  /** The answer's terms, in the phrasings' fields. */
  readonly answer: readonly (readonly string[])[];
}

function prepare(entry: MatchableEntry): PreparedEntry | undefined {
  if (entry.enabled === false) return undefined;
  const phrasings = [entry.question, ...(entry.similar ?? [])].map(faqTerms).filter((t) => t.chars.length > 0);
  if (!phrasings.length) return undefined;
  const answer = fieldsOf(faqTerms(entry.answer ?? ''));
  return { id: entry.id, phrasings, answer: ANSWER_FIELDS.map((f) => answer[f]!) };
}

/** TermIndex.build's arguments for the entries' phrasings, and for their answers. */
const phrasingDocs = (kept: readonly PreparedEntry[]): [number, (e: number, f: number) => string[], number] => [kept.length, (e, f) => entryField(kept[e]!.phrasings, f), BOOSTS.length];
const answerDocs = (kept: readonly PreparedEntry[]): [number, (e: number, f: number) => readonly string[], number] => [kept.length, (e, f) => kept[e]!.answer[f]!, ANSWER_BOOSTS.length];

/** An entry's phrasings as one document per field (a bigram never spans two phrasings). */
function entryField(phrasings: readonly FaqTerms[], f: number): string[] {
  const out: string[] = [];
  for (const p of phrasings) out.push(...fieldsOf(p)[f]!);
  return out;
}

/**
 * The knowledge-base matcher: BM25 over the words, character bigrams, characters, pinyin and
 * concepts of an entry's question and similar questions together, plus half as much of the same
 * fields but pinyin of its answer, ordered together with a plain BM25 of the same words and
 * characters (PEER_WEIGHT). Nothing in it is learned from a public data set, so it
 * does on a merchant's base what it does on any other. The decision comes from calibrated signals
 * (faqConfidence.ts): how much of the question the best entry covers, its lead over the runner-up,
 * and whether the fields agree on it.
 */
export class FaqMatcher {
  readonly size: number;
  /** Per entry, its score in the ranking being made (synchronous: never two at once); zeroed after. */
  private readonly totals: Float64Array;
  /** Per entry, the peer's score and the order's (ranking and peer together), as `totals`. */
  private readonly peer: Float64Array;
  private readonly fused: Float64Array;

  private constructor(
    private readonly ids: readonly string[],
    /** One document per entry: all its phrasings (question and similar questions) together. */
    private readonly index: TermIndex,
    private readonly answers: TermIndex,
    private readonly phrasings: Phrasings,
  ) {
    this.size = ids.length;
    this.totals = new Float64Array(ids.length);
    this.peer = new Float64Array(ids.length);
    this.fused = new Float64Array(ids.length);
  }

  /**
   * The matcher of the enabled entries. `prepared` is what `prepare` made of the same entries and
   * `indexes` the indexes made of those (both by `buildInSlices`); without them, made here.
   */
  static build(entries: readonly MatchableEntry[], prepared?: readonly (PreparedEntry | undefined)[], indexes?: { index: TermIndex; answers: TermIndex; phrasings: Phrasings }): FaqMatcher {
    const kept = (prepared ?? entries.map(prepare)).filter((p): p is PreparedEntry => p !== undefined);
    if (indexes) return new FaqMatcher(kept.map((p) => p.id), indexes.index, indexes.answers, indexes.phrasings);
    const index = TermIndex.build(...phrasingDocs(kept));
    return new FaqMatcher(kept.map((p) => p.id), index, TermIndex.build(...answerDocs(kept)), runSteps(phrasingSteps(kept, index, BIGRAMS)));
  }

  /**
   * `build`, with the costly parts (segmenting, pinyin, concepts: about 0.5 ms an entry; then the
   * postings) done in slices of at most `sliceMs` between which other work of the process runs: a
   * rebuild of a large base never holds the event loop for long.
   */
  static async buildInSlices(entries: readonly MatchableEntry[], sliceMs = 10): Promise<FaqMatcher> {
    const prepared: (PreparedEntry | undefined)[] = [];
    let sliceStart = performance.now();
    for (const entry of entries) {
      prepared.push(prepare(entry));
      if (performance.now() - sliceStart >= sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    const kept = prepared.filter((p): p is PreparedEntry => p !== undefined);
    const index = await TermIndex.buildInSlices(...phrasingDocs(kept), sliceMs);
    const answers = await TermIndex.buildInSlices(...answerDocs(kept), sliceMs);
    const phrasings = await runStepsInSlices(phrasingSteps(kept, index, BIGRAMS), sliceMs);
    return FaqMatcher.build(entries, prepared, { index, answers, phrasings });
  }

  /** The index as plain JSON, so a cold start can load it instead of rebuilding. */
  toJSON(): SavedMatcher {
    return { format: SAVED_FORMAT, ids: [...this.ids], phrasings: savePhrasings(this.phrasings), index: this.index.toJSON(), answers: this.answers.toJSON() };
  }

  /** A matcher from `toJSON()`'s output; undefined for a saved form this version cannot read. */
  static fromJSON(saved: unknown): FaqMatcher | undefined {
    const s = saved as Partial<SavedMatcher> | null;
    if (!s || s.format !== SAVED_FORMAT || !Array.isArray(s.ids) || !s.index || !s.answers || !s.phrasings) return undefined;
    try {
      // A damaged saved form is rebuilt, never half-read.
      const phrasings = loadPhrasings(s.phrasings, s.ids.length);
      return phrasings && new FaqMatcher(s.ids, TermIndex.fromJSON(s.index), TermIndex.fromJSON(s.answers), phrasings);
    } catch {
      return undefined;
    }
  }

  /** Ranked entries with the signals the decision reads, best first, at most `limit`. */
  private scored(query: string, limit: number): { faqId: string; signals: ConfidenceSignals }[] {
    if (this.size === 0) return [];
    const q = faqTerms(query);
    if (q.chars.length === 0) return [];
    const qf = fieldsOf(q);
    const ix = this.index;
    const ax = this.answers;
    ix.search(qf, BOOSTS);
    ax.search(ANSWER_FIELDS.map((f) => qf[f]!), ANSWER_BOOSTS, ANSWER_COMMON_SHARE);
    // The query's idf mass per field: the part of it an entry covers is the coverage signal.
    const queryMass = qf.map((terms, f) => {
      let m = 0;
      for (const t of new Set(terms)) m += ix.idf(f, t);
      return m;
    });
    // Per field (and the answer), the entry that scores best there: agreement of the fields.
    const answerWeight = answerWeightFor(q.chars.length);
    const fieldBest = [...BOOSTS, ANSWER_WEIGHT].map(() => ({ entry: -1, score: 0 }));
    const totals = this.totals;
    const scoredEntries: number[] = [];
    for (const e of ix.touched) {
      let s = 0;
      for (let f = 0; f < BOOSTS.length; f++) {
        const fs = ix.scores[f]![e]!;
        s += BOOSTS[f]! * fs;
        if (fs > fieldBest[f]!.score) fieldBest[f] = { entry: e, score: fs };
      }
      totals[e] = s;
      scoredEntries.push(e);
    }
    for (const e of ax.touched) {
      let s = 0;
      for (let f = 0; f < ANSWER_BOOSTS.length; f++) s += ANSWER_BOOSTS[f]! * ax.scores[f]![e]!;
      if (totals[e] === 0) scoredEntries.push(e);
      totals[e]! += answerWeight * s;
      if (s > fieldBest[BOOSTS.length]!.score) fieldBest[BOOSTS.length] = { entry: e, score: s };
    }
    // The peer beside the ranking (PEER_WEIGHT): each as a share of its best, summed.
    const peer = this.peer;
    const fused = this.fused;
    let ourBest = 0;
    let peerBest = 0;
    for (const e of scoredEntries) {
      let sum = 0;
      let inPhrasings = 0;
      let inAnswer = 0;
      for (let i = 0; i < PEER_FIELDS.length; i++) {
        const f = PEER_FIELDS[i]!;
        const a = PEER_ANSWER_FIELDS[i]!;
        sum += ix.scores[f]![e]! + ax.scores[a]![e]!;
        inPhrasings += ix.hits[f]![e]!;
        inAnswer += ax.hits[a]![e]!;
      }
      peer[e] = sum * Math.max(inPhrasings, inAnswer);
      peerBest = Math.max(peerBest, peer[e]);
      ourBest = Math.max(ourBest, totals[e]!);
    }
    for (const e of scoredEntries) fused[e] = totals[e]! / (ourBest || 1) + (PEER_WEIGHT * peer[e]!) / (peerBest || 1);
    const order = topOf(scoredEntries, fused, Math.max(limit, 2));
    // The most the question could score on the phrasings' fields: each of its terms at about twice
    // its idf (BM25's k1 + 1), boosted as its field is. An entry's share of it is scaled for the
    // question's length and for the base's size, which idf grows with. The entry's score counts its
    // answer too, so a question met in both can pass the ceiling: the share is capped at 1.
    let ceiling = 1e-9;
    for (let f = 0; f < BOOSTS.length; f++) ceiling += 2 * BOOSTS[f]! * queryMass[f]!;
    const total = (e: number) => totals[e]!;
    // The question's distinct bigrams as ids (one the base lacks is -1 and matches nothing), and their count.
    const distinct = new Set(q.bigrams);
    const queryBigrams = new Set<number>();
    for (const b of distinct) queryBigrams.add(ix.termId(BIGRAMS, b));
    const overlaps = new Map<number, number>();
    const overlapOf = (e: number | undefined) => {
      if (e === undefined) return 0;
      let o = overlaps.get(e);
      if (o === undefined) overlaps.set(e, (o = phrasingOverlap(this.phrasings, e, queryBigrams, distinct.size)));
      return o;
    };
    const out = order.slice(0, limit).map((e, rank) => {
      const other = order[rank === 0 ? 1 : 0];
      const mine = fused[e]!;
      const rival = other === undefined ? 0 : fused[other]!;
      const coverage = (f: number) => (queryMass[f]! > 0 ? Math.min(1, ix.matched[f]![e]! / queryMass[f]!) : 0);
      const entryCoverage = (f: number) => (ix.mass(f, e) > 0 ? Math.min(1, ix.matched[f]![e]! / ix.mass(f, e)) : 0);
      const words = (coverage(0) + coverage(1)) / 2;
      // A question that names no concept is judged by its words there too, not as a miss.
      const concepts = queryMass[4]! > 0 ? coverage(4) : words;
      const signals: ConfidenceSignals = {
        phrasingOverlap: overlapOf(e),
        rivalPhrasingOverlap: overlapOf(other),
        queryCoverage: words,
        pinyinCoverage: coverage(3),
        conceptCoverage: concepts,
        wordsAndConcepts: words * concepts,
        entryCoverage: (entryCoverage(0) + entryCoverage(1)) / 2,
        margin: mine > 0 ? (mine - rival) / mine : 0,
        coveredMargin: (mine > 0 ? (mine - rival) / mine : 0) * words,
        agreement: fieldBest.filter((b) => b.entry === e).length / fieldBest.length,
        scoreShare: Math.min(1, total(e) / ceiling),
        score: total(e),
      };
      return { faqId: this.ids[e]!, signals };
    });
    for (const e of scoredEntries) totals[e] = peer[e] = fused[e] = 0;
    ix.clear();
    ax.clear();
    return out;
  }

  /** Signals of the ranked entries, for calibration (`npm run train:faq`). */
  signals(query: string, limit = 5): { faqId: string; signals: ConfidenceSignals }[] {
    return this.scored(query, limit);
  }

  /**
   * Ranked entries for a query, at most `limit`, each with its calibrated confidence. An entry
   * never reads as more certain than the one ranked above it.
   */
  rank(query: string, limit = 5): FaqMatch[] {
    let ceiling = 1;
    return this.scored(query, limit).map(({ faqId, signals }) => {
      const score = Math.min(ceiling, confidenceOf(signals));
      ceiling = score;
      return { faqId, score: Math.round(score * 10000) / 10000 };
    });
  }

  /** Entries in ranking order, at most `limit` (ids only). */
  retrieve(query: string, limit: number): string[] {
    return this.scored(query, limit).map((m) => m.faqId);
  }

  /** Answer, suggest the top 3, or hand off to a human, with the ranked matches and the reason. */
  match(query: string, thresholds: FaqThresholds = defaultThresholds()): FaqMatchResult {
    const asked = withoutIdentifiers(query);
    const matches = this.rank(asked, 5);
    return { ...decide(asked, matches, this.size, thresholds), matches };
  }
}

/** The `k` best of the entries by total, best first; ties in entry order. */
function topOf(entries: readonly number[], total: Float64Array, k: number): number[] {
  const top: number[] = [];
  const before = (a: number, b: number) => total[a]! > total[b]! || (total[a] === total[b] && a < b);
  for (const e of entries) {
    if (top.length === k && !before(e, top[k - 1]!)) continue;
    let at = top.length < k ? top.length : k - 1;
    while (at > 0 && before(e, top[at - 1]!)) at--;
    top.splice(at, 0, e);
    if (top.length > k) top.pop();
  }
  return top;
}
