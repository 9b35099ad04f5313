import type { Principal } from '../auth';
import type { Conversation, ConversationEvent } from '../schemas';
import { conversationFor, eventFor } from './personalDataView';

const user: Principal = { tenant: 't', id: 'u1', role: 'user' };
const agent: Principal = { tenant: 't', id: 'a1', role: 'agent' };
const supervisor: Principal = { tenant: 't', id: 's1', role: 'supervisor' };
const at = '2026-12-01T10:00:00.000Z';
const routing = { groupId: 'expert', layer: 'escalation' as const, reason: '疑似账户被盗', note: '客户情绪激动', vipTier: 0, rank: 1 };
const source = { messageId: 'm1', seq: 1, at };

describe('what each principal sees of a conversation and its events', () => {
  it('keeps routing reasons, staff notes and the bot scoring from the user', () => {
    const c: Conversation = {
      id: 'c1', tenant: 't', userId: 'u1', channel: 'miniprogram', status: 'queued', lastSeq: 3, createdAt: at, updatedAt: at, routing,
      handoff: { reason: 'lowConfidence', at, candidates: [{ faqId: 'f', question: 'q', score: 0.2 }] }, botCandidates: [{ faqId: 'f', question: 'q', score: 0.2 }],
    };
    const shown = conversationFor(user, c);
    expect(shown).not.toHaveProperty('routing');
    expect(shown).not.toHaveProperty('handoff');
    expect(shown).not.toHaveProperty('botCandidates');
    expect(conversationFor(supervisor, c).routing).toEqual(routing);
  });

  it('gives the user their state changes without staff business, and staff all of it', () => {
    const transferred: ConversationEvent = { seq: 4, type: 'transferred', status: 'queued', at, by: 'a1', fromAgentId: 'a1', toGroupId: 'expert', routing, note: '客户情绪激动' };
    const queued: ConversationEvent = { seq: 5, type: 'queued', status: 'queued', at, cause: 'escalate', routing, position: 2 };
    const note: ConversationEvent = { seq: 6, type: 'message', message: { id: 'n', conversationId: 'c1', seq: 6, sender: { role: 'agent', id: 'a1' }, body: { type: 'note', text: '内部' }, createdAt: at } };
    const ticket: ConversationEvent = { seq: 7, type: 'ticket', at, ticket: { phone: { value: '13812345678', text: '13812345678', ...source } } };
    expect(eventFor(user, transferred)).toEqual({ seq: 4, type: 'transferred', status: 'queued', at });
    expect(eventFor(user, queued)).toEqual({ seq: 5, type: 'queued', status: 'queued', at, cause: 'escalate', position: 2 });
    expect(eventFor(user, note)).toBeUndefined();
    expect(eventFor(user, ticket)).toBeUndefined();
    expect(eventFor(supervisor, transferred)).toEqual(transferred);
    // An agent reads the ticket with personal data masked, a supervisor as stored.
    const masked = eventFor(agent, ticket);
    expect(masked?.type === 'ticket' ? masked.ticket.phone?.text : undefined).not.toContain('12345678');
    expect(eventFor(supervisor, ticket)).toEqual(ticket);
  });
});
