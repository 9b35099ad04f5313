import type { FaqEntry } from '../schemas';
import type { FaqService } from './FaqService';
import { faqTables as t } from './faqTables';
import { readGaps } from './faqGapRows';
import { faqGapClusters } from './faqGapClusters';

export interface FaqEntryInsight {
  readonly faqId: string;
  readonly question: string;
  readonly enabled: boolean;
  readonly hits: number;
  readonly resolved: number;
  readonly unresolved: number;
  readonly predictedClicks: number;
}

export interface FaqGapGroup {
  /** The group's most typical question (masked), to name the entry the merchant could add. */
  readonly sample: string;
  readonly count: number;
  readonly questions: readonly string[];
}

export interface FaqInsight {
  /** Conversations the bot handled, those it resolved itself, and those it handed to a human. */
  readonly conversations: number;
  readonly selfService: number;
  readonly handoff: number;
  /** selfService / conversations, or null before the first conversation. */
  readonly selfServiceRate: number | null;
  /** Entries by hits, most asked first. */
  readonly entries: readonly FaqEntryInsight[];
  /**
   * Questions the bot handed off for lack of an entry, suggested without a tap or got 没解决 on,
   * grouped by similarity, largest group first (the console's list with actions: faqGapActions).
   */
  readonly gaps: readonly FaqGapGroup[];
}

/** What the merchant needs to improve the knowledge base: per-entry use, self-service, and gaps. */
export async function faqInsight(faq: FaqService, tenant: string, now = Date.now()): Promise<FaqInsight> {
  const db = faq.storeOf(tenant);
  const [entries, stats, counter, gaps] = await Promise.all([
    faq.all(tenant),
    db.range<Record<string, number>>(t.stat, [], { limit: 1000 }),
    db.get<Record<string, number>>(t.counter, ['bot']),
    readGaps(db, now),
  ]);
  const statOf = new Map(stats.rows.map((r) => [String(r.key[0]), r.value]));
  const c = counter?.value ?? {};
  const conversations = c['conversations'] ?? 0;
  const selfService = c['selfService'] ?? 0;
  return {
    conversations,
    selfService,
    handoff: c['handoff'] ?? 0,
    selfServiceRate: conversations ? Math.round((selfService / conversations) * 1000) / 1000 : null,
    entries: entries.map((e: FaqEntry) => {
      const s = statOf.get(e.id) ?? {};
      return {
        faqId: e.id,
        question: e.question,
        enabled: e.enabled,
        hits: s['hits'] ?? 0,
        resolved: s['resolved'] ?? 0,
        unresolved: s['unresolved'] ?? 0,
        predictedClicks: s['predictedClicks'] ?? 0,
      };
    }).sort((a, b) => b.hits - a.hits || a.faqId.localeCompare(b.faqId)),
    gaps: faqGapClusters(gaps).map((g) => ({ sample: g.typical, count: g.count, questions: g.examples.map((e) => e.text) })),
  };
}
