import { conversationReducer, initialChatState, servingAgent, type ChatState } from './conversationReducer';
import type { ConversationEvent, Message } from '../schemas';

const at = '2026-11-25T10:00:00.000Z';

function notice(seq: number, event: 'queued' | 'assigned' | 'resolved', text: string): ConversationEvent {
  const message: Message = { id: `m${seq}`, conversationId: 'c1', seq, sender: { role: 'system', id: 'system' }, body: { type: 'system', event, text }, createdAt: at };
  return { seq, type: 'message', message };
}

function agentSays(seq: number, name: string): ConversationEvent {
  return { seq, type: 'message', message: { id: `m${seq}`, conversationId: 'c1', seq, sender: { role: 'agent', id: 'a9', name }, body: { type: 'text', text: '您好' }, createdAt: at } };
}

function apply(state: ChatState, events: ConversationEvent[]): ChatState {
  return conversationReducer(state, { type: 'events', events, cursor: Math.max(state.cursor, ...events.map((e) => e.seq)) });
}

const opened = conversationReducer(initialChatState, { type: 'opened', status: 'bot', cursor: 0 });

describe('conversationReducer: the chat state follows the typed events of the log', () => {
  it('queued sets the status and the place; assigned the agent and clears the place; held, resolved and rated follow', () => {
    let s = apply(opened, [{ seq: 1, type: 'queued', status: 'queued', at, cause: 'handoff', position: 4, estimatedWaitSeconds: 180 }]);
    expect(s.status).toBe('queued');
    expect(s.queue).toEqual({ position: 4, estimatedWaitSeconds: 180 });
    expect(servingAgent(s)).toBeUndefined();

    // The long-poll of the place moves it while the status stays.
    s = conversationReducer(s, { type: 'queue', position: 2, estimatedWaitSeconds: 60 });
    expect(s.queue).toEqual({ position: 2, estimatedWaitSeconds: 60 });

    s = apply(s, [{ seq: 2, type: 'assigned', status: 'assigned', at, assigneeId: 'a1', assigneeName: '小王', cause: 'dispatch' }]);
    expect(s).toMatchObject({ status: 'assigned', assigneeName: '小王', onHold: false });
    expect(s.queue).toBeUndefined();
    expect(servingAgent(s)).toBe('小王');
    // A place answered late (read before the assignment) does not bring the queue back.
    s = conversationReducer(s, { type: 'queue', position: 1, estimatedWaitSeconds: 0 });
    expect(s.queue).toBeUndefined();

    s = apply(s, [{ seq: 3, type: 'held', at, onHold: true }]);
    expect(s.onHold).toBe(true);
    s = apply(s, [{ seq: 4, type: 'held', at, onHold: false }]);
    expect(s.onHold).toBe(false);

    s = apply(s, [{ seq: 5, type: 'resolved', status: 'resolved', at, resolution: 'agent', by: 'a1' }]);
    expect(s.status).toBe('resolved');
    s = apply(s, [{ seq: 6, type: 'rated', status: 'rated', at, stars: 5, complaint: false }]);
    expect(s.status).toBe('rated');
    expect(s.cursor).toBe(6);
  });

  it('in one page the events apply in seq order and the last status wins, whatever order they come in', () => {
    const s = apply(opened, [
      { seq: 3, type: 'assigned', status: 'assigned', at, assigneeId: 'a1', assigneeName: '小李', cause: 'claim' },
      { seq: 1, type: 'queued', status: 'queued', at, cause: 'handoff', position: 2 },
      notice(2, 'queued', '正在为您转接人工客服'),
    ]);
    expect(s).toMatchObject({ status: 'assigned', assigneeName: '小李' });
    expect(s.queue).toBeUndefined();
    expect(s.messages.map((m) => m.seq)).toEqual([2]);
  });

  it('a transfer to an agent names the new one; a transfer to a group queues without a place or agent', () => {
    let s = apply(opened, [{ seq: 1, type: 'assigned', status: 'assigned', at, assigneeId: 'a1', assigneeName: '小王', cause: 'dispatch' }]);
    s = apply(s, [{ seq: 2, type: 'transferred', status: 'assigned', at, by: 'a1', fromAgentId: 'a1', toAgentId: 'a2', assigneeName: '小张' }]);
    expect(s).toMatchObject({ status: 'assigned', assigneeName: '小张' });
    s = apply(s, [{ seq: 3, type: 'transferred', status: 'queued', at, by: 'a2', toGroupId: 'g-refund', note: '退款问题' }]);
    expect(s.status).toBe('queued');
    expect(s.assigneeName).toBeUndefined();
    expect(s.queue).toBeUndefined();
    expect(servingAgent(s)).toBeUndefined();
    // An agent's reply from before the transfer does not make them the one serving now.
    s = apply(s, [agentSays(4, '小张')]);
    expect(servingAgent(s)).toBeUndefined();
  });

  it('a system notice or a rating message alone changes nothing: people read them, the state comes from events', () => {
    let s = apply(opened, [notice(1, 'queued', '正在为您转接人工客服'), notice(2, 'assigned', '客服小王已接入,正在为您服务')]);
    expect(s.status).toBe('bot');
    expect(s.assigneeName).toBeUndefined();
    s = apply(s, [notice(3, 'resolved', '本次会话已结束,感谢您的耐心')]);
    s = apply(s, [{ seq: 4, type: 'message', message: { id: 'm4', conversationId: 'c1', seq: 4, sender: { role: 'user', id: 'u1' }, body: { type: 'rating', stars: 5, tags: [], comment: '', complaint: false }, createdAt: at } }]);
    expect(s.status).toBe('bot');
    expect(s.messages).toHaveLength(4);
  });

  it('duplicate and replayed events are harmless: a retried page neither repeats messages nor takes the status back', () => {
    const page: ConversationEvent[] = [
      { seq: 1, type: 'queued', status: 'queued', at, cause: 'handoff', position: 3, estimatedWaitSeconds: 120 },
      notice(2, 'queued', '正在为您转接人工客服'),
    ];
    let s = apply(opened, page);
    s = apply(s, [{ seq: 3, type: 'assigned', status: 'assigned', at, assigneeId: 'a1', assigneeName: '小王', cause: 'dispatch' }, agentSays(4, '小王')]);
    const settled = s;
    // The older page again (a poll retried after a lost answer), and the newest twice.
    s = conversationReducer(s, { type: 'events', events: page, cursor: 2 });
    s = apply(s, [{ seq: 3, type: 'assigned', status: 'assigned', at, assigneeId: 'a1', assigneeName: '小王', cause: 'dispatch' }, agentSays(4, '小王')]);
    expect(s).toEqual(settled);
    expect(s.messages.map((m) => m.seq)).toEqual([2, 4]);
    expect(s).toMatchObject({ status: 'assigned', cursor: 4 });
    expect(s.queue).toBeUndefined();
  });

  it('a resumed conversation starts from what the server said: status, agent and hold', () => {
    const s = conversationReducer(initialChatState, { type: 'opened', status: 'assigned', cursor: 9, assigneeName: '小王', onHold: true });
    expect(s).toMatchObject({ status: 'assigned', cursor: 9, assigneeName: '小王', onHold: true });
    expect(servingAgent(s)).toBe('小王');
    // An event at or before the cursor was already part of that state.
    expect(apply(s, [{ seq: 9, type: 'held', at, onHold: false }]).onHold).toBe(true);
  });

  it('a log without typed events (written before them) still names the agent from their reply once assigned', () => {
    let s = apply(opened, [{ seq: 1, type: 'status', status: 'assigned', assigneeId: 'a1', at }]);
    expect(servingAgent(s)).toBeUndefined();
    s = apply(s, [agentSays(2, '小王')]);
    expect(servingAgent(s)).toBe('小王');
  });
});
