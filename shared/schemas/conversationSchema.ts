import { Type, type Static } from '@sinclair/typebox';
import { Message, RatingBody } from './messageSchema';
import { Ticket } from './ticketSchema';
import { RoutingInfo } from './routingSchema';
import { FlowContext, FlowState } from './flowSchema';

/** The lifecycle (docs/architecture.md, The conversation kernel): bot -> queued -> assigned -> resolved -> rated (+ abandoned). */
export const ConversationStatus = Type.Union([
  Type.Literal('bot'),
  Type.Literal('queued'),
  Type.Literal('assigned'),
  Type.Literal('resolved'),
  Type.Literal('rated'),
  Type.Literal('abandoned'),
]);
export type ConversationStatus = Static<typeof ConversationStatus>;

export const BotCandidate = Type.Object({ faqId: Type.String(), question: Type.String(), score: Type.Number() }, { additionalProperties: false });

export const Channel = Type.Union([Type.Literal('miniprogram'), Type.Literal('h5'), Type.Literal('web')]);

export const Conversation = Type.Object(
  {
    id: Type.String(),
    tenant: Type.String(),
    userId: Type.String(),
    channel: Channel,
    status: ConversationStatus,
    /** Seq of the newest event; the next event gets lastSeq + 1. */
    lastSeq: Type.Integer({ minimum: 0 }),
    assigneeId: Type.Optional(Type.String()),
    assigneeName: Type.Optional(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    queuedAt: Type.Optional(Type.String({ format: 'date-time' })),
    assignedAt: Type.Optional(Type.String({ format: 'date-time' })),
    resolvedAt: Type.Optional(Type.String({ format: 'date-time' })),
    /** Pre-filled from the user's messages by the understanding step. */
    ticket: Type.Optional(Ticket),
    /** Set when the conversation ends: by the FAQ bot (the user tapped 解决了) or by an agent. */
    resolution: Type.Optional(Type.Union([Type.Literal('selfService'), Type.Literal('agent')])),
    /** The bot's state while it holds the conversation: how often the user said 没解决. */
    botUnresolved: Type.Optional(Type.Integer({ minimum: 0 })),
    /** The entries the bot considered for the latest message, best first (for 没解决 and hand-off). */
    botCandidates: Type.Optional(Type.Array(BotCandidate)),
    /** The entry of the bot's latest answer card: the one 解决了/没解决 refer to. */
    botLastAnswer: Type.Optional(Type.String()),
    /** The user's last question the bot answered from: a short follow-up (那要多久) is read with it. */
    botLastQuestion: Type.Optional(Type.String({ maxLength: 2000 })),
    /** A self-service flow waiting for the user's answer (which transaction, or a missing detail). */
    botFlow: Type.Optional(FlowState),
    /** What the latest status card was about: a hand-off after it carries it to the agent. */
    botLastFlow: Type.Optional(FlowContext),
    /** Why the bot passed the conversation to a human, and the entries it had considered. */
    handoff: Type.Optional(
      Type.Object(
        {
          reason: Type.Union([
            Type.Literal('explicitRequest'),
            Type.Literal('lowConfidence'),
            Type.Literal('emptyKnowledgeBase'),
            Type.Literal('unresolvedTwice'),
            Type.Literal('leftMessage'),
            Type.Literal('complaint'),
            Type.Literal('accountTheft'),
            Type.Literal('flowUnsettled'),
          ]),
          at: Type.String({ format: 'date-time' }),
          candidates: Type.Array(BotCandidate),
          /** The self-service flow that could not settle: what it found and the steps it took. */
          flow: Type.Optional(FlowContext),
        },
        { additionalProperties: false },
      ),
    ),
    /** Where routing sent the conversation and why (layer, escalation reason), for the agent. */
    routing: Type.Optional(RoutingInfo),
    /** The user left a message instead of waiting: no automatic replies, an agent picks it up later. */
    leftMessage: Type.Optional(Type.Boolean()),
    /** The agent put the conversation on hold (looking something up): no re-offer meanwhile. */
    onHold: Type.Optional(Type.Boolean()),
    /** The user's rating, once the conversation is resolved (status `rated`). */
    rating: Type.Optional(Type.Omit(RatingBody, ['type'])),
    ratedAt: Type.Optional(Type.String({ format: 'date-time' })),
    /** When the waiting user got the automatic reply (once per wait). */
    autoRepliedAt: Type.Optional(Type.String({ format: 'date-time' })),
    /**
     * When supervisors were told the assigned agent had not replied while nobody else was free: the
     * conversation stays with that agent (handing it back to the queue only gave it to them again,
     * with a transfer notice to the user each time). Once per assignment.
     */
    noReplyAlertedAt: Type.Optional(Type.String({ format: 'date-time' })),
    /**
     * When an agent first replied to the user in this conversation, whoever it was: unlike
     * agentRepliedAt (the current assignment's) it is never cleared, so it ends the first response time.
     */
    firstAgentReplyAt: Type.Optional(Type.String({ format: 'date-time' })),
    /** When the assigned agent first replied; unset while they have not. */
    agentRepliedAt: Type.Optional(Type.String({ format: 'date-time' })),
    /** Masked preview of the latest user message, for inboxes. */
    lastMessagePreview: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Conversation = Static<typeof Conversation>;

const At = Type.String({ format: 'date-time' });

/** A message of the transcript (typed by a person, or the bot's or the system's words). */
export const MessageEvent = Type.Object({ seq: Type.Integer(), type: Type.Literal('message'), message: Message }, { additionalProperties: false });

/** A bare status change: the server writes the typed events below; clients still accept this one. */
export const StatusEvent = Type.Object(
  { seq: Type.Integer(), type: Type.Literal('status'), status: ConversationStatus, assigneeId: Type.Optional(Type.String()), at: At },
  { additionalProperties: false },
);

/** Why a conversation entered a queue. */
export const QueuedCause = Type.Union([
  Type.Literal('handoff'),
  Type.Literal('leftMessage'),
  Type.Literal('transfer'),
  Type.Literal('escalate'),
  Type.Literal('reoffer'),
]);

/** The conversation waits for a human: its group, why, and its place when it joined. */
export const QueuedEvent = Type.Object(
  {
    seq: Type.Integer(),
    type: Type.Literal('queued'),
    status: Type.Literal('queued'),
    at: At,
    cause: QueuedCause,
    routing: Type.Optional(RoutingInfo),
    position: Type.Optional(Type.Integer({ minimum: 1 })),
    estimatedWaitSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

/** An agent holds the conversation now. */
export const AssignedEvent = Type.Object(
  {
    seq: Type.Integer(),
    type: Type.Literal('assigned'),
    status: Type.Literal('assigned'),
    at: At,
    assigneeId: Type.String(),
    assigneeName: Type.String(),
    /** claim: the agent took it; dispatch: routing gave it; reoffer: the first agent did not reply. */
    cause: Type.Union([Type.Literal('claim'), Type.Literal('dispatch'), Type.Literal('reoffer')]),
  },
  { additionalProperties: false },
);

/** Staff passed the conversation on: to another agent (assigned) or to a group's queue (queued). */
export const TransferredEvent = Type.Object(
  {
    seq: Type.Integer(),
    type: Type.Literal('transferred'),
    status: Type.Union([Type.Literal('assigned'), Type.Literal('queued')]),
    at: At,
    /** The staff member who passed it on (left out of the user's view, like from and the group). */
    by: Type.Optional(Type.String()),
    fromAgentId: Type.Optional(Type.String()),
    toAgentId: Type.Optional(Type.String()),
    assigneeName: Type.Optional(Type.String()),
    toGroupId: Type.Optional(Type.String()),
    routing: Type.Optional(RoutingInfo),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** The assigned agent put the conversation on hold, or took it back. */
export const HeldEvent = Type.Object({ seq: Type.Integer(), type: Type.Literal('held'), at: At, onHold: Type.Boolean() }, { additionalProperties: false });

/** The conversation ended: self-service (the user tapped 解决了) or by staff. */
export const ResolvedEvent = Type.Object(
  {
    seq: Type.Integer(),
    type: Type.Literal('resolved'),
    status: Type.Literal('resolved'),
    at: At,
    resolution: Type.Union([Type.Literal('selfService'), Type.Literal('agent')]),
    by: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** The user rated the ended conversation. */
export const RatedEvent = Type.Object(
  { seq: Type.Integer(), type: Type.Literal('rated'), status: Type.Literal('rated'), at: At, stars: Type.Integer({ minimum: 1, maximum: 5 }), complaint: Type.Boolean() },
  { additionalProperties: false },
);

/** The ticket changed (a message was understood, or staff corrected a field): the whole new ticket. */
export const TicketEvent = Type.Object({ seq: Type.Integer(), type: Type.Literal('ticket'), at: At, ticket: Ticket }, { additionalProperties: false });

/**
 * One entry of a conversation's event log, delivered by the long-poll endpoint: every committed
 * change is one or more of these, so clients apply them as they come instead of inferring state
 * from notice texts. Every event that changes the status carries the new `status`.
 */
export const ConversationEvent = Type.Union([MessageEvent, StatusEvent, QueuedEvent, AssignedEvent, TransferredEvent, HeldEvent, ResolvedEvent, RatedEvent, TicketEvent]);
export type ConversationEvent = Static<typeof ConversationEvent>;
export type ConversationEventType = ConversationEvent['type'];
