import { Type, type Static } from '@sinclair/typebox';
import { Message } from './messageSchema';
import { Ticket } from './ticketSchema';

/** The lifecycle of ARCHITECTURE.md: bot -> queued -> assigned -> resolved -> rated (+ abandoned). */
export const ConversationStatus = Type.Union([
  Type.Literal('bot'),
  Type.Literal('queued'),
  Type.Literal('assigned'),
  Type.Literal('resolved'),
  Type.Literal('rated'),
  Type.Literal('abandoned'),
]);
export type ConversationStatus = Static<typeof ConversationStatus>;

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
    /** Masked preview of the latest user message, for inboxes. */
    lastMessagePreview: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Conversation = Static<typeof Conversation>;

/** One entry of a conversation's event log, delivered by the long-poll endpoint. */
export const ConversationEvent = Type.Union([
  Type.Object({ seq: Type.Integer(), type: Type.Literal('message'), message: Message }),
  Type.Object({
    seq: Type.Integer(),
    type: Type.Literal('status'),
    status: ConversationStatus,
    assigneeId: Type.Optional(Type.String()),
    at: Type.String({ format: 'date-time' }),
  }),
]);
export type ConversationEvent = Static<typeof ConversationEvent>;
