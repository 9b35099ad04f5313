import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

/**
 * The six forms of personal data the privacy review saw reach agents and logs in clear (issue 16),
 * each with the digits an agent or a log line must never show, however they are written.
 */
const FORMS = [
  { typed: '１３９８７６５４３２１', digits: '13987654321' }, // full-width mobile
  { typed: 'tel13912340001', digits: '13912340001' }, // glued to letters
  { typed: 'card6222021234567890128', digits: '6222021234567890128' }, // card glued to letters
  { typed: '4111.1111.1111.1111', digits: '4111111111111111' }, // dotted card
  { typed: '137  1234  5678', digits: '13712345678' }, // double-spaced mobile
  { typed: '6222021234567890123', digits: '6222021234567890123' }, // 19 digits failing Luhn
] as const;
const DOTTED_PHONE = { typed: '136.1234.5678', digits: '13612345678' };
const ALL = [...FORMS, DOTTED_PHONE];

function leaks(seen: string): string[] {
  return ALL.flatMap((f) => [f.typed, f.digits].filter((s) => seen.includes(s)));
}

describe('personal data in agents’ views and in the log', () => {
  let server: TestServer;
  let conversationId: string;
  let user: string;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await staffLogin(server, 'admin');
    // xiaoli loses the customer-data grant; xiaowang keeps it.
    expect((await server.call('POST', '/v1/merchant/staff/xiaoli/revoke-customer-data', { token: admin })).json['customerData']).toBe(false);

    user = await userLogin(server, 'u013');
    conversationId = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    const send = (n: number, text: string) => server.call('POST', `/v1/conversations/${conversationId}/messages`, { token: user, body: { clientMessageId: `pii-${n}`, text } });
    expect((await send(0, `我的手机${FORMS[0].typed},帮我转人工`)).status).toBe(201);
    expect((await send(1, `备用号码${FORMS[1].typed}`)).status).toBe(201);
    expect((await send(2, `退款到${FORMS[2].typed}`)).status).toBe(201);
    expect((await send(3, `卡号 ${FORMS[3].typed} 没收到退款`)).status).toBe(201);
    expect((await send(4, `电话 ${FORMS[4].typed} 或者 ${DOTTED_PHONE.typed}`)).status).toBe(201);
    expect((await send(5, `另一张卡 ${FORMS[5].typed}`)).status).toBe(201);
    const xiaowang = await staffLogin(server, 'xiaowang');
    expect((await server.call('POST', `/v1/agent/conversations/${conversationId}/claim`, { token: xiaowang })).status).toBe(200);
    expect((await server.call('POST', `/v1/agent/conversations/${conversationId}/resolve`, { token: xiaowang })).status).toBe(200);
    const rated = await server.call('POST', `/v1/conversations/${conversationId}/rating`, {
      token: user,
      body: { stars: 1, tags: [FORMS[1].typed, '等待太久'], comment: `请打 ${FORMS[4].typed} 或 ${FORMS[0].typed},卡 ${FORMS[5].typed}`, complaint: true },
    });
    expect(rated.status).toBe(200);
  });
  afterAll(() => server.stop());

  const views = (id: string) => [`/v1/conversations/${id}`, `/v1/conversations/${id}/messages`, `/v1/conversations/${id}/events?timeout=0`, `/v1/agent/conversations/${id}/understanding`, `/v1/agent/conversations/${id}/analysis`];
  const read = async (token: string, route: string) => {
    const res = await server.call('GET', route, { token });
    expect([route, res.status]).toEqual([route, 200]);
    return JSON.stringify(res.json);
  };

  it('an agent without the customer-data grant sees none of them: messages, understanding, rating', async () => {
    const xiaoli = await staffLogin(server, 'xiaoli');
    expect((await server.call('GET', '/v1/agent/customers/u013', { token: xiaoli })).json['code']).toBe('CUSTOMER_DATA_FORBIDDEN');
    for (const route of views(conversationId)) expect([route, leaks(await read(xiaoli, route))]).toEqual([route, []]);
    // Masked, not dropped: the agent still sees that a number was given, and the rating's words.
    const conversation = await server.call('GET', `/v1/conversations/${conversationId}`, { token: xiaoli });
    expect(conversation.json['rating']).toMatchObject({ stars: 1, tags: ['tel139****0001', '等待太久'], comment: '请打 137****5678 或 139****4321,卡 6222***********0123' });
    const understanding = await read(xiaoli, `/v1/agent/conversations/${conversationId}/understanding`);
    expect(understanding).toContain('139****4321');
    expect(understanding).toContain('4111********1111');
  });

  it('an agent with the grant gets the customer panel, and users’ numbers masked like everyone of that role', async () => {
    const xiaowang = await staffLogin(server, 'xiaowang');
    expect((await server.call('GET', '/v1/agent/customers/u013', { token: xiaowang })).status).toBe(200);
    for (const route of views(conversationId)) expect([route, leaks(await read(xiaowang, route))]).toEqual([route, []]);
  });

  it('supervisors and admins still see what the user wrote', async () => {
    for (const name of ['chenzhuguan', 'admin']) {
      const token = await staffLogin(server, name);
      const messages = await read(token, `/v1/conversations/${conversationId}/messages`);
      for (const f of ALL) expect(messages).toContain(f.typed);
      const understanding = await read(token, `/v1/agent/conversations/${conversationId}/understanding`);
      expect(understanding).toContain('13987654321');
      const conversation = await server.call('GET', `/v1/conversations/${conversationId}`, { token });
      expect(conversation.json['rating']).toMatchObject({ tags: [FORMS[1].typed, '等待太久'], comment: `请打 ${FORMS[4].typed} 或 ${FORMS[0].typed},卡 ${FORMS[5].typed}` });
    }
  });

  it('no log line the server wrote holds any of them', () => {
    const lines = server.logText().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(15);
    expect(lines.filter((l) => leaks(l).length > 0)).toEqual([]);
    // The messages were logged, masked.
    expect(lines.some((l) => l.includes('139****4321'))).toBe(true);
  });
});
