import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

interface Ticket {
  category?: { value: string; seq: number };
  amount?: { value: unknown; text: string; seq: number; messageId: string };
  time?: { text: string; seq: number };
  orderNo?: { value: unknown; seq: number };
  phone?: { value: string; text: string };
}

describe('understanding in the conversation pipeline', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('stores every user message with its understanding and keeps a ticket where the latest value wins', async () => {
    const user = await userLogin(server, 'u011');
    const id = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    const send = (clientMessageId: string, text: string) =>
      server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { clientMessageId, text } });

    const first = await send('t1', '昨天下午三点给朋友转了350块,对方说没收到');
    await send('t2', '我手机号13812345678,交易号2026112322001412341234567890');
    const third = await send('t3', '不好意思说错了,是400元');
    await send('t4', '谢谢');

    const agent = await staffLogin(server, 'xiaowang');
    const conv = await server.call('GET', `/v1/conversations/${id}`, { token: agent });
    const ticket = conv.json['ticket'] as Ticket;
    expect(ticket.category).toMatchObject({ value: 'transfer' });
    // Latest value wins, and remembers the message it came from.
    expect(ticket.amount).toMatchObject({ value: { amount: 400, currency: 'CNY' }, text: '400元', messageId: third.json['id'] });
    expect(ticket.time).toMatchObject({ text: '昨天下午三点', seq: first.json['seq'] });
    expect(ticket.orderNo?.value).toEqual({ orderNo: '2026112322001412341234567890', kind: 'alipayTrade' });
    // Personal data in the ticket is masked.
    expect(ticket.phone).toMatchObject({ value: '138****5678', text: '138****5678' });
    expect(JSON.stringify(conv.json)).not.toContain('13812345678');

    const stored = await server.call('GET', `/v1/agent/conversations/${id}/understanding`, { token: agent });
    const messages = stored.json['messages'] as { seq: number; understanding: { category: string; entities: unknown[] } }[];
    expect(messages).toHaveLength(4);
    expect(messages[0]).toMatchObject({ seq: first.json['seq'], understanding: { category: 'transfer' } });
    // Its first name answers in its first shape.
    const old = await server.call('GET', `/v1/agent/conversations/${id}/analysis`, { token: agent });
    expect(old.json).toEqual({ analyses: messages.map((m) => ({ seq: m.seq, analysis: m.understanding })) });
  });

  it('POST /v1/understand returns the same JSON as a line of the CLI, and /v1/parse (its first name) answers the same', async () => {
    const token = await staffLogin(server, 'xiaoli');
    const body = { id: 'q1', text: '昨天下午三点给138****转了350块,对方说没收到', now: '2026-11-23T10:30:00+08:00' };
    const res = await server.call('POST', '/v1/understand', { token, body });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['id', 'category', 'confidence', 'entities', 'masked']);
    expect(res.json).toMatchObject({ id: 'q1', category: 'transfer' });
    const old = await server.call('POST', '/v1/parse', { token, body });
    expect({ status: old.status, json: old.json }).toEqual({ status: 200, json: res.json });
    const bad = [
      [{ text: '' }, 400, 'TEXT_EMPTY'],
      [{ text: '长'.repeat(2001) }, 400, 'TEXT_TOO_LONG'],
      [{ text: '退款', now: 'yesterday' }, 400, 'INVALID_NOW'],
      [{ text: 42 }, 400, 'VALIDATION_FAILED'],
    ] as const;
    for (const [body, status, code] of bad) {
      const r = await server.call('POST', '/v1/understand', { token, body });
      expect({ status: r.status, code: r.json['code'] }).toEqual({ status, code });
    }
    expect((await server.call('POST', '/v1/understand', { body: { text: 'x' } })).status).toBe(401);
  });
});

describe('personal data shown to agents', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('agents see users’ phone, card and ID numbers masked; supervisors and the user see them', async () => {
    const user = await userLogin(server, 'u012');
    const id = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    const raw = '我的手机13812345678,卡号6222021234567890128,身份证11010519491231002X';
    await server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { clientMessageId: 'pii', text: raw } });
    const texts = async (token: string, route: string) => JSON.stringify((await server.call('GET', route, { token })).json);
    const agent = await staffLogin(server, 'xiaowang');
    for (const route of [`/v1/conversations/${id}/messages`, `/v1/conversations/${id}/events?timeout=0`, '/v1/agent/inbox']) {
      const seen = await texts(agent, route);
      expect(seen).not.toContain('13812345678');
      expect(seen).not.toContain('6222021234567890128');
      expect(seen).not.toContain('11010519491231002X');
    }
    expect(await texts(agent, `/v1/conversations/${id}/messages`)).toContain('138****5678');
    const supervisor = await staffLogin(server, 'chenzhuguan');
    expect(await texts(supervisor, `/v1/conversations/${id}/messages`)).toContain('13812345678');
    expect(await texts(user, `/v1/conversations/${id}/messages`)).toContain('13812345678');
  });
});
