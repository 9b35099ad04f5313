import type { Store } from '../store';
import type { Notifier } from '../realtime';
import type { AccountService } from '../accounts';
import { ConversationLog, type Committed, ConversationQueries, BotTurn, type FlowPlanner, UserTurn, AgentActions, conversationIndexes, realtimeListener, type Understand, type ConversationBot } from '../conversation';
import { RoutingService, RoutingHandoff, AssignmentService, QueueTimers, queueProjection } from '../routing';

export interface WireConversationsOptions {
  readonly store: Store;
  readonly notifier: Notifier;
  readonly accounts: AccountService;
  readonly clock?: () => Date;
  readonly understand?: Understand;
  readonly bot?: ConversationBot;
  /** Self-service flows with the user's own data, before the FAQ. */
  readonly flows?: FlowPlanner;
  readonly longPollTimeoutMs?: number;
  readonly recheckMs?: number;
  /** Without groups routing is still wired; false leaves hand-offs in one shared list (tests of that case). */
  readonly routing?: boolean;
  /** A listener that failed after its change was stored (logged by the caller). */
  readonly onListenerError?: (err: unknown, committed: Committed) => void;
  /** A user's long-poll of their conversation (they are in the chat: no Alipay message needed). */
  readonly onUserPoll?: (tenant: string, userId: string) => void;
  /** More listeners, after the built-in ones (the Alipay reply push). */
  readonly listeners?: readonly ((committed: Committed) => void | Promise<void>)[];
}

/** The conversation and routing modules, wired once: the kernel, its projections and listeners, the use-cases. */
export interface Conversations {
  readonly log: ConversationLog;
  readonly queries: ConversationQueries;
  readonly users: UserTurn;
  readonly bot: BotTurn;
  readonly agents: AgentActions;
  readonly routing: RoutingService;
  readonly assignment: AssignmentService;
  readonly timers: QueueTimers;
}

/**
 * Builds the conversation kernel and everything that listens to it. Listeners run after each
 * commit in this order: realtime wake-ups, assignment (dispatch the queue, free a seat), the bot's
 * statistics, then the caller's (the Alipay reply push).
 */
export function wireConversations(o: WireConversationsOptions): Conversations {
  const clock = o.clock ?? (() => new Date());
  const log = new ConversationLog({ store: o.store, clock, ...(o.onListenerError ? { onListenerError: o.onListenerError } : {}) });
  const queries = new ConversationQueries({
    log,
    notifier: o.notifier,
    ...(o.longPollTimeoutMs !== undefined ? { longPollTimeoutMs: o.longPollTimeoutMs } : {}),
    ...(o.recheckMs !== undefined ? { recheckMs: o.recheckMs } : {}),
    ...(o.onUserPoll ? { onUserPoll: o.onUserPoll } : {}),
  });
  const routing = new RoutingService(o.store, o.accounts, clock, queries);
  const bot = new BotTurn({ log, ...(o.bot ? { bot: o.bot } : {}), ...(o.flows ? { flows: o.flows } : {}), ...(o.routing === false ? {} : { handoff: new RoutingHandoff(routing) }) });
  const assignment = new AssignmentService(log, queries, routing);
  const timers = new QueueTimers(log, queries, routing, assignment, o.notifier);
  log.addProjection(conversationIndexes);
  log.addProjection(queueProjection(routing));
  log.addListener(realtimeListener(o.notifier));
  log.addListener(assignment.onCommitted);
  const faqBot = o.bot;
  if (faqBot) {
    // Statistics must never fail a message that is already stored: each observation on its own.
    log.addListener(async ({ tenant, observations }) => {
      await Promise.allSettled(observations.map((x) => faqBot.observe(tenant, x)));
    });
  }
  for (const l of o.listeners ?? []) log.addListener(l);
  return { log, queries, users: new UserTurn({ log, bot, ...(o.understand ? { understand: o.understand } : {}) }), bot, agents: new AgentActions(log), routing, assignment, timers };
}
