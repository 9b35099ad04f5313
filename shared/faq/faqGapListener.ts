import type { Committed, ConversationListener } from '../conversation';
import type { ConversationEvent, MessageBody } from '../schemas';
import type { FaqService } from './FaqService';
import { faqGapTables, recordGap, settleGap, type FaqGapOpen } from './faqGapRows';

type Suggest = Extract<MessageBody, { type: 'faqSuggest' }>;

/**
 * Records, after each committed change, the two gaps only a conversation shows: the bot's
 * suggestions that the user tapped none of, and 没解决 on an answer (with the question it answered).
 * Hand-offs for lack of an entry are FaqBot's own observation.
 */
export function faqGapListener(faq: FaqService, clock: () => Date = () => new Date()): ConversationListener {
  return async (committed) => {
    const db = faq.storeOf(committed.tenant);
    const now = clock().getTime();
    const { before, after, observations } = committed;
    // After a suggestion the bot holds the conversation with no latest answer: only then can one be open.
    if (committed.actor.role === 'user' && before.status === 'bot' && before.botLastAnswer === '') {
      const open = await db.get<FaqGapOpen>(faqGapTables.open, [before.id]);
      if (open) {
        const key = [open.value.at, open.value.id] as const;
        // A tap answers with a suggested entry and keeps the question (a typed one replaces it).
        const tapped = observations.some((o) => o.type === 'answered' && open.value.faqIds.includes(o.faqId)) && after.botLastQuestion === before.botLastQuestion;
        if (tapped) await db.delete(faqGapTables.gap, key);
        else await settleGap(db, key);
        await db.delete(faqGapTables.open, [before.id]);
      }
    }
    for (const o of observations) {
      if (o.type === 'feedback' && !o.resolved && before.botLastQuestion) {
        await recordGap(db, now, { kind: 'unresolved', text: before.botLastQuestion, faqIds: [o.faqId] });
      }
    }
    const offered = suggestionOf(committed);
    if (offered) {
      const faqIds = offered.items.map((i) => i.faqId);
      const [at, id] = await recordGap(db, now, { kind: 'suggested', text: after.botLastQuestion ?? '', faqIds });
      await db.put(faqGapTables.open, [after.id], { at, id, faqIds });
    }
  };
}

/**
 * The bot's suggestion for the question the user just typed, if this change is one: not the
 * greeting's 猜你想问 (which leaves the last question as it was) nor the other candidates after 没解决.
 */
function suggestionOf({ events, after, observations }: Committed): Suggest | undefined {
  if (after.status !== 'bot' || after.botLastAnswer !== '' || observations.some((o) => o.type === 'feedback')) return undefined;
  // Typed, or spoken and transcribed: the words the bot was asked.
  const asked = events.map(messageBody('user')).find((b) => b?.type === 'text' || (b?.type === 'voice' && b.transcribed));
  const words = asked && 'text' in asked ? (asked.text ?? '').trim() : '';
  const offered = events.map(messageBody('bot')).find((b): b is Suggest => b?.type === 'faqSuggest');
  if (!words || !offered?.items.length) return undefined;
  const question = after.botLastQuestion ?? '';
  const candidates = (after.botCandidates ?? []).map((c) => c.faqId);
  // The question asked now (alone or after the one it follows up) and the bot's candidates for it.
  if (!question.trimEnd().endsWith(words) || !offered.items.every((item, i) => candidates[i] === item.faqId)) return undefined;
  return offered;
}

const messageBody =
  (role: 'user' | 'bot') =>
  (e: ConversationEvent): MessageBody | undefined =>
    e.type === 'message' && e.message.sender.role === role ? e.message.body : undefined;
