import type { FaqEntry } from '../schemas';
import { canonicalText, charBigrams, charTokens, pinyinBigrams } from './faqText';
import { BigramIndex, type IndexedPhrasing } from './BigramIndex';
import { PairScorer, type ScoredSide } from './PairScorer';
import { buildIdf, type IdfTable, type RankerWeights } from './pairFeatures';
import type * as RankerFile from './faqRankerWeights.json';

export type FaqDecision = 'answer' | 'suggest' | 'handoff';

export interface FaqMatch {
  readonly faqId: string;
  /** Probability-like relevance in [0, 1] from the trained ranker. */
  readonly score: number;
}

export interface FaqMatchResult {
  readonly decision: FaqDecision;
  readonly matches: FaqMatch[];
  readonly reason: 'confident' | 'close' | 'lowConfidence' | 'explicitRequest' | 'emptyKnowledgeBase';
}

export interface FaqThresholds {
  /** Top score at or above which the bot answers with the entry (with the margin below). */
  readonly answer: number;
  /** How far the best entry must lead the second for an answer; a close call is a suggestion. */
  readonly answerMargin: number;
  /** Top score at or above which the bot suggests the top 3; below it hands off. */
  readonly suggest: number;
}

export interface RankerModel extends RankerWeights {
  readonly thresholds: FaqThresholds;
}

/** The shipped ranker, reproduced by `npm run train:faq`. */
let trained: RankerModel | undefined;
/** The trained ranker (`npm run train:faq`), read on first use: a cold start that matches nothing skips it. */
export function defaultRanker(): RankerModel {
  if (!trained) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const file = require('./faqRankerWeights.json') as typeof RankerFile;
    trained = { weights: file.weights, terms: file.terms, platt: file.platt, thresholds: file.thresholds };
  }
  return trained;
}

/** A user asking for a person is handed off whatever the knowledge base holds. */
const HUMAN_REQUEST = /转人工|人工客服|人工服务|找人工|要人工|真人|^人工$|接人工/;

const CANDIDATES = 20;

/** Version of the saved form; a saved index of another version is rebuilt, not misread. */
const SAVED_FORMAT = 2;

/** The saved form: each phrasing's entry, canonical text and pinyin terms (the costly part). */
interface SavedMatcher {
  format: number;
  size: number;
  docs: [entryId: string, text: string, pinyin: string][];
}

/**
 * The knowledge-base matcher: candidate questions (and their similar phrasings) are retrieved by
 * BM25 over character n-grams and pinyin bigrams of the canonical text, then re-ranked by a
 * model trained on ATEC/AFQMC questions to put the right one first. An entry scores as its best phrasing.
 */
export class FaqMatcher {
  /**
   * Scores pairs from prepared sides. The candidate side depends only on the document, this
   * matcher's idf and its ranker, all fixed for the matcher's life (a changed knowledge base makes
   * a new matcher), so each document is prepared once, the first time retrieval returns it.
   */
  private readonly scorer: PairScorer;
  private readonly candidates: (ScoredSide | undefined)[] = [];

  private constructor(
    private readonly index: BigramIndex,
    idf: IdfTable,
    private readonly ranker: RankerModel,
    readonly size: number,
  ) {
    this.scorer = new PairScorer(idf, ranker);
  }

  private static fromPhrasings(docs: IndexedPhrasing[], ranker: RankerModel): FaqMatcher {
    // Retrieval uses bigrams only: single characters like 花 or 呗 occur in most questions.
    return new FaqMatcher(new BigramIndex(docs), buildIdf(docs.map((d) => [...new Set(charTokens(d.text))])), ranker, new Set(docs.map((d) => d.entryId)).size);
  }

  static build(entries: readonly Pick<FaqEntry, 'id' | 'question' | 'similar' | 'enabled'>[], ranker: RankerModel = defaultRanker()): FaqMatcher {
    const docs: IndexedPhrasing[] = [];
    for (const entry of entries) {
      if (entry.enabled === false) continue;
      for (const q of [entry.question, ...(entry.similar ?? [])]) {
        const text = canonicalText(q);
        if (text) docs.push({ entryId: entry.id, text, textTerms: charBigrams(text), pinyinTerms: pinyinBigrams(text) });
      }
    }
    return FaqMatcher.fromPhrasings(docs, ranker);
  }

  /** The index as plain JSON, so a cold start can load it instead of rebuilding. */
  toJSON(): SavedMatcher {
    return { format: SAVED_FORMAT, size: this.size, docs: this.index.docs.map((d) => [d.entryId, d.text, d.pinyinTerms.join(' ')]) };
  }

  /** A matcher from `toJSON()`'s output; undefined for a saved form this version cannot read. */
  static fromJSON(saved: unknown, ranker: RankerModel = defaultRanker()): FaqMatcher | undefined {
    const s = saved as Partial<SavedMatcher> | null;
    if (!s || s.format !== SAVED_FORMAT || !Array.isArray(s.docs)) return undefined;
    return FaqMatcher.fromPhrasings(
      s.docs.map(([entryId, text, py]) => ({ entryId, text, textTerms: charBigrams(text), pinyinTerms: py ? py.split(' ') : [] })),
      ranker,
    );
  }

  private candidate(doc: number): ScoredSide {
    let c = this.candidates[doc];
    if (!c) this.candidates[doc] = c = this.scorer.candidate(this.index.docs[doc]!.text);
    return c;
  }

  /** Entries in retrieval (BM25) order before re-ranking, at most `limit`: what training sees. */
  retrieve(query: string, limit: number): string[] {
    const canonical = canonicalText(query);
    if (!canonical) return [];
    const ids: string[] = [];
    for (const hit of this.index.search(charBigrams(canonical), pinyinBigrams(canonical), limit * 2)) {
      const id = this.index.docs[hit.doc]!.entryId;
      if (!ids.includes(id)) ids.push(id);
      if (ids.length === limit) break;
    }
    return ids;
  }

  /** Ranked entries for a query (best phrasing per entry), at most `limit`. */
  rank(query: string, limit = 5): FaqMatch[] {
    const canonical = canonicalText(query);
    if (!canonical || this.size === 0) return [];
    const bigrams = charBigrams(canonical);
    const pinyin = pinyinBigrams(canonical);
    const hits = this.index.search(bigrams, pinyin, CANDIDATES);
    // Candidates first: the query side is prepared against the terms they brought in.
    const candidates = hits.map((hit) => this.candidate(hit.doc));
    const q = hits.length ? this.scorer.query(canonical, bigrams, pinyin) : undefined;
    const best = new Map<string, number>();
    for (let i = 0; i < hits.length; i++) {
      const entryId = this.index.docs[hits[i]!.doc]!.entryId;
      const s = this.scorer.score(q!, candidates[i]!);
      if (s > (best.get(entryId) ?? -1)) best.set(entryId, s);
    }
    const ranked: FaqMatch[] = [];
    for (const [faqId, s] of best) ranked.push({ faqId, score: Math.round(s * 10000) / 10000 });
    // A stable sort of the entries in first-retrieved order, as before.
    return ranked.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  /** Answer, suggest the top 3, or hand off to a human, with the ranked matches. */
  match(query: string, thresholds: FaqThresholds = this.ranker.thresholds): FaqMatchResult {
    const matches = this.rank(query, 5);
    if (HUMAN_REQUEST.test(query)) return { decision: 'handoff', matches, reason: 'explicitRequest' };
    if (this.size === 0) return { decision: 'handoff', matches, reason: 'emptyKnowledgeBase' };
    const top = matches[0]?.score ?? 0;
    const margin = top - (matches[1]?.score ?? 0);
    if (top >= thresholds.answer && margin >= thresholds.answerMargin) return { decision: 'answer', matches, reason: 'confident' };
    if (top >= thresholds.suggest) return { decision: 'suggest', matches, reason: 'close' };
    return { decision: 'handoff', matches, reason: 'lowConfidence' };
  }
}
