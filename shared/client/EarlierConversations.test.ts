import type { Conversation, Message } from '../schemas';
import { EarlierConversations } from './EarlierConversations';

const msg = (conversationId: string, seq: number): Message => ({ id: `${conversationId}-${seq}`, conversationId, seq, sender: { role: 'user', id: 'u' }, body: { type: 'text', text: `${conversationId}#${seq}` }, createdAt: '2026-11-25T10:00:00.000Z' });
const conv = (id: string, status: Conversation['status']) => ({ id, status }) as Conversation;

/** A user's conversations (newest first) and their messages, paged like GET /messages. */
function fakeApi(conversations: Conversation[], counts: Record<string, number>) {
  const calls: string[] = [];
  const get = <T>(path: string): Promise<T> => {
    calls.push(path);
    if (path.startsWith('/v1/conversations?')) return Promise.resolve({ conversations } as T);
    const url = new URL(`https://x${path}`);
    const id = decodeURIComponent(url.pathname.split('/')[3]!);
    const limit = Number(url.searchParams.get('limit'));
    const before = Number(url.searchParams.get('before') ?? Infinity);
    const all = Array.from({ length: counts[id] ?? 0 }, (_, i) => msg(id, i + 1)).filter((m) => m.seq < before);
    const page = all.slice(-limit);
    return Promise.resolve((all.length > limit ? { messages: page, nextBefore: page[0]!.seq } : { messages: page }) as T);
  };
  return { get, calls };
}

const texts = (e: EarlierConversations) => e.list.map((c) => `${c.conversationId}:${c.messages.map((m) => m.seq).join(',')}`);

describe('EarlierConversations: ended conversations above the current one, paged', () => {
  it('shows the newest ended one, then its older page, then the next older conversation; open ones and the current are left out', async () => {
    const api = fakeApi([conv('now', 'bot'), conv('b', 'rated'), conv('open', 'queued'), conv('a', 'resolved')], { b: 5, a: 2 });
    const e = new EarlierConversations(api.get, 3);
    await e.start('now');
    expect(texts(e)).toEqual(['b:3,4,5']);
    expect(e.more).toBe(true);
    await e.loadNext();
    expect(texts(e)).toEqual(['b:1,2,3,4,5']);
    await e.loadNext();
    expect(texts(e)).toEqual(['a:1,2', 'b:1,2,3,4,5']);
    expect(e.more).toBe(false);
    // Listed once: a second start does not read the list again.
    await e.start('now');
    expect(api.calls.filter((c) => c.startsWith('/v1/conversations?'))).toHaveLength(1);
  });

  it('keeps the conversation that just ended at the bottom, once, and pages it when it is the only one', async () => {
    const api = fakeApi([conv('c1', 'bot')], { c1: 6 });
    const e = new EarlierConversations(api.get, 3);
    await e.start('c1');
    expect(texts(e)).toEqual([]);
    e.keep('c1', [msg('c1', 4), msg('c1', 5), msg('c1', 6)], 4);
    e.keep('c1', [msg('c1', 4)], 4);
    expect(texts(e)).toEqual(['c1:4,5,6']);
    expect(e.more).toBe(true);
    await e.loadNext();
    expect(texts(e)).toEqual(['c1:1,2,3,4,5,6']);
    expect(e.more).toBe(false);
  });
});
