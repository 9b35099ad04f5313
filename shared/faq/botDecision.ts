import type { FaqTrialResult } from '../schemas';
import { detectServiceIntent, handsOff } from '../nlp';
import type { FaqMatchResult } from './FaqMatcher';
import type { FaqService } from './FaqService';

/**
 * What the bot does with a typed message, as its turn decides (shared/conversation/BotTurn): an
 * intent first (a greeting is answered, a complaint goes to a person, whatever the FAQ holds), the
 * FAQ's decision otherwise. The 试一试 panel and `kefu faq match` show this, so a merchant trying
 * 你好 or 我要投诉 sees what a user would get. The FAQ's ranking is kept either way.
 * Self-service flows, which need the user's own records, are not part of it.
 */
export function botDecision<M extends FaqMatchResult['matches'][number]>(text: string, faq: { readonly decision: FaqMatchResult['decision']; readonly reason: FaqMatchResult['reason']; readonly matches: readonly M[] }): Omit<FaqTrialResult, 'matches'> & { matches: M[] } {
  const intent = detectServiceIntent(text);
  if (!intent) return { decision: faq.decision, reason: faq.reason, matches: [...faq.matches] };
  return { intent, decision: handsOff(intent) ? 'handoff' : 'reply', reason: intent === 'human' ? 'explicitRequest' : intent, matches: [...faq.matches] };
}

/** The 试一试 panel's answer for one message of the tenant: botDecision with the ranked entries' questions. */
export async function faqTrial(faq: Pick<FaqService, 'decideWithEntries'>, tenant: string, text: string): Promise<FaqTrialResult> {
  const { result, entries } = await faq.decideWithEntries(tenant, text);
  const matches = result.matches.flatMap((m, i) => (entries[i] ? [{ ...m, question: entries[i].question }] : []));
  // As FaqBot.reply: an answer whose entry is gone, or a suggestion with none left, hands off.
  const unshowable = (result.decision === 'answer' && !entries[0]) || (result.decision === 'suggest' && matches.length === 0);
  return botDecision(text, unshowable ? { decision: 'handoff', reason: 'lowConfidence', matches } : { ...result, matches });
}
