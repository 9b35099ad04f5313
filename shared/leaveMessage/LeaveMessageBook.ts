import type { Principal } from '../auth';
import { KefuError } from '../errors';
import { seesPersonalData } from '../conversation';
import { mask } from '../nlp';
import type { Store } from '../store';
import type { LeaveMessageInput, LeaveMessageTicket } from './leaveMessageSchema';
import { leaveMessageTables as t } from './leaveMessageTables';

/**
 * The one owner of 留言 tickets: what a waiting user left (the question, how to reach them) and
 * whether staff answered it. The conversation itself records the message and its place in the
 * queue; this is the list agents work through in the console's 留言 tab.
 */
/** Characters of a ticket's text kept (the latest ones), well under a store column's 2 MB. */
const MAX_TICKET_TEXT = 8000;

export class LeaveMessageBook {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
    /** Whether an agent holds the customer-data grant (AccountService.mayViewCustomerData): then the call-back number is theirs to dial. */
    private readonly mayViewCustomerData: (staff: Principal) => Promise<boolean> = () => Promise.resolve(false),
  ) {}

  /** The user left (or added to) a message in their conversation: the ticket is open again. */
  async record(user: Principal, conversationId: string, input: Pick<LeaveMessageInput, 'text' | 'contact' | 'phone'>): Promise<LeaveMessageTicket> {
    const db = this.store.tenant(user.tenant);
    const old = (await db.get<LeaveMessageTicket>(t.ticket, [conversationId]))?.value;
    const createdAt = old?.status === 'open' ? old.createdAt : this.now().toISOString();
    // Several 留言 of one wait join one ticket, its text kept to what one stored column takes.
    const text = (old?.status === 'open' ? `${old.text}\n${input.text}` : input.text).slice(-MAX_TICKET_TEXT);
    const ticket: LeaveMessageTicket = { conversationId, userId: user.id, text, contact: input.contact ?? 'chat', ...(input.phone ? { phone: input.phone } : {}), status: 'open', createdAt };
    if (old?.status === 'answered' && old.answeredAt) await db.delete(t.done, [old.answeredAt, conversationId]);
    await db.put(t.ticket, [conversationId], ticket);
    await db.put(t.open, [createdAt, conversationId], { conversationId });
    return ticket;
  }

  /** Open (oldest first) or answered (newest first) tickets, as this staff member may see them. */
  async list(staff: Principal, status: 'open' | 'answered', limit = 50): Promise<LeaveMessageTicket[]> {
    const db = this.store.tenant(staff.tenant);
    const index = await db.range<{ conversationId: string }>(status === 'open' ? t.open : t.done, [], { limit, ...(status === 'answered' ? { direction: 'backward' as const } : {}) });
    const rows = await Promise.all(index.rows.map((r) => db.get<LeaveMessageTicket>(t.ticket, [r.value.conversationId])));
    const view = await this.viewer(staff);
    return rows.flatMap((r) => (r && r.value.status === status ? [view(r.value)] : []));
  }

  /** Staff answered the ticket (the reply itself went into the conversation). */
  async answered(staff: Principal, conversationId: string, answer: string): Promise<LeaveMessageTicket> {
    const db = this.store.tenant(staff.tenant);
    const old = (await db.get<LeaveMessageTicket>(t.ticket, [conversationId]))?.value;
    if (!old) throw new KefuError('CONVERSATION_NOT_FOUND');
    const answeredAt = this.now().toISOString();
    const ticket: LeaveMessageTicket = { ...old, status: 'answered', answeredAt, answeredBy: staff.id, answer };
    await db.put(t.ticket, [conversationId], ticket);
    if (old.status === 'open') await db.delete(t.open, [old.createdAt, conversationId]);
    await db.put(t.done, [answeredAt, conversationId], { conversationId });
    return (await this.viewer(staff))(ticket);
  }

  async get(staff: Principal, conversationId: string): Promise<LeaveMessageTicket | undefined> {
    const row = await this.store.tenant(staff.tenant).get<LeaveMessageTicket>(t.ticket, [conversationId]);
    return row ? (await this.viewer(staff))(row.value) : undefined;
  }

  /**
   * Agents see the user's numbers masked in the text, as in the transcript; the call-back number
   * the user asked to be called on is shown whole to an agent with the customer-data grant, who
   * has to dial it (the walk found it masked for them while the supervisor saw it).
   */
  private async viewer(staff: Principal): Promise<(ticket: LeaveMessageTicket) => LeaveMessageTicket> {
    if (seesPersonalData(staff)) return (ticket) => ticket;
    const dials = await this.mayViewCustomerData(staff);
    return (ticket) => ({ ...ticket, text: mask(ticket.text), ...(ticket.phone ? { phone: dials ? ticket.phone : mask(ticket.phone) } : {}) });
  }
}
