import type { Principal } from '../auth';
import { createMemoryStore } from '../store/drivers';
import type { Conversation, Message } from '../schemas';
import { LeaveMessageBook } from './LeaveMessageBook';
import { LeaveMessageDesk } from './LeaveMessageDesk';

const user: Principal = { tenant: 't1', id: 'u1', role: 'user' };
const agent: Principal = { tenant: 't1', id: 'a1', role: 'agent' };
const message = (text: string): Message => ({ id: `m-${text}`, conversationId: 'c1', seq: 1, clientMessageId: 'x', sender: { role: 'user', id: 'u1' }, body: { type: 'text', text }, createdAt: '2026-12-01T10:00:00Z' });

function desk(status: Conversation['status']) {
  const calls: string[] = [];
  let stored = false;
  const book = new LeaveMessageBook(createMemoryStore());
  const d = new LeaveMessageDesk({
    book,
    leave: (_u, _id, _cid, text) => {
      const replayed = stored;
      stored = true;
      calls.push(`leave ${text}${replayed ? ' (replayed)' : ''}`);
      return Promise.resolve({ message: message(text), replayed });
    },
    conversation: () => Promise.resolve({ id: 'c1', tenant: 't1', userId: 'u1', channel: 'miniprogram', status, lastSeq: 1, createdAt: '', updatedAt: '' }),
    claim: () => Promise.resolve(calls.push('claim')),
    reply: (_s, _id, _cid, text) => (calls.push(`reply ${text}`), Promise.resolve(message(text))),
  });
  return { d, book, calls };
}

describe('LeaveMessageDesk (留言 without HTTP)', () => {
  it('makes one ticket of a 留言 however often the chat resends it', async () => {
    const { d, book, calls } = desk('queued');
    await d.leave(user, 'c1', { clientMessageId: 'l1', text: '明天联系我', contact: 'chat' });
    await d.leave(user, 'c1', { clientMessageId: 'l1', text: '明天联系我', contact: 'chat' });
    expect(calls).toEqual(['leave 明天联系我', 'leave 明天联系我 (replayed)']);
    expect(await book.list(agent, 'open')).toHaveLength(1);
  });

  it('takes a waiting conversation before answering in it, and refuses one without a 留言', async () => {
    const { d, calls } = desk('queued');
    await expect(d.answer(agent, 'c1', { clientMessageId: 'r1', text: '您好' })).rejects.toMatchObject({ code: 'CONVERSATION_NOT_FOUND' });
    await d.leave(user, 'c1', { clientMessageId: 'l1', text: '明天联系我', contact: 'chat' });
    const answered = await d.answer(agent, 'c1', { clientMessageId: 'r1', text: '您好,已为您处理' });
    expect(calls.slice(1)).toEqual(['claim', 'reply 您好,已为您处理']);
    expect(answered.ticket).toMatchObject({ status: 'answered' });
  });

  it('answers without claiming when the conversation is already taken', async () => {
    const { d, calls } = desk('assigned');
    await d.leave(user, 'c1', { clientMessageId: 'l1', text: '明天联系我', contact: 'chat' });
    await d.answer(agent, 'c1', { clientMessageId: 'r1', text: '好的' });
    expect(calls).not.toContain('claim');
  });
});
