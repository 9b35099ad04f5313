import { ChatSession } from './ChatSession';
import type { ChatView } from './ChatView';
import { chatLogin } from './chatLogin';
import { chatTexts } from './chatText';
import { connectionBanner } from './connectionBanner';
import { ApiClient } from './ApiClient';
import type { KeyValueStorage } from './Transport';
import { BACKUP, FakeChatBackend, PRIMARY } from '../../test/helpers/FakeChatBackend';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: (k) => Promise.resolve(data.get(k)), set: (k, v) => Promise.resolve(void data.set(k, v)) };
}

const tick = (ms = 1) => new Promise<void>((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await tick(2);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const started: ChatSession[] = [];
afterEach(() => {
  // Loops of a session that a failed assertion left running must not outlive its test.
  for (const c of started.splice(0)) c.stop();
});

function session(backend: FakeChatBackend, storage = memoryStorage(), clock = backend.clock) {
  const views: ChatView[] = [];
  let n = 0;
  const chat = new ChatSession({
    primary: PRIMARY,
    backup: BACKUP,
    transport: backend,
    storage,
    login: chatLogin({ tenant: 'demo', devUserId: 'u001' }),
    channel: 'miniprogram',
    onChange: (v) => views.push(v),
    newId: () => `k${++n}`,
    now: () => clock.now,
    // Real (short) timers: the loops must yield to the test between polls.
    sleep: () => tick(1),
    backoffMs: 1,
    queueRefreshMs: 5,
  });
  started.push(chat);
  return { chat, views, storage, clock };
}

describe('ChatSession: the chat behaviour shared by kf-chat and the H5 page', () => {
  it('logs in, opens a conversation with 猜你想问, sends, follows an agent reply, and rates', async () => {
    const backend = new FakeChatBackend();
    const { chat, storage } = session(backend);
    await chat.start();
    expect(backend.logins).toBe(1);
    expect(storage.data.get('kefu.conversation')).toBe('c1');
    expect(JSON.parse(storage.data.get('kefu.session')!)).toMatchObject({ token: 't1' });
    expect(chat.current.predicted.map((p) => p.question)).toEqual(['怎么申请退款?']);

    expect(await chat.send('  我的退款什么时候到账  ')).toBe(true);
    expect(chat.current.chat.messages.map((m) => m.body.type === 'text' && m.body.text)).toEqual(['我的退款什么时候到账']);
    expect(chat.current.chat.pending).toEqual([]);
    expect(chat.current.predicted).toEqual([]);

    await chat.askHuman();
    await until(() => chat.current.chat.status === 'queued' && chat.current.chat.queue?.position === 3, 'the queue place');

    backend.push('c1', (seq) => ({ seq, type: 'assigned', status: 'assigned', at: '2026-11-25T10:01:00.000Z', assigneeId: 'a1', assigneeName: '小王', cause: 'dispatch' }));
    await until(() => chat.current.agentName === '小王', 'the agent');
    expect(chat.current.chat.queue).toBeUndefined();
    backend.agentReply('c1', '您好,我来帮您查一下', '小王');
    await until(() => chat.current.chat.messages.some((m) => m.sender.role === 'agent'), 'the agent reply');

    expect(await chat.rate({ stars: 0 })).toBe(false);
    expect(chat.current.notice).toBe('请先选择星级');
    chat.starsPicked();
    expect(chat.current.notice).toBe('');
    expect(await chat.rate({ stars: 5 })).toBe(false);
    expect(chat.current.notice).toBe('会话结束后才能评价');
    backend.push('c1', (seq) => ({ seq, type: 'status', status: 'resolved', at: '2026-11-25T10:02:00.000Z' }));
    await until(() => chat.current.chat.status === 'resolved', 'resolved');
    expect(await chat.rate({ stars: 4, tags: ['态度好'], comment: '很快', complaint: false })).toBe(true);
    await until(() => chat.current.chat.status === 'rated', 'the rated event');
    chat.stop();
  });

  it('asks for a FAQ entry in a new conversation when the one shown has ended (a card of the earlier one tapped)', async () => {
    const backend = new FakeChatBackend();
    const { chat } = session(backend);
    await chat.start();
    await chat.selectQuestion('huabei-repay', 'suggest');
    backend.push('c1', (seq) => ({ seq, type: 'status', status: 'resolved', at: '2026-11-25T10:02:00.000Z' }));
    await until(() => chat.current.chat.status === 'resolved', 'resolved');
    await chat.selectQuestion('huabei-repay', 'suggest');
    expect(chat.current.conversationId).toBe('c2');
    expect(backend.log.filter((l) => l.includes('faq-select'))).toEqual(['P POST /v1/conversations/c1/faq-select', 'P POST /v1/conversations/c2/faq-select']);
    expect(chat.current.notice).toBe('');
    chat.stop();
  });

  it('follows the queue place by long-poll: the place shown goes as `known`, a move shows at once, and the polls end with the wait', async () => {
    const backend = new FakeChatBackend();
    const { chat } = session(backend);
    await chat.start();
    await chat.askHuman();
    // The queued event brought the place; the loop waits on it.
    await until(() => chat.current.chat.queue?.position === 3 && backend.queuePolls.length === 1, 'the first queue poll');
    expect(backend.queuePolls[0]).toEqual({ known: 3, timeout: 20_000 });
    // A quiet queue holds one request on the server: no polling meanwhile.
    await tick(30);
    expect(backend.queuePolls).toHaveLength(1);

    backend.moveQueue(2);
    await until(() => chat.current.chat.queue?.position === 2, 'the new place');
    expect(chat.current.chat.queue).toEqual({ position: 2, estimatedWaitSeconds: 120 });
    await until(() => backend.queuePolls.length === 2, 'the next poll');
    expect(backend.queuePolls[1]).toEqual({ known: 2, timeout: 20_000 });

    backend.push('c1', (seq) => ({ seq, type: 'assigned', status: 'assigned', at: '2026-11-25T10:01:00.000Z', assigneeId: 'a1', assigneeName: '小王', cause: 'dispatch' }));
    await until(() => chat.current.chat.status === 'assigned', 'the assignment');
    await tick(30);
    const polls = backend.queuePolls.length;
    await tick(30);
    expect(backend.queuePolls).toHaveLength(polls);
    expect(polls).toBeLessThanOrEqual(3);
    expect(chat.current.chat.queue).toBeUndefined();

    // Transferred back to a group: a new wait, a new loop (without a place shown, it reads first).
    backend.push('c1', (seq) => ({ seq, type: 'transferred', status: 'queued', at: '2026-11-25T10:02:00.000Z', by: 'a1', toGroupId: 'g2' }));
    await until(() => chat.current.chat.queue?.position === 2 && backend.queuePolls.length === polls + 2, 'the place in the new queue');
    expect(backend.queuePolls.slice(polls)).toEqual([{ timeout: 20_000 }, { known: 2, timeout: 20_000 }]);
    expect(chat.current.agentName).toBeUndefined();
    chat.stop();
  });

  it('on a second device goes on with the conversation a person has, starts anew once it ended, and leaves a bot conversation on its device (walk finding)', async () => {
    const backend = new FakeChatBackend();
    const phone = session(backend);
    await phone.chat.start();
    await phone.chat.send('转人工');
    backend.push('c1', (seq) => ({ seq, type: 'assigned', status: 'assigned', at: '2026-11-25T10:01:00.000Z', assigneeId: 'a1', assigneeName: '小王', cause: 'dispatch' }));
    await until(() => phone.chat.current.chat.status === 'assigned', 'the assignment on the phone');
    phone.chat.stop();

    // Another device: nothing in its storage, yet the agent's conversation opens, with its history.
    const tablet = session(backend);
    await tablet.chat.start();
    expect(tablet.chat.current.conversationId).toBe('c1');
    expect(tablet.chat.current.chat.status).toBe('assigned');
    expect(tablet.chat.current.chat.messages.map((m) => m.body.type === 'text' && m.body.text)).toContain('转人工');
    expect(backend.conversations.size).toBe(1);
    tablet.chat.stop();

    backend.push('c1', (seq) => ({ seq, type: 'status', status: 'resolved', at: '2026-11-25T10:02:00.000Z' }));
    const later = session(backend);
    await later.chat.start();
    expect(later.chat.current.conversationId).toBe('c2');
    later.chat.stop();

    // A conversation only the bot has stays on its device: reopened there, not elsewhere.
    const again = session(backend, later.storage);
    await again.chat.start();
    expect(again.chat.current.conversationId).toBe('c2');
    again.chat.stop();
    const fresh = session(backend);
    await fresh.chat.start();
    expect(fresh.chat.current.conversationId).toBe('c3');
    fresh.chat.stop();
  });

  it('reopens an agent\'s conversation resolved today and not rated with its rating, and starts anew on the next message (walk finding: a reload lost the card)', async () => {
    const backend = new FakeChatBackend();
    const phone = session(backend);
    await phone.chat.start();
    await phone.chat.send('转人工');
    backend.push('c1', (seq) => ({ seq, type: 'resolved', status: 'resolved', resolution: 'agent', by: 'a1', at: new Date(backend.clock.now).toISOString() }));
    await until(() => phone.chat.current.chat.status === 'resolved', 'the resolution on the phone');
    phone.chat.stop();

    // The page reloads (or the user comes back): the resolved conversation is there to rate.
    const reload = session(backend, phone.storage);
    await reload.chat.start();
    expect([reload.chat.current.conversationId, reload.chat.current.chat.status]).toEqual(['c1', 'resolved']);
    expect(await reload.chat.rate({ stars: 5, tags: [], comment: '', complaint: false })).toBe(true);
    reload.chat.stop();

    // Rated, it is history: the next visit starts a new conversation.
    const next = session(backend, phone.storage);
    await next.chat.start();
    expect(next.chat.current.conversationId).toBe('c2');
    next.chat.stop();
  });

  it('refuses text over 2,000 characters and empty text before sending anything', async () => {
    const backend = new FakeChatBackend();
    const { chat } = session(backend);
    await chat.start();
    const before = backend.log.length;
    expect(await chat.send('好'.repeat(2001))).toBe(false);
    expect(chat.current.notice).toBe('消息过长,请控制在 2000 字以内(当前 2001 字)');
    expect(await chat.send('   ')).toBe(false);
    expect(chat.current.notice).toBe('请输入内容');
    expect(backend.log.slice(before).filter((l) => l.includes('POST'))).toEqual([]);
    // Typing again takes 请输入内容 away; a second empty send says it again.
    chat.typing();
    expect(chat.current.notice).toBe('');
    expect(await chat.send('')).toBe(false);
    expect(chat.current.notice).toBe('请输入内容');
    // Other notices are not the composer's to take away.
    expect(await chat.send('好'.repeat(2001))).toBe(false);
    chat.typing();
    expect(chat.current.notice).toContain('消息过长');
    chat.stop();
  });

  it('resumes the open conversation and the stored session, and loads older history page by page', async () => {
    const backend = new FakeChatBackend();
    const first = session(backend);
    await first.chat.start();
    for (let i = 1; i <= 25; i++) await first.chat.send(`第${i}条`);
    first.chat.stop();

    const again = session(backend, first.storage);
    await again.chat.start();
    expect(backend.logins).toBe(1);
    expect(again.chat.current.conversationId).toBe('c1');
    expect(again.chat.current.chat.messages).toHaveLength(20);
    expect(again.chat.current.chat.moreBefore).toBe(true);
    await again.chat.loadOlder();
    expect(again.chat.current.chat.messages).toHaveLength(25);
    expect(again.chat.current.chat.messages[0]!.body).toEqual({ type: 'text', text: '第1条' });
    expect(again.chat.current.chat.moreBefore).toBe(false);
    again.chat.stop();
  });

  it('refreshes a token that is about to expire, and logs in again when the server refuses it', async () => {
    const backend = new FakeChatBackend();
    const s = session(backend);
    await s.chat.start();
    s.chat.stop();
    s.clock.now += 55 * 60_000; // 5 minutes left of the hour
    const again = session(backend, s.storage, s.clock);
    await again.chat.start();
    expect(backend.refreshes).toBe(1);
    expect(backend.logins).toBe(1);

    backend.expireAllTokens();
    expect(await again.chat.send('还在吗')).toBe(true);
    expect(backend.logins).toBe(2);
    expect(again.chat.current.chat.pending).toEqual([]);
    again.chat.stop();
  });

  it('keeps a message typed while both domains are down and sends it once when the network returns', async () => {
    const backend = new FakeChatBackend();
    const { chat, storage } = session(backend);
    await chat.start();
    backend.up[PRIMARY] = false;
    backend.up[BACKUP] = false;
    expect(await chat.send('网络断了也要发出去')).toBe(true);
    expect(chat.current.chat.pending).toEqual([{ clientMessageId: 'k1', text: '网络断了也要发出去', state: 'failed', error: '未发送,点击重试' }]);
    expect(chat.current.chat.connection).toBe('degraded');
    expect(JSON.parse(storage.data.get('kefu.outbox')!)).toHaveLength(1);

    backend.up[BACKUP] = true;
    const mark = backend.log.length;
    await chat.retry('k1');
    await chat.online();
    expect(chat.current.chat.pending).toEqual([]);
    expect(chat.current.chat.connection).toBe('backup');
    // The tap sent it; the `online` flush after it found the outbox empty.
    expect(backend.log.slice(mark).filter((l) => l === 'B POST /v1/conversations/c1/messages')).toHaveLength(1);
    expect([...backend.conversations.get('c1')!.events].filter((e) => e.type === 'message')).toHaveLength(1);
    chat.stop();
  });

  it('says no network as such, not 客服繁忙, in the banner and in a failed action, and sends what waits when it is back', async () => {
    const backend = new FakeChatBackend();
    const { chat } = session(backend);
    await chat.start();
    const zh = chatTexts('zh-CN');
    backend.up[PRIMARY] = false;
    backend.up[BACKUP] = false;
    await chat.network(false);
    expect(chat.current.offline).toBe(true);
    expect(await chat.send('断网时写的')).toBe(true);
    await chat.feedback('f1', true);
    expect(chat.current.chat.connection).toBe('degraded');
    expect(connectionBanner(chat.current, zh)).toBe('网络已断开,恢复后自动发送');
    expect(chat.current.notice).toBe('网络已断开,恢复后自动发送');

    backend.up[PRIMARY] = true;
    backend.up[BACKUP] = true;
    await chat.network(true);
    expect(chat.current.offline).toBe(false);
    expect(chat.current.chat.pending).toEqual([]);
    expect([...backend.conversations.get('c1')!.events].filter((e) => e.type === 'message')).toHaveLength(1);
    // Both domains down with the network up is the service's trouble: 客服繁忙.
    backend.up[PRIMARY] = false;
    backend.up[BACKUP] = false;
    await chat.feedback('f1', true);
    expect(connectionBanner(chat.current, zh)).toBe('客服繁忙,请稍后再试');
    expect(chat.current.notice).toBe('客服繁忙,请稍后再试');
  });

  it('logs in with the Alipay auth code when offered, and falls back to the dev login only when Alipay refuses and dev is offered', async () => {
    const backend = new FakeChatBackend();
    backend.loginMethods.splice(0, backend.loginMethods.length, 'alipay', 'dev');
    const api = new ApiClient({ primary: PRIMARY, transport: backend, sleep: () => Promise.resolve() });
    await chatLogin({ tenant: 'demo', authCode: () => Promise.resolve('good'), devUserId: 'u001' })(api);
    expect(backend.log.filter((l) => l.includes('/v1/auth/'))).toEqual(['P GET /v1/auth/methods', 'P POST /v1/auth/alipay']);
    backend.refuseAlipay = true;
    await chatLogin({ tenant: 'demo', authCode: () => Promise.resolve('bad'), devUserId: 'u001' })(api);
    expect(backend.log.slice(-2)).toEqual(['P POST /v1/auth/alipay', 'P POST /v1/auth/dev-login']);
    backend.loginMethods.splice(0, backend.loginMethods.length, 'alipay');
    await expect(chatLogin({ tenant: 'demo', authCode: () => Promise.resolve('bad'), devUserId: 'u001' })(api)).rejects.toMatchObject({ code: 'ALIPAY_AUTH_FAILED' });
  });

  it('opened while the API is down, it shows what waits from the last visit as not sent, and sends it once the API answers, without a tap', async () => {
    const backend = new FakeChatBackend();
    const first = session(backend);
    await first.chat.start();
    first.chat.stop();
    // Closed while a message was still in the outbox (the answer never came).
    const storage = first.storage;
    storage.data.set('kefu.outbox', JSON.stringify([{ conversationId: 'c1', clientMessageId: 'left1', text: '上次没发出去的', createdAt: 1 }]));
    backend.up[PRIMARY] = false;
    backend.up[BACKUP] = false;
    const again = session(backend, storage);
    await again.chat.start();
    await until(() => again.chat.current.chat.pending[0]?.state === 'failed', 'shown as not sent');
    expect(again.chat.current.chat.pending).toEqual([{ clientMessageId: 'left1', text: '上次没发出去的', state: 'failed', error: '未发送,点击重试' }]);
    backend.up[PRIMARY] = true;
    backend.up[BACKUP] = true;
    await until(() => again.chat.current.chat.pending.length === 0 && again.chat.current.ready, 'sent after the API came back');
    const texts = backend.conversations.get('c1')!.events.flatMap((e) => (e.type === 'message' && e.message.body.type === 'text' ? [e.message.body.text] : []));
    expect(texts).toEqual(['上次没发出去的']);
  });
});
