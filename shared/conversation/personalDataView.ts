import type { Principal } from '../auth';
import type { Conversation, ConversationEvent, Message } from '../schemas';
import { mask, type Understanding } from '../nlp';

/**
 * Who sees personal data (phone, bank card, ID numbers) in what users wrote, said or photographed:
 * the user themself, supervisors and admins, who may need it to act on a case. Agents see it
 * masked in every view of user text: the transcript, the stored understandings, the rating and the
 * conversation's summary fields. The customer-data grant does not change this: it opens the
 * customer panel (whose contact number is masked for everyone), not users' raw numbers.
 */
export function seesPersonalData(principal: Principal): boolean {
  return principal.role !== 'agent';
}

/** A message as the principal may see it. */
export function messageFor(principal: Principal, message: Message): Message {
  if (seesPersonalData(principal) || message.sender.role !== 'user') return message;
  const b = message.body;
  if (b.type === 'rating') return { ...message, body: { ...b, comment: mask(b.comment), tags: b.tags.map((t) => mask(t)) } };
  // Typed, spoken (transcript) or in a picture (OCR): all text the user sent.
  if (!('text' in b) || typeof b.text !== 'string' || b.type === 'system') return message;
  return { ...message, body: { ...b, text: mask(b.text) } };
}

const PERSONAL_ENTITIES = new Set(['phone', 'bankCard', 'idCard']);

/** A stored understanding as the principal may see it: personal entities and the text re-masked. */
export function understandingFor(principal: Principal, understanding: Understanding): Understanding {
  if (seesPersonalData(principal)) return understanding;
  return {
    ...understanding,
    // Stored results were masked when written; masking again applies today's rules to old rows.
    masked: mask(understanding.masked),
    entities: understanding.entities.map((e) => (PERSONAL_ENTITIES.has(e.type) ? ({ ...e, text: mask(e.text), value: typeof e.value === 'string' ? mask(e.value) : e.value } as typeof e) : e)),
  };
}

const PERSONAL_TICKET_FIELDS = ['phone', 'bankCard', 'idCard'] as const;

/**
 * A conversation as the principal may see it. A user does not see why and where routing sent
 * them (staff's transfer notes, escalation reasons) nor the bot's scoring and flow state; an agent sees the
 * rating's comment and tags, the preview and the ticket masked.
 */
export function conversationFor(principal: Principal, conversation: Conversation): Conversation {
  if (principal.role === 'user') {
    const { routing: _routing, handoff: _handoff, botCandidates: _candidates, botUnresolved: _unresolved, botLastQuestion: _question, botFlow: _flow, botLastFlow: _lastFlow, ...own } = conversation;
    return own;
  }
  if (seesPersonalData(principal)) return conversation;
  const out: Conversation = { ...conversation };
  if (out.botLastQuestion) out.botLastQuestion = mask(out.botLastQuestion);
  if (out.rating) out.rating = { ...out.rating, comment: mask(out.rating.comment), tags: out.rating.tags.map((t) => mask(t)) };
  if (out.lastMessagePreview) out.lastMessagePreview = mask(out.lastMessagePreview);
  if (out.ticket) {
    const ticket = { ...out.ticket };
    for (const field of PERSONAL_TICKET_FIELDS) {
      const f = ticket[field];
      if (f) ticket[field] = { ...f, value: typeof f.value === 'string' ? mask(f.value) : f.value, text: mask(f.text) };
    }
    out.ticket = ticket;
  }
  return out;
}

/**
 * An event of the log as the principal may see it, or undefined when it is not theirs to see: a
 * user reads neither staff notes, the ticket, nor why and where routing sent them.
 */
export function eventFor(principal: Principal, event: ConversationEvent): ConversationEvent | undefined {
  if (event.type === 'message') {
    if (principal.role === 'user' && event.message.body.type === 'note') return undefined;
    return { ...event, message: messageFor(principal, event.message) };
  }
  if (principal.role !== 'user') {
    if (event.type !== 'ticket' || seesPersonalData(principal)) return event;
    return { ...event, ticket: conversationFor(principal, { ticket: event.ticket } as Conversation).ticket ?? {} };
  }
  if (event.type === 'ticket') return undefined;
  if (event.type === 'queued') {
    const { routing: _routing, ...shown } = event;
    return shown;
  }
  if (event.type === 'transferred') {
    // Who passed it on, from whom and to which group is staff's business; the new agent's name is the user's.
    const { routing: _routing, note: _note, by: _by, fromAgentId: _from, toGroupId: _group, ...shown } = event;
    return shown;
  }
  if (event.type === 'resolved') {
    const { by: _by, ...shown } = event;
    return shown;
  }
  return event;
}
