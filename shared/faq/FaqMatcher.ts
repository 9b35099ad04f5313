import MiniSearch from 'minisearch';
import type { FaqEntry } from '../schemas';
import { canonicalText, charBigrams, charTokens, pinyinBigrams } from './faqText';
import { buildIdf, pairFeatures, score, viewOf, type IdfTable, type TextView } from './pairFeatures';
import rankerFile from './faqRankerWeights.json';

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

export interface RankerModel {
  readonly weights: readonly number[];
  readonly thresholds: FaqThresholds;
}

/** The shipped ranker, reproduced by `npm run train:faq`. */
export const defaultRanker: RankerModel = { weights: rankerFile.weights, thresholds: rankerFile.thresholds };

/** A user asking for a person is handed off whatever the knowledge base holds. */
const HUMAN_REQUEST = /转人工|人工客服|人工服务|找人工|要人工|真人|^人工$|接人工/;

interface IndexedDoc {
  id: string;
  entryId: string;
  text: string;
  py: string;
}

const CANDIDATES = 20;

// Retrieval uses bigrams only: single characters like 花 or 呗 occur in most questions, and their
// posting lists made every query touch the whole index.
function tokenizeIndexed(text: string, field?: string): string[] {
  return field === 'py' ? text.split(' ').filter(Boolean) : charBigrams(text);
}

function tokenizeQuery(text: string): string[] {
  // The query is matched against both fields with one string: character bigrams hit `text`,
  // pinyin bigrams (which contain '_') hit `py`.
  return [...charBigrams(text), ...pinyinBigrams(text)];
}

function newIndex(): MiniSearch<IndexedDoc> {
  return new MiniSearch<IndexedDoc>({
    fields: ['text', 'py'],
    storeFields: ['entryId', 'text'],
    tokenize: tokenizeIndexed,
    processTerm: (t) => t,
    searchOptions: { tokenize: tokenizeQuery, processTerm: (t) => t, combineWith: 'OR', boost: { text: 2, py: 1 } },
  });
}

/**
 * The knowledge-base matcher: candidate questions (and their similar phrasings) are retrieved by
 * BM25 over character n-grams and pinyin bigrams of the canonical text, then re-ranked by a
 * logistic model trained on ATEC/AFQMC question pairs. An entry scores as its best phrasing.
 */
export class FaqMatcher {
  private readonly views = new Map<string, TextView>();

  private constructor(
    private readonly index: MiniSearch<IndexedDoc>,
    private readonly idf: IdfTable,
    private readonly ranker: RankerModel,
    readonly size: number,
  ) {}

  static build(entries: readonly Pick<FaqEntry, 'id' | 'question' | 'similar' | 'enabled'>[], ranker: RankerModel = defaultRanker): FaqMatcher {
    const docs: IndexedDoc[] = [];
    for (const entry of entries) {
      if (entry.enabled === false) continue;
      [entry.question, ...(entry.similar ?? [])].forEach((q, k) => {
        const text = canonicalText(q);
        if (text) docs.push({ id: `${entry.id}#${k}`, entryId: entry.id, text, py: pinyinBigrams(text).join(' ') });
      });
    }
    const index = newIndex();
    index.addAll(docs);
    return new FaqMatcher(index, buildIdf(docs.map((d) => [...new Set(charTokens(d.text))])), ranker, new Set(docs.map((d) => d.entryId)).size);
  }

  /** The index as plain JSON, so a cold start can load it instead of rebuilding. */
  toJSON(): object {
    return { index: this.index.toJSON(), size: this.size };
  }

  static fromJSON(saved: { index: unknown; size: number }, ranker: RankerModel = defaultRanker): FaqMatcher {
    const index = MiniSearch.loadJS<IndexedDoc>(saved.index as Parameters<typeof MiniSearch.loadJS>[0], {
      fields: ['text', 'py'],
      storeFields: ['entryId', 'text'],
      tokenize: tokenizeIndexed,
      processTerm: (t) => t,
      searchOptions: { tokenize: tokenizeQuery, processTerm: (t) => t, combineWith: 'OR', boost: { text: 2, py: 1 } },
    });
    const texts: string[][] = [];
    // Document frequencies come back from the stored index's documents.
    const stored = (saved.index as { storedFields?: Record<string, { text?: string }> }).storedFields ?? {};
    for (const f of Object.values(stored)) if (f.text) texts.push([...new Set(charTokens(f.text))]);
    return new FaqMatcher(index, buildIdf(texts), ranker, saved.size);
  }

  private view(text: string): TextView {
    let v = this.views.get(text);
    if (!v) {
      v = viewOf(text);
      if (this.views.size > 50_000) this.views.clear();
      this.views.set(text, v);
    }
    return v;
  }

  /** Ranked entries for a query (best phrasing per entry), at most `limit`. */
  rank(query: string, limit = 5): FaqMatch[] {
    const canonical = canonicalText(query);
    if (!canonical || this.size === 0) return [];
    const q = viewOf(canonical);
    const hits = this.index.search(canonical).slice(0, CANDIDATES);
    const best = new Map<string, number>();
    for (const hit of hits) {
      const entryId = hit['entryId'] as string;
      const s = score(this.ranker.weights, pairFeatures(q, this.view(hit['text'] as string), this.idf));
      if (s > (best.get(entryId) ?? -1)) best.set(entryId, s);
    }
    return [...best]
      .map(([faqId, s]) => ({ faqId, score: Math.round(s * 10000) / 10000 }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
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
