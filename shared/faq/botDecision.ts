import type { FaqTrialResult } from '../schemas';
import { detectServiceIntent, handsOff } from '../nlp';
import type { FaqMatchResult } from './FaqMatcher';

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
