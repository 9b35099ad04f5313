import type { CustomerData, CustomerEventType } from '../customer';
import type { FaqEntry } from '../schemas';
import type { FaqService } from './FaqService';
import { faqTables as t } from './faqTables';

export interface PredictedQuestion {
  readonly faqId: string;
  readonly question: string;
  /** The event that suggested it, or `mostAsked` for the merchant's popular questions. */
  readonly reason: CustomerEventType | 'mostAsked';
}

/**
 * Which question an event makes likely, and for how long after it: the default knowledge base's
 * entry when the merchant kept it, else whatever entry of theirs best matches the question.
 */
const RULES: readonly { type: CustomerEventType; withinMs: number; faqId: string; question: string }[] = [
  { type: 'paymentFailed', withinMs: 60 * 60_000, faqId: 'payment-failed', question: '付款失败怎么办' },
  { type: 'loginAnomaly', withinMs: 7 * 24 * 3600_000, faqId: 'account-stolen', question: '账户被盗了怎么办' },
  { type: 'transferPending', withinMs: 3 * 24 * 3600_000, faqId: 'transfer-not-received', question: '转账成功了对方没收到怎么办' },
  { type: 'refundPending', withinMs: 30 * 24 * 3600_000, faqId: 'refund-progress', question: '退款进度怎么查' },
  { type: 'repaymentDue', withinMs: 7 * 24 * 3600_000, faqId: 'huabei-repay', question: '花呗怎么还款' },
];
const LONGEST = Math.max(...RULES.map((r) => r.withinMs));

/** Categories by how often Alipay users ask about them, for a merchant without statistics yet. */
const CATEGORY_ORDER = ['transfer', 'payment', 'refund', 'credit', 'account', 'bill', 'wealth', 'life', 'merchant', 'other'];

export const PREDICTED_MAX = 5;
const PREDICTED_MIN = 3;

/**
 * 猜你想问: questions predicted when the chat opens, from the user's recent events first, then the
 * merchant's most asked entries, 3 to 5 of them (fewer only when the knowledge base is smaller).
 */
export async function predictQuestions(faq: FaqService, customers: Pick<CustomerData, 'recentEvents'>, tenant: string, userId: string, now: Date): Promise<PredictedQuestion[]> {
  const [events, entries, stats] = await Promise.all([
    customers.recentEvents(tenant, userId, new Date(now.getTime() - LONGEST)),
    faq.all(tenant),
    faq.storeOf(tenant).range<{ hits?: number }>(t.stat, [], { limit: 1000 }),
  ]);
  const enabled = new Map(entries.filter((e) => e.enabled).map((e) => [e.id, e]));
  const out: PredictedQuestion[] = [];
  const add = (entry: FaqEntry | undefined, reason: PredictedQuestion['reason']) => {
    if (entry && out.length < PREDICTED_MAX && !out.some((p) => p.faqId === entry.id)) out.push({ faqId: entry.id, question: entry.question, reason });
  };
  for (const event of events) {
    const rule = RULES.find((r) => r.type === event.type && now.getTime() - Date.parse(event.at) <= r.withinMs);
    if (!rule) continue;
    let entry = enabled.get(rule.faqId);
    if (!entry) {
      const decided = await faq.decide(tenant, rule.question);
      entry = decided.decision === 'answer' ? enabled.get(decided.matches[0]!.faqId) : undefined;
    }
    add(entry, rule.type);
  }
  const popular = stats.rows
    .map((r) => ({ id: String(r.key[0]), hits: r.value.hits ?? 0 }))
    .filter((s) => s.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.id.localeCompare(b.id));
  for (const s of popular) add(enabled.get(s.id), 'mostAsked');
  // A new merchant has no statistics yet: one entry from each of the categories Alipay users ask
  // about most stands in for the most asked.
  const byCategory = new Map<string, FaqEntry[]>();
  for (const e of enabled.values()) byCategory.set(e.category, [...(byCategory.get(e.category) ?? []), e]);
  const order = [...CATEGORY_ORDER.filter((c) => byCategory.has(c)), ...[...byCategory.keys()].filter((c) => !CATEGORY_ORDER.includes(c))];
  for (let i = 0; out.length < PREDICTED_MIN && order.some((c) => byCategory.get(c)!.length > i); i++) {
    for (const c of order) {
      if (out.length >= PREDICTED_MIN) break;
      add(byCategory.get(c)![i], 'mostAsked');
    }
  }
  return out;
}
