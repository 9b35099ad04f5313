import { applyConversationEvents, newerConversation } from './applyConversationEvents';
import type { Conversation, ConversationEvent } from '../schemas';

const at = '2026-11-25T10:05:00.000Z';
const routing = { groupId: 'g-refund', layer: 'transfer' as const, reason: '转接至退款组', vipTier: 0, rank: 1, note: '用户要求退款' };

function conversation(patch: Partial<Conversation> = {}): Conversation {
  return { id: 'c1', tenant: 'demo', userId: 'u1', channel: 'h5', status: 'queued', lastSeq: 3, createdAt: at, updatedAt: at, ...patch };
}

const message = (seq: number): ConversationEvent => ({
  seq,
  type: 'message',
  message: { id: `m${seq}`, conversationId: 'c1', seq, sender: { role: 'user', id: 'u1' }, body: { type: 'text', text: '在吗' }, createdAt: at },
});

describe('applyConversationEvents: the workbench moves the open conversation on by its typed events', () => {
  it('claim, hold, ticket, transfer to a group and resolve each change what they say, and lastSeq follows', () => {
    let c = applyConversationEvents(conversation(), [
      message(4),
      { seq: 5, type: 'assigned', status: 'assigned', at, assigneeId: 'a1', assigneeName: '小王', cause: 'claim' },
      { seq: 6, type: 'held', at, onHold: true },
    ]);
    expect(c).toMatchObject({ status: 'assigned', assigneeId: 'a1', assigneeName: '小王', assignedAt: at, onHold: true, lastSeq: 6 });

    const ticket = { orderNo: { value: '2026112422001412345678901234', text: '交易号2026112422001412345678901234', messageId: 'm4', seq: 4, at, editedBy: 'a1' } };
    c = applyConversationEvents(c, [{ seq: 7, type: 'ticket', at, ticket }]);
    expect(c.ticket).toEqual(ticket);

    c = applyConversationEvents(c, [{ seq: 8, type: 'transferred', status: 'queued', at, by: 'a1', toGroupId: 'g-refund', routing, note: '用户要求退款' }]);
    expect(c).toMatchObject({ status: 'queued', routing, queuedAt: at, lastSeq: 8 });
    expect(c.assigneeId).toBeUndefined();
    expect(c.assigneeName).toBeUndefined();

    c = applyConversationEvents(c, [{ seq: 9, type: 'transferred', status: 'assigned', at, by: 'sup1', toAgentId: 'a2', assigneeName: '小李' }]);
    expect(c).toMatchObject({ status: 'assigned', assigneeId: 'a2', assigneeName: '小李' });

    c = applyConversationEvents(c, [{ seq: 10, type: 'resolved', status: 'resolved', at, resolution: 'agent', by: 'a2' }]);
    expect(c).toMatchObject({ status: 'resolved', resolution: 'agent', resolvedAt: at });
    c = applyConversationEvents(c, [{ seq: 11, type: 'rated', status: 'rated', at, stars: 2, complaint: true }]);
    expect(c).toMatchObject({ status: 'rated', ratedAt: at, lastSeq: 11 });
  });

  it('an escalation back into a queue takes the new routing and clears the agent', () => {
    const c = applyConversationEvents(conversation({ status: 'assigned', assigneeId: 'a1', assigneeName: '小王' }), [
      { seq: 4, type: 'queued', status: 'queued', at, cause: 'escalate', routing: { ...routing, layer: 'escalation', reason: '专家坐席', escalation: 'agentEscalation' } },
    ]);
    expect(c).toMatchObject({ status: 'queued', routing: { layer: 'escalation', escalation: 'agentEscalation' } });
    expect(c.assigneeName).toBeUndefined();
  });

  it('events up to lastSeq are already in it: a replayed page, or one older than an action answer, changes nothing', () => {
    const shown = conversation({ status: 'assigned', assigneeId: 'a1', assigneeName: '小王', lastSeq: 6 });
    const replay: ConversationEvent[] = [
      { seq: 5, type: 'queued', status: 'queued', at, cause: 'handoff' },
      { seq: 6, type: 'held', at, onHold: true },
    ];
    expect(applyConversationEvents(shown, replay)).toEqual(shown);
    // Out of order in one page: applied by seq, the last status wins.
    const c = applyConversationEvents(shown, [
      { seq: 8, type: 'resolved', status: 'resolved', at, resolution: 'agent' },
      { seq: 7, type: 'held', at, onHold: false },
    ]);
    expect(c).toMatchObject({ status: 'resolved', onHold: false, lastSeq: 8 });
  });

  it('an action answer replaces what is shown unless the events already went further', () => {
    const shown = conversation({ lastSeq: 6 });
    expect(newerConversation(undefined, shown)).toBe(shown);
    const answer = conversation({ status: 'assigned', lastSeq: 7 });
    expect(newerConversation(shown, answer)).toBe(answer);
    expect(newerConversation(answer, shown)).toBe(answer);
  });
});
