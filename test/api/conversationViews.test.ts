import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

/*
 * A conversation comes back from every route as its caller may see it (personalDataView's
 * conversationFor): an agent without the customer-data grant gets the user's words masked also in
 * the answers of claim, hold and resolve, and a user never sees why and where routing sent them
 * (staff's transfer notes, the bot's candidates) in their list or the rating's answer.
 */
describe('conversations as each caller may see them', () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await staffLogin(server, 'admin');
    expect((await server.call('POST', '/v1/merchant/staff/xiaoli/revoke-customer-data', { token: admin })).json['customerData']).toBe(false);
  });
  afterAll(() => server.stop());

  it('an agent without the grant gets the bot’s last question masked from the action routes too', async () => {
    const user = await userLogin(server, 'u051');
    const id = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    const say = (n: number, text: string) => server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { clientMessageId: `v${n}`, text } });
    await say(1, '花呗怎么还款');
    // A question as the knowledge base words it, so the bot answers it and keeps it as its last one.
    await say(2, '余额宝转出多久到账 我手机13812345678');
    await say(3, '转人工');
    const agent = await staffLogin(server, 'xiaoli');
    const answers = [
      await server.call('POST', `/v1/agent/conversations/${id}/claim`, { token: agent }),
      await server.call('POST', `/v1/agent/conversations/${id}/hold`, { token: agent, body: { onHold: true } }),
      await server.call('POST', `/v1/agent/conversations/${id}/resolve`, { token: agent, body: {} }),
    ];
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(JSON.stringify(a.json)).not.toContain('13812345678');
    }
    expect(String(answers[0]!.json['botLastQuestion'])).toContain('138****5678');
  });

  it('a user’s list and the rating’s answer leave out routing, the hand-off and the bot’s state', async () => {
    const user = await userLogin(server, 'u052');
    const id = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { clientMessageId: 'w1', text: '花呗怎么还款' } });
    await server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { clientMessageId: 'w2', text: '转人工' } });
    const agent = await staffLogin(server, 'xiaowang');
    expect((await server.call('POST', `/v1/agent/conversations/${id}/claim`, { token: agent })).status).toBe(200);
    expect((await server.call('POST', `/v1/agent/conversations/${id}/resolve`, { token: agent, body: {} })).status).toBe(200);
    const listed = (await server.call('GET', '/v1/conversations', { token: user })).json['conversations'] as Record<string, unknown>[];
    const rated = await server.call('POST', `/v1/conversations/${id}/rating`, { token: user, body: { stars: 5 } });
    expect(rated.status).toBeLessThan(300);
    for (const c of [...listed, rated.json]) {
      for (const field of ['routing', 'handoff', 'botCandidates', 'botUnresolved', 'botLastQuestion']) expect(c).not.toHaveProperty(field);
    }
  });
});
