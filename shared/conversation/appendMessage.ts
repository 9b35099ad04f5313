import { randomUUID } from 'node:crypto';
import { KefuError } from '../errors';
import type { WriteOp } from '../store';
import type { Principal } from '../auth';
import type { Conversation, Message, MessageBody } from '../schemas';
import { mask, type Understanding } from '../nlp';
import type { BotObservation } from './ConversationBot';
import type { ConversationLog, ConversationPatch, NewEvent } from './ConversationLog';
import { allowed, type ConversationAction } from './lifecycle';
import { mergeTicket } from './mergeTicket';
import { senderOf } from './senders';
import { tables } from './conversationTables';
import { chatTexts, mediaLabel } from '../client';

/** The inbox preview is for staff in Chinese, labelled as the chat labels media. */
const previewTexts = chatTexts('zh-CN');

/** What follows a user's message in the same commit: the bot's reply, a hand-off, an ending. */
export interface FollowUp {
  readonly events: readonly NewEvent[];
  readonly set: ConversationPatch;
  readonly ops?: readonly WriteOp[];
  readonly observations?: readonly BotObservation[];
}

/**
 * Decides the follow-up from the conversation as read (with this message understood, and what the
 * understanding step found in this message alone); re-run on a lost race.
 */
export type Planner = (conversation: Conversation, now: Date, understood?: Understanding) => FollowUp | undefined | Promise<FollowUp | undefined>;

export type Understand = (text: string, now: Date) => Understanding | undefined;

export interface AppendRequest {
  readonly author: Principal;
  readonly conversationId: string;
  readonly clientMessageId: string;
  readonly action: ConversationAction;
  readonly body: Extract<MessageBody, { type: 'text' | 'voice' | 'image' | 'note' }>;
  /** The text understood for the ticket: typed, transcribed or read from a picture ('' for none). */
  readonly understood: string;
  readonly plan?: Planner;
}

/** The stored message, and the category the understanding step gave it (for the request log). */
export interface Appended {
  readonly message: Message;
  readonly category?: string;
  /** The message was stored by an earlier request with the same client id (a retry). */
  readonly replayed?: true;
}

/**
 * Appends a message a person wrote, idempotent on the client's id: a retry returns the stored
 * message; the same id with other content is IDEMPOTENCY_CONFLICT. A user's text is understood
 * once (the ticket, the understanding row) and the planner's follow-up joins the same commit.
 */
export async function appendMessage(log: ConversationLog, understand: Understand, r: AppendRequest): Promise<Appended> {
  const messageId = randomUUID();
  const fromUser = r.author.role === 'user';
  // Understood once per message, even when a lost race makes the commit decide again.
  let understanding: Understanding | undefined;
  let understood = false;
  const result = await log.commit(
    r.author,
    r.conversationId,
    async (c, now) => {
      allowed(r.action, c.status);
      if (r.action === 'agentReply' && c.assigneeId !== r.author.id) throw new KefuError('NOT_ASSIGNEE');
      const seq = c.lastSeq + 1;
      const events: NewEvent[] = [{ type: 'message', message: { id: messageId, sender: senderOf(r.author), clientMessageId: r.clientMessageId, body: r.body } }];
      const ops: WriteOp[] = [];
      let set: ConversationPatch = {};
      if (fromUser) {
        // [语音 3″] / [图片] as the chat shows them (one text table), then the words understood.
        const label = mediaLabel(r.body, previewTexts);
        set = { lastMessagePreview: `${label}${label && r.understood ? ' ' : ''}${mask(r.understood)}`.slice(0, 60) };
        if (!understood) {
          understanding = r.understood ? understand(r.understood, now) : undefined;
          understood = true;
        }
        if (understanding) {
          ops.push({ op: 'put', table: tables.understanding, key: [c.id, seq], value: { ...understanding }, condition: 'notExists' });
          const via = r.body.type === 'voice' || r.body.type === 'image' ? { via: r.body.type } : {};
          const ticket = mergeTicket(c.ticket, understanding, { messageId, seq, at: now.toISOString(), ...via });
          set = { ...set, ticket };
          // Staff see a ticket event when what the ticket says changed, not each time a message
          // repeats it (only the fields' source message would differ).
          if (ticketText(ticket) !== ticketText(c.ticket)) events.push({ type: 'ticket', ticket });
        }
      } else if (r.action === 'agentReply' && !c.agentRepliedAt) {
        set = { agentRepliedAt: now.toISOString(), ...(c.firstAgentReplyAt ? {} : { firstAgentReplyAt: now.toISOString() }) };
      }
      // The follow-up (bot, routing) sees the ticket with this message already understood.
      const follow = fromUser && r.plan ? await r.plan({ ...c, ...(set as Partial<Conversation>) }, now, understanding) : undefined;
      return {
        set: { ...set, ...follow?.set },
        events: [...events, ...(follow?.events ?? [])],
        ops: [...ops, ...(follow?.ops ?? [])],
        observations: follow?.observations ?? [],
      };
    },
    { idempotency: { authorId: r.author.id, clientMessageId: r.clientMessageId, content: r.body.type === 'text' ? r.body.text : JSON.stringify(r.body) } },
  );
  const first = result.events[0];
  const message = result.replayed ?? (first?.type === 'message' ? first.message : undefined);
  if (!message) throw new KefuError('CONFLICT');
  return { message, ...(result.replayed ? { replayed: true as const } : {}), ...(understanding && !result.replayed ? { category: understanding.category } : {}) };
}

/** What a ticket says, without where each field came from. */
function ticketText(ticket: Conversation['ticket']): string {
  if (!ticket) return '';
  return JSON.stringify(Object.entries(ticket).map(([field, f]) => [field, f && 'value' in f ? f.value : undefined, f && 'text' in f ? f.text : undefined]));
}
