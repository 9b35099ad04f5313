import type { FaqEntry } from '../schemas';
import type { FaqService } from './FaqService';
import { faqTables as t } from './faqTables';
import { canonicalText, charBigrams } from './faqText';

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
  /** Questions handed off for lack of an entry, grouped by similarity, largest group first. */
  readonly gaps: readonly FaqGapGroup[];
}

/** Gaps read for grouping: the most recent ones. */
const GAPS_READ = 1000;
/** Character-bigram Dice at or above which two questions are taken as the same need. */
const SAME_NEED = 0.4;

/** What the merchant needs to improve the knowledge base: per-entry use, self-service, and gaps. */
export async function faqInsight(faq: FaqService, tenant: string): Promise<FaqInsight> {
  const db = faq.storeOf(tenant);
  const [entries, stats, counter, gaps] = await Promise.all([
    faq.all(tenant),
    db.range<Record<string, number>>(t.stat, [], { limit: 1000 }),
    db.get<Record<string, number>>(t.counter, ['bot']),
    db.range<{ text: string }>(t.gap, [], { direction: 'backward', limit: GAPS_READ }),
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
    gaps: groupSimilar(gaps.rows.map((r) => r.value.text)),
  };
}

/** Greedy single-pass grouping: each question joins the first group whose sample it resembles. */
export function groupSimilar(texts: readonly string[]): FaqGapGroup[] {
  const groups: { sample: string; grams: Set<string>; questions: string[] }[] = [];
  for (const text of texts) {
    const grams = new Set(charBigrams(canonicalText(text)));
    const home = groups.find((g) => dice(g.grams, grams) >= SAME_NEED);
    if (home) home.questions.push(text);
    else groups.push({ sample: text, grams, questions: [text] });
  }
  return groups
    .map((g) => ({ sample: g.sample, count: g.questions.length, questions: g.questions.slice(0, 20) }))
    .sort((a, b) => b.count - a.count);
}

function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}
