import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

interface Msg {
  id: string;
  seq: number;
  body: { type: string; text: string };
  sender: { role: string; id: string };
}

describe('conversation slice over HTTP (dev server, sqlite)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('a user writes, an agent claims and answers, the user receives the answer through the long-poll', async () => {
    const user = await userLogin(server, 'u001');
    const created = await server.call('POST', '/v1/conversations', { token: user, body: { channel: 'miniprogram' } });
    expect(created.status).toBe(201);
    const id = created.json['id'] as string;
    expect(created.json['status']).toBe('bot');

    const sent = await server.call('POST', `/v1/conversations/${id}/messages`, {
      token: user,
      body: { clientMessageId: 'm-1', text: '昨天给朋友转了350块,对方说没收到,帮我转人工' },
    });
    expect(sent.status).toBe(201);
    expect((sent.json as unknown as Msg).body.text).toBe('昨天给朋友转了350块,对方说没收到,帮我转人工');

    const agent = await staffLogin(server, 'xiaowang');
    const inbox = await server.call('GET', '/v1/agent/inbox?box=waiting', { token: agent });
    expect(inbox.status).toBe(200);
    const waiting = inbox.json['conversations'] as { id: string; status: string; lastMessagePreview: string }[];
    expect(waiting.map((c) => c.id)).toContain(id);
    expect(waiting.find((c) => c.id === id)?.status).toBe('queued');

    const claimed = await server.call('POST', `/v1/agent/conversations/${id}/claim`, { token: agent });
    expect(claimed.status).toBe(200);
    expect(claimed.json).toMatchObject({ status: 'assigned', assigneeId: 'xiaowang' });
    const mine = await server.call('GET', '/v1/agent/inbox?box=mine', { token: agent });
    expect((mine.json['conversations'] as { id: string }[]).map((c) => c.id)).toEqual([id]);

    // The user is already waiting on the events stream when the agent answers.
    const firstPoll = await server.call('GET', `/v1/conversations/${id}/events?after=0&timeout=0`, { token: user });
    const cursor = firstPoll.json['cursor'] as number;
    expect(cursor).toBeGreaterThanOrEqual(3);
    const started = Date.now();
    const waitingPoll = server.call('GET', `/v1/conversations/${id}/events?after=${cursor}&timeout=5000`, { token: user });
    await new Promise((r) => setTimeout(r, 100));
    const reply = await server.call('POST', `/v1/agent/conversations/${id}/messages`, {
      token: agent,
      body: { clientMessageId: 'a-1', text: '您好,我帮您查一下这笔转账' },
    });
    expect(reply.status).toBe(201);
    const woken = await waitingPoll;
    const elapsed = Date.now() - started;
    expect(woken.status).toBe(200);
    const events = woken.json['events'] as { type: string; message: Msg }[];
    expect(events.map((e) => e.message.body.text)).toEqual(['您好,我帮您查一下这笔转账']);
    expect(events[0]!.message.sender).toMatchObject({ role: 'agent', id: 'xiaowang' });
    expect(woken.json['cursor']).toBe(events[0]!.message.seq);
    // Woken by the write itself: far sooner than the 5 s poll timeout or the 60 s store re-check.
    expect(elapsed).toBeLessThan(2000);

    const resolved = await server.call('POST', `/v1/agent/conversations/${id}/resolve`, { token: agent });
    expect(resolved.json).toMatchObject({ status: 'resolved' });
    const after = await server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { clientMessageId: 'm-2', text: '还在吗' } });
    expect(after.status).toBe(409);
    expect(after.json['code']).toBe('CONVERSATION_CLOSED');

    const history = await server.call('GET', `/v1/conversations/${id}/messages`, { token: user });
    const texts = (history.json['messages'] as Msg[]).map((m) => `${m.sender.role}:${m.body.text}`);
    expect(texts[0]).toBe('user:昨天给朋友转了350块,对方说没收到,帮我转人工');
    expect(texts).toContain('agent:您好,我帮您查一下这笔转账');
    expect(texts[texts.length - 1]).toMatch(/^system:/);
  });

  it('a retried message (same client id) is stored once; the same id with other text is a conflict', async () => {
    const user = await userLogin(server, 'u002');
    const id = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    const body = { clientMessageId: 'retry-1', text: '退款什么时候到账' };
    const results = await Promise.all([1, 2, 3].map(() => server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.json['id'])).size).toBe(1);
    const history = await server.call('GET', `/v1/conversations/${id}/messages`, { token: user });
    expect((history.json['messages'] as Msg[]).filter((m) => m.sender.role === 'user')).toHaveLength(1);
    const clash = await server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { ...body, text: '别的内容' } });
    expect(clash.status).toBe(409);
    expect(clash.json['code']).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('two agents claiming at once: exactly one wins', async () => {
    const user = await userLogin(server, 'u003');
    const id = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { clientMessageId: 'c1', text: '花呗额度怎么提升' } });
    const [a, b] = await Promise.all([staffLogin(server, 'xiaowang'), staffLogin(server, 'xiaoli')]);
    const results = await Promise.all([
      server.call('POST', `/v1/agent/conversations/${id}/claim`, { token: a }),
      server.call('POST', `/v1/agent/conversations/${id}/claim`, { token: b }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.json['code']).toBe('ALREADY_CLAIMED');
    const winner = results.find((r) => r.status === 200)!.json['assigneeId'];
    const conv = await server.call('GET', `/v1/conversations/${id}`, { token: user });
    expect(conv.json['assigneeId']).toBe(winner);
    // The loser cannot reply in the winner's conversation.
    const loserToken = winner === 'xiaowang' ? b : a;
    const reply = await server.call('POST', `/v1/agent/conversations/${id}/messages`, { token: loserToken, body: { clientMessageId: 'x', text: '你好' } });
    expect(reply.json['code']).toBe('NOT_ASSIGNEE');
  });

  it('pages history backwards with a cursor, without gaps or duplicates', async () => {
    const user = await userLogin(server, 'u004');
    const id = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    for (let i = 1; i <= 7; i++) {
      await server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { clientMessageId: `p${i}`, text: `第${i}条` } });
    }
    const seen: string[] = [];
    let before: number | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await server.call('GET', `/v1/conversations/${id}/messages?limit=3${before ? `&before=${before}` : ''}`, { token: user });
      const msgs = res.json['messages'] as Msg[];
      seen.unshift(...msgs.map((m) => m.body.text));
      before = res.json['nextBefore'] as number | undefined;
      if (!before) break;
    }
    expect(seen.filter((t) => t.startsWith('第'))).toEqual(['第1条', '第2条', '第3条', '第4条', '第5条', '第6条', '第7条']);
    expect(seen).toHaveLength(8); // plus the "queued" notice
  });

  it('never writes a raw mobile number from a message to the log', async () => {
    const user = await userLogin(server, 'u005');
    const id = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    const res = await server.call('POST', `/v1/conversations/${id}/messages`, {
      token: user,
      body: { clientMessageId: 'pii', text: '我的手机号是13987654321,卡号6222021234567890128' },
    });
    expect(res.status).toBe(201);
    const log = server.logText();
    expect(log).toContain('139****4321');
    expect(log).not.toContain('13987654321');
    expect(log).not.toContain('6222021234567890128');
    const line = log.split('\n').find((l) => l.includes('139****4321'));
    expect(JSON.parse(line!)).toMatchObject({ function: 'message', user_id: 'u005', request_id: expect.any(String) as string });
  });
});
