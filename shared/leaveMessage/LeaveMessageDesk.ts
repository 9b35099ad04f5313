import type { Principal } from '../auth';
import { KefuError } from '../errors';
import type { Conversation, Message } from '../schemas';
import type { LeaveMessageBook } from './LeaveMessageBook';
import type { LeaveMessageAnswer, LeaveMessageInput, LeaveMessageTicket } from './leaveMessageSchema';

/** What the desk needs of the conversations (UserTurn, ConversationQueries, AssignmentService, AgentActions). */
export interface LeaveMessageDeskDeps {
  readonly book: LeaveMessageBook;
  readonly leave: (user: Principal, conversationId: string, clientMessageId: string, text: string, contact: 'chat' | 'phone') => Promise<{ message: Message; replayed: boolean }>;
  readonly conversation: (staff: Principal, conversationId: string) => Promise<Conversation>;
  readonly claim: (staff: Principal, conversationId: string) => Promise<unknown>;
  readonly reply: (staff: Principal, conversationId: string, clientMessageId: string, text: string) => Promise<Message>;
}

/**
 * 留言 as the user and the staff use it: the user's message joins the conversation and becomes a
 * ticket (once, whatever the retries); staff answer a ticket in its conversation, taking the
 * conversation first when it still waits in the queue.
 */
export class LeaveMessageDesk {
  constructor(private readonly d: LeaveMessageDeskDeps) {}

  async leave(user: Principal, conversationId: string, input: LeaveMessageInput): Promise<Message> {
    const { message, replayed } = await this.d.leave(user, conversationId, input.clientMessageId, input.text, input.contact ?? 'chat');
    // A retry of a 留言 already stored (the chat resends unanswered ones by itself) changes no ticket.
    if (!replayed) await this.d.book.record(user, conversationId, input);
    return message;
  }

  async answer(staff: Principal, conversationId: string, input: LeaveMessageAnswer): Promise<{ message: Message; ticket: LeaveMessageTicket }> {
    if (!(await this.d.book.get(staff, conversationId))) throw new KefuError('CONVERSATION_NOT_FOUND');
    const conversation = await this.d.conversation(staff, conversationId);
    if (conversation.status === 'queued') await this.d.claim(staff, conversationId);
    const message = await this.d.reply(staff, conversationId, input.clientMessageId, input.text);
    return { message, ticket: await this.d.book.answered(staff, conversationId, input.text) };
  }
}
