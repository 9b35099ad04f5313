import { conversationFor } from './personalDataView';
import { KefuError } from '../errors';
import type { Principal } from '../auth';
import type { Conversation, ConversationEvent, Message } from '../schemas';
import { categories } from '../nlp';
import type { ConversationLog } from './ConversationLog';
import { appendMessage } from './appendMessage';
import { allowed } from './lifecycle';
import { assertRole, notice } from './senders';
import { tables } from './conversationTables';

export type TicketField = 'category' | 'orderNo' | 'amount' | 'time';

const STAFF: readonly Principal['role'][] = ['agent', 'supervisor', 'admin'];
const noUnderstanding = () => undefined;

/**
 * What staff do inside a conversation they hold or read: reply, leave internal notes, correct the
 * ticket, put it on hold. Who holds it (claim, transfer, resolve) is routing's AssignmentService.
 */
export class AgentActions {
  constructor(private readonly log: ConversationLog) {}

  /** An agent's reply in a conversation assigned to them. Idempotent on the client's id. */
  async reply(agent: Principal, conversationId: string, clientMessageId: string, text: string): Promise<Message> {
    assertRole(agent, STAFF);
    const sent = await appendMessage(this.log, noUnderstanding, { author: agent, conversationId, clientMessageId, action: 'agentReply', body: { type: 'text', text }, understood: '' });
    return sent.message;
  }

  /** A note for the merchant's staff on an open conversation; the user never sees it. */
  async addNote(staff: Principal, conversationId: string, clientMessageId: string, text: string): Promise<Message> {
    assertRole(staff, STAFF);
    const sent = await appendMessage(this.log, noUnderstanding, { author: staff, conversationId, clientMessageId, action: 'note', body: { type: 'note', text }, understood: '' });
    return sent.message;
  }

  /**
   * An agent corrects a ticket field the machine filled (or fills one it missed); empty text clears
   * it. The field keeps the message it came from and records who edited it.
   */
  async editTicket(staff: Principal, conversationId: string, field: TicketField, text: string): Promise<Conversation> {
    assertRole(staff, STAFF);
    if (field === 'category' && !(categories as readonly string[]).includes(text)) throw new KefuError('VALIDATION_FAILED', `分类只能是 ${categories.join(', ')}`);
    const result = await this.log.commit(staff, conversationId, async (c, now) => {
      allowed('editTicket', c.status);
      const ticket: Record<string, unknown> = { ...c.ticket };
      const previous = c.ticket?.[field];
      // A field staff fill first points at the latest message (the log's newest entry may be a state event).
      const latest = previous ? undefined : await this.latestMessage(c);
      const source = { messageId: previous?.messageId ?? latest?.id ?? '', seq: previous?.seq ?? latest?.seq ?? Math.max(1, c.lastSeq), at: now.toISOString(), editedBy: staff.id };
      // Setting the category answers any suggestion a later message made (accepted or not).
      if (field === 'category') delete ticket['categorySuggestion'];
      if (!text) delete ticket[field];
      else ticket[field] = field === 'category' ? { value: text, confidence: 1, ...source } : { value: text, text, ...source };
      const next = ticket as NonNullable<Conversation['ticket']>;
      return { set: { ticket: next }, events: [{ type: 'ticket', ticket: next }] };
    });
    return conversationFor(staff, result.conversation);
  }

  /** The newest message of the conversation, among its last 50 log entries. */
  private async latestMessage(c: Conversation): Promise<{ id: string; seq: number } | undefined> {
    const page = await this.log.db(c.tenant).range<ConversationEvent>(tables.event, [c.id], { direction: 'backward', limit: 50 });
    const found = page.rows.find((r) => r.value.type === 'message');
    return found?.value.type === 'message' ? { id: found.value.message.id, seq: found.value.seq } : undefined;
  }

  /** The agent puts the conversation on hold while looking something up, or takes it back. */
  async hold(staff: Principal, conversationId: string, onHold: boolean): Promise<Conversation> {
    assertRole(staff, STAFF);
    const result = await this.log.commit(staff, conversationId, (c) => {
      allowed('hold', c.status);
      if (staff.role === 'agent' && c.assigneeId !== staff.id) throw new KefuError('NOT_ASSIGNEE');
      if ((c.onHold ?? false) === onHold) return undefined;
      return {
        set: { onHold },
        events: [notice('notice', onHold ? '客服正在为您查询,请稍候' : '客服已回来,继续为您服务'), { type: 'held', onHold }],
      };
    });
    return conversationFor(staff, result.conversation);
  }
}
