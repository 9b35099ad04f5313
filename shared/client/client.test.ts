import { ApiClient, ApiError, UnreachableError, DEGRADED_TEXT, type ConnectionState } from './ApiClient';
import { Outbox } from './Outbox';
import { conversationReducer, initialChatState, type ChatState } from './conversationReducer';
import { runEventLoop } from './runEventLoop';
import type { KeyValueStorage, Transport, TransportRequest } from './Transport';
import type { ConversationEvent, Message } from '../schemas';

const PRIMARY = 'https://kefu.example.com';
const BACKUP = 'https://kefu-backup.example.com';

/** Two domains in front of one fake backend; each can be taken down. Messages are idempotent. */
class FakeBackend implements Transport {
  readonly up = { [PRIMARY]: true, [BACKUP]: true } as Record<string, boolean>;
  readonly log: string[] = [];
  readonly stored = new Map<string, Message>();
  request(req: TransportRequest) {
    const base = req.url.startsWith(BACKUP) ? BACKUP : PRIMARY;
    const path = req.url.slice(base.length);
    this.log.push(`${base === PRIMARY ? 'P' : 'B'} ${req.method} ${path.split('?')[0]}`);
    if (!this.up[base]) return Promise.reject(new Error('network down'));
    if (path === '/v1/health') return Promise.resolve({ status: 200, body: { ok: true } });
    const send = /^\/v1\/conversations\/([^/]+)\/messages$/.exec(path);
    if (send && req.method === 'POST') {
      const body = JSON.parse(req.body!) as { clientMessageId: string; text: string };
      if (body.text.length > 2000) return Promise.resolve({ status: 400, body: { code: 'VALIDATION_FAILED', message: '文本过长' } });
      let m = this.stored.get(body.clientMessageId);
      if (!m) {
        m = message(this.stored.size + 1, body.text, body.clientMessageId);
        this.stored.set(body.clientMessageId, m);
      }
      return Promise.resolve({ status: 201, body: m });
    }
    if (path.startsWith('/v1/teapot')) return Promise.resolve({ status: 418, body: { code: 'TEAPOT', message: '我是茶壶' } });
    return Promise.resolve({ status: 503, body: { code: 'INTERNAL', message: 'down' } });
  }
}

function message(seq: number, text: string, clientMessageId?: string, role: 'user' | 'agent' = 'user'): Message {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    sender: { role, id: role === 'user' ? 'u1' : 'a1' },
    ...(clientMessageId ? { clientMessageId } : {}),
    body: { type: 'text', text },
    createdAt: '2026-11-25T10:00:00.000Z',
  };
}

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: (k) => Promise.resolve(data.get(k)), set: (k, v) => Promise.resolve(void data.set(k, v)) };
}

function client(backend: FakeBackend, clock = { now: 0 }, states: ConnectionState[] = []) {
  const sleeps: number[] = [];
  const api = new ApiClient({
    primary: PRIMARY,
    backup: BACKUP,
    transport: backend,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    now: () => clock.now,
    onStateChange: (s) => states.push(s),
  });
  return { api, sleeps };
}

describe('shared/client: API client, outbox, reducer and event loop', () => {
  it('retries with backoff, then uses the backup domain when the primary is down, and stays there', async () => {
    const backend = new FakeBackend();
    const states: ConnectionState[] = [];
    const { api, sleeps } = client(backend, { now: 0 }, states);
    backend.up[PRIMARY] = false;
    const outbox = new Outbox(memoryStorage(), api);
    await outbox.add({ conversationId: 'c1', clientMessageId: 'k1', text: '你好', createdAt: 1 });
    expect((await outbox.flush()).sent).toHaveLength(1);
    // Three attempts on the primary (backoff 300, 600 ms), then the backup answered.
    expect(backend.log).toEqual(['P POST /v1/conversations/c1/messages', 'P POST /v1/conversations/c1/messages', 'P POST /v1/conversations/c1/messages', 'B POST /v1/conversations/c1/messages']);
    expect(sleeps).toEqual([300, 600]);
    await outbox.add({ conversationId: 'c1', clientMessageId: 'k2', text: '在吗', createdAt: 2 });
    await outbox.flush();
    expect(api.connection).toBe('backup');
    backend.log.length = 0;
    await outbox.add({ conversationId: 'c1', clientMessageId: 'k3', text: '还在吗', createdAt: 3 });
    await outbox.flush();
    // After two failed calls the primary is skipped: straight to the backup.
    expect(backend.log).toEqual(['B POST /v1/conversations/c1/messages']);
    expect(states).toEqual(['backup']);
  });

  it('with both domains down it is degraded and keeps every unsent message; on recovery they go out once, in order', async () => {
    const backend = new FakeBackend();
    const clock = { now: 0 };
    const states: ConnectionState[] = [];
    const { api } = client(backend, clock, states);
    const storage = memoryStorage();
    const outbox = new Outbox(storage, api);
    backend.up[PRIMARY] = false;
    backend.up[BACKUP] = false;
    await outbox.add({ conversationId: 'c1', clientMessageId: 'k1', text: '第一条', createdAt: 1 });
    await outbox.add({ conversationId: 'c1', clientMessageId: 'k2', text: '第二条', createdAt: 2 });
    const down = await outbox.flush();
    expect(down).toMatchObject({ sent: [], remaining: 2 });
    expect(api.connection).toBe('degraded');
    expect(DEGRADED_TEXT).toBe('客服繁忙,请稍后再试');
    // The app is closed and opened again: the queue is still in storage.
    const reopened = new Outbox(storage, api);
    expect((await reopened.pending()).map((i) => i.text)).toEqual(['第一条', '第二条']);

    backend.up[BACKUP] = true;
    const back = await reopened.flush();
    expect(back.sent.map((s) => s.item.clientMessageId)).toEqual(['k1', 'k2']);
    expect(api.connection).toBe('backup');
    // A retry of an already delivered message is not stored twice.
    await reopened.add({ conversationId: 'c1', clientMessageId: 'k2', text: '第二条', createdAt: 2 });
    await reopened.flush();
    expect([...backend.stored.keys()]).toEqual(['k1', 'k2']);

    // The primary recovers: the next call after the probe interval checks its health and returns to it.
    backend.up[PRIMARY] = true;
    clock.now = 31_000;
    backend.log.length = 0;
    await reopened.add({ conversationId: 'c1', clientMessageId: 'k3', text: '第三条', createdAt: 3 });
    await reopened.flush();
    expect(backend.log).toEqual(['P GET /v1/health', 'P POST /v1/conversations/c1/messages']);
    expect(states).toEqual(['degraded', 'backup', 'primary']);
  });

  it('does not retry a refused request and reports it by code; the outbox drops it as failed', async () => {
    const backend = new FakeBackend();
    const { api } = client(backend);
    await expect(api.call('GET', '/v1/teapot')).rejects.toEqual(new ApiError(418, 'TEAPOT', '我是茶壶'));
    expect(backend.log).toEqual(['P GET /v1/teapot']);
    const outbox = new Outbox(memoryStorage(), api);
    await outbox.add({ conversationId: 'c1', clientMessageId: 'long', text: '长'.repeat(2001), createdAt: 1 });
    const result = await outbox.flush();
    expect(result.rejected.map((r) => r.error.code)).toEqual(['VALIDATION_FAILED']);
    expect(result.remaining).toBe(0);
  });

  it('the reducer shows each message once, however often it is delivered, and settles pending bubbles', () => {
    let s: ChatState = initialChatState;
    s = conversationReducer(s, { type: 'sending', item: { conversationId: 'c1', clientMessageId: 'k1', text: '转账没到账', createdAt: 1 } });
    expect(s.pending).toEqual([{ clientMessageId: 'k1', text: '转账没到账', state: 'sending' }]);
    const events: ConversationEvent[] = [
      { seq: 1, type: 'message', message: message(1, '转账没到账', 'k1') },
      { seq: 2, type: 'message', message: { ...message(2, '正在为您转接人工客服,请稍候'), sender: { role: 'system', id: 'system' }, body: { type: 'system', event: 'queued', text: '正在为您转接人工客服,请稍候' } } },
    ];
    s = conversationReducer(s, { type: 'events', events, cursor: 2 });
    // The same page again (a poll retried after a lost answer), and the send's own answer.
    s = conversationReducer(s, { type: 'events', events, cursor: 2 });
    s = conversationReducer(s, { type: 'sent', clientMessageId: 'k1', message: message(1, '转账没到账', 'k1') });
    expect(s.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(s.pending).toEqual([]);
    // The notice is for the user to read; the status comes from typed events only.
    expect(s.status).toBeUndefined();
    s = conversationReducer(s, { type: 'sending', item: { conversationId: 'c1', clientMessageId: 'k9', text: 'x', createdAt: 9 } });
    s = conversationReducer(s, { type: 'rejected', clientMessageId: 'k9', error: '文本过长' });
    expect(s.pending).toEqual([{ clientMessageId: 'k9', text: 'x', state: 'failed', error: '文本过长' }]);
  });

  it('the long-poll loop backs off 1 s, 2 s, 4 s on failures, resumes at once after a success, and stops on a 4xx', async () => {
    const responses: (() => Promise<{ status: number; body: unknown }>)[] = [
      () => Promise.reject(new Error('down')),
      () => Promise.reject(new Error('down')),
      () => Promise.reject(new Error('down')),
      () => Promise.resolve({ status: 200, body: { events: [{ seq: 5, type: 'message', message: message(5, '您好', undefined, 'agent') }], cursor: 5 } }),
      () => Promise.resolve({ status: 200, body: { events: [], cursor: 5 } }),
      () => Promise.resolve({ status: 404, body: { code: 'CONVERSATION_NOT_FOUND', message: '会话不存在' } }),
    ];
    const urls: string[] = [];
    const transport: Transport = {
      request: (req) => {
        urls.push(req.url);
        return responses.shift()!();
      },
    };
    const sleeps: number[] = [];
    // One attempt per poll and no backup: the loop's own backoff is what is measured.
    const api = new ApiClient({ primary: PRIMARY, transport, attempts: 1, sleep: () => Promise.resolve() });
    const got: number[] = [];
    let stopped: string | undefined;
    await runEventLoop({
      api,
      conversationId: 'c1',
      after: 4,
      onEvents: (events) => got.push(...events.map((e) => e.seq)),
      onStop: (err) => (stopped = err.code),
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    });
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(got).toEqual([5]);
    expect(urls.at(-1)).toContain('after=5');
    expect(stopped).toBe('CONVERSATION_NOT_FOUND');
    await expect(api.call('GET', '/v1/anything')).rejects.toBeInstanceOf(UnreachableError);
  });
});
