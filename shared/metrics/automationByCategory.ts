import type { Conversation } from '../schemas';

/** The automation figures of one category (or of all of them). */
export interface AutomationFigures {
  /** Conversations in which the user asked something (the understanding step filled a ticket). */
  readonly questions: number;
  /** Of those, settled by the bot alone: 解决了 tapped, and no human ever involved. */
  readonly automated: number;
  /** Of the automated, those that held: no 没解决, no bad rating, no new contact on the topic within 24 h. */
  readonly verified: number;
  readonly automationRatePct: number | null;
  readonly verifiedResolutionPct: number | null;
  /** The existing self-service rate in this category: 解决了 among the conversations that ended. */
  readonly selfServiceRatePct: number | null;
}

const REPEAT_WINDOW_MS = 24 * 3600_000;

const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 100 : null);
const categoryOf = (c: Conversation) => c.ticket?.category?.value ?? 'other';

/**
 * Settled by the bot alone: the user tapped 解决了, or a self-service flow answered with the user's
 * own transaction (a status card: botLastFlow), and no human took part.
 */
export function settledByBot(c: Conversation): boolean {
  const answered = c.resolution === 'selfService' || (c.botLastFlow !== undefined && c.resolution !== 'agent');
  return answered && !c.queuedAt && !c.assigneeId && !c.agentRepliedAt && !c.handoff && !c.leftMessage;
}

/**
 * Whether a bot-settled conversation stayed settled: the user never said 没解决 in it (even to an
 * earlier answer), did not rate it 1-2 stars or as a complaint, and did not come back on the same
 * topic (a conversation of the same category) within 24 h of the resolution.
 */
function verified(c: Conversation, later: readonly Conversation[]): boolean {
  if ((c.botUnresolved ?? 0) > 0) return false;
  if (c.rating && (c.rating.stars <= 2 || c.rating.complaint)) return false;
  const at = Date.parse(c.resolvedAt ?? c.updatedAt);
  return !later.some((o) => o.id !== c.id && categoryOf(o) === categoryOf(c) && Date.parse(o.createdAt) > at && Date.parse(o.createdAt) - at <= REPEAT_WINDOW_MS);
}

function figures(of: readonly Conversation[], byUser: ReadonlyMap<string, readonly Conversation[]>): AutomationFigures {
  const questions = of.filter((c) => c.ticket);
  const automated = questions.filter(settledByBot);
  const held = automated.filter((c) => verified(c, byUser.get(c.userId) ?? []));
  const ended = of.filter((c) => c.resolution);
  return {
    questions: questions.length,
    automated: automated.length,
    verified: held.length,
    automationRatePct: pct(automated.length, questions.length),
    verifiedResolutionPct: pct(held.length, questions.length),
    selfServiceRatePct: pct(ended.filter((c) => c.resolution === 'selfService').length, ended.length),
  };
}

/**
 * Automation (questions the bot settled alone with a right answer / all questions) and verified
 * resolution (those of them that held), overall and per ticket category, beside the self-service
 * rate, from the conversations' stored state: the ticket the understanding step filled (the
 * category), the resolution 解决了 sets, the count of 没解决 taps, queue/assignee/agent-reply marks,
 * the rating. `inPeriod` are the period's conversations; `all` also holds the following 24 hours'
 * (a return on the same topic then undoes a verification).
 */
export function automationByCategory(inPeriod: readonly Conversation[], all: readonly Conversation[]): { overall: AutomationFigures; byCategory: Record<string, AutomationFigures> } {
  const byUser = new Map<string, Conversation[]>();
  for (const c of all) byUser.set(c.userId, [...(byUser.get(c.userId) ?? []), c]);
  const groups = new Map<string, Conversation[]>();
  for (const c of inPeriod) groups.set(categoryOf(c), [...(groups.get(categoryOf(c)) ?? []), c]);
  const byCategory: Record<string, AutomationFigures> = {};
  for (const [category, of] of [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) byCategory[category] = figures(of, byUser);
  return { overall: figures(inPeriod, byUser), byCategory };
}
