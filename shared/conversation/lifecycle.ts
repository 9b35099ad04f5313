import { KefuError, type ErrorCode } from '../errors';
import type { ConversationStatus } from '../schemas';

/** Everything anyone can do to a conversation. */
export type ConversationAction =
  | 'userMessage'
  | 'faqFeedback'
  | 'faqSelect'
  | 'leaveMessage'
  | 'rate'
  | 'agentReply'
  | 'note'
  | 'editTicket'
  | 'hold'
  | 'claim'
  | 'resolve'
  | 'handOn'
  | 'autoReply'
  | 'reoffer'
  | 'dispatch'
  | 'proactive';

/** allow: the action proceeds; skip: it does nothing (a timer that no longer applies); else the error. */
export type Rule = 'allow' | 'skip' | ErrorCode;

const open = { bot: 'allow', queued: 'allow', assigned: 'allow', resolved: 'CONVERSATION_CLOSED', rated: 'CONVERSATION_CLOSED', abandoned: 'CONVERSATION_CLOSED' } as const;
const botOnly = { ...open, queued: 'BOT_INACTIVE', assigned: 'BOT_INACTIVE' } as const;
const timer = (when: ConversationStatus) =>
  ({ bot: 'skip', queued: 'skip', assigned: 'skip', resolved: 'skip', rated: 'skip', abandoned: 'skip', [when]: 'allow' }) as const;

/**
 * The conversation lifecycle (bot -> queued -> assigned -> resolved -> rated) as one table: for
 * every action and status, whether it may happen. Who may act (the assignee, staff) is the
 * use-case's check; this table is only about where the conversation stands.
 */
export const lifecycle: Readonly<Record<ConversationAction, Readonly<Record<ConversationStatus, Rule>>>> = {
  userMessage: open,
  faqFeedback: botOnly,
  faqSelect: botOnly,
  leaveMessage: open,
  rate: { bot: 'NOT_RESOLVED', queued: 'NOT_RESOLVED', assigned: 'NOT_RESOLVED', resolved: 'allow', rated: 'ALREADY_RATED', abandoned: 'NOT_RESOLVED' },
  // Only the assignee may reply: before anyone is assigned there is no one whose reply it is.
  agentReply: { ...open, bot: 'NOT_ASSIGNEE', queued: 'NOT_ASSIGNEE' },
  note: open,
  // Staff correct the ticket whenever they read it, after the end too.
  editTicket: { bot: 'allow', queued: 'allow', assigned: 'allow', resolved: 'allow', rated: 'allow', abandoned: 'allow' },
  hold: { ...open, bot: 'NOT_ASSIGNEE', queued: 'NOT_ASSIGNEE' },
  claim: { ...open, assigned: 'ALREADY_CLAIMED' },
  resolve: open,
  // Transfer and escalation pass an open conversation on.
  handOn: open,
  autoReply: timer('queued'),
  reoffer: timer('assigned'),
  dispatch: timer('queued'),
  proactive: { ...open, resolved: 'skip', rated: 'skip', abandoned: 'skip' },
};

/** Whether `action` may happen in `status`: true to proceed, false to do nothing; throws the rule's error. */
export function allowed(action: ConversationAction, status: ConversationStatus): boolean {
  const rule = lifecycle[action][status];
  if (rule === 'allow') return true;
  if (rule === 'skip') return false;
  throw new KefuError(rule);
}

/** The statuses in which the conversation is still going on. */
export const openStatuses: readonly ConversationStatus[] = ['bot', 'queued', 'assigned'];

export function isOpen(status: ConversationStatus): boolean {
  return openStatuses.includes(status);
}
