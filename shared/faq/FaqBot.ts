import { randomUUID } from 'node:crypto';
import type { FaqEntry, MessageBody } from '../schemas';
import { mask } from '../nlp';
import type { BotCandidate, BotObservation, BotReply, ConversationBot } from '../conversation';
import type { FaqService } from './FaqService';
import { faqTables as t } from './faqTables';

/** Suggestions shown at most, as the "top 3 as buttons". */
const SUGGESTIONS = 3;
/** Entries a greeting offers (猜你想问). */
const GREETING_ITEMS = 3;

/**
 * The FAQ bot: matches each user message against the merchant's knowledge base and answers,
 * suggests, or hands off; records what happened so the merchant sees hits, 没解决 and gaps.
 */
export class FaqBot implements ConversationBot {
  constructor(
    private readonly faq: FaqService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async reply(tenant: string, text: string): Promise<BotReply> {
    const { result, entries } = await this.faq.decideWithEntries(tenant, text);
    const candidates: BotCandidate[] = result.matches.flatMap((m, i) => {
      const e = entries[i];
      return e ? [{ faqId: m.faqId, question: e.question, score: m.score }] : [];
    });
    if (result.decision === 'answer' && entries[0]) return { kind: 'answer', card: cardOf(entries[0]), candidates };
    if (result.decision === 'suggest' && candidates.length) {
      return {
        kind: 'suggest',
        suggestion: {
          type: 'faqSuggest',
          text: '您想问的是不是下面这些问题?点击即可查看答案',
          items: candidates.slice(0, SUGGESTIONS).map((c) => ({ faqId: c.faqId, question: c.question })),
        },
        candidates,
      };
    }
    // A suggestion with no entry left to show is as good as no match.
    const reason = result.reason === 'explicitRequest' || result.reason === 'emptyKnowledgeBase' ? result.reason : 'lowConfidence';
    return { kind: 'handoff', reason, candidates };
  }

  /** 猜你想问 for a greeting: the most asked entries (by hits), else the first ones of the base. */
  async greeting(tenant: string): Promise<Extract<MessageBody, { type: 'faqSuggest' }> | undefined> {
    const stats = (await this.faq.storeOf(tenant).range<{ hits?: number }>(t.stat, [], { limit: 1000 })).rows;
    const ranked = stats.sort((a, b) => (b.value.hits ?? 0) - (a.value.hits ?? 0)).map((r) => String(r.key[0]));
    const items: { faqId: string; question: string }[] = [];
    for (const id of ranked) {
      if (items.length >= GREETING_ITEMS) break;
      const e = await this.faq.enabledEntry(tenant, id);
      if (e) items.push({ faqId: e.id, question: e.question });
    }
    if (items.length < GREETING_ITEMS) {
      for (const e of (await this.faq.list(tenant, { enabled: true, limit: GREETING_ITEMS * 2 })).entries) {
        if (items.length < GREETING_ITEMS && !items.some((i) => i.faqId === e.id)) items.push({ faqId: e.id, question: e.question });
      }
    }
    return items.length ? { type: 'faqSuggest', text: '', items } : undefined;
  }

  async card(tenant: string, faqId: string) {
    const entry = await this.faq.enabledEntry(tenant, faqId);
    return entry ? cardOf(entry) : undefined;
  }

  async observe(tenant: string, o: BotObservation): Promise<void> {
    const db = this.faq.storeOf(tenant);
    switch (o.type) {
      case 'opened':
        await db.increment(t.counter, ['bot'], 'conversations');
        return;
      case 'answered':
        await db.increment(t.stat, [o.faqId], 'hits');
        return;
      case 'feedback':
        await db.increment(t.stat, [o.faqId], o.resolved ? 'resolved' : 'unresolved');
        if (o.resolved) await db.increment(t.counter, ['bot'], 'selfService');
        return;
      case 'predictedClick':
        await db.increment(t.stat, [o.faqId], 'predictedClicks');
        return;
      case 'handoff':
        await db.increment(t.counter, ['bot'], 'handoff');
        // Only questions the knowledge base had nothing for are gaps a new entry could close.
        if (o.reason === 'lowConfidence' || o.reason === 'emptyKnowledgeBase') {
          await db.put(t.gap, [this.clock().getTime(), randomUUID()], { text: mask(o.text).slice(0, 200), reason: o.reason });
        }
        return;
    }
  }
}

function cardOf(entry: FaqEntry) {
  return { type: 'faqCard' as const, faqId: entry.id, question: entry.question, answer: entry.answer, actions: entry.actions, feedback: true };
}
