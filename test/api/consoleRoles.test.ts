import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

/**
 * Every API the console calls enforces its roles on the server: the same request made as a user,
 * an agent, a supervisor and an admin gets through only for the roles the console shows it to.
 */
describe('console APIs: roles enforced server-side', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    tokens['user'] = await userLogin(server, 'u005');
    tokens['agent'] = await staffLogin(server, 'xiaowang');
    tokens['supervisor'] = await staffLogin(server, 'chenzhuguan');
    tokens['admin'] = await staffLogin(server, 'admin');
  });
  afterAll(() => server.stop());

  const entry = { placement: 'bottom-left', offsetX: 24, offsetY: 120, icon: '', color: '#ff6600', label: '客服', showBadge: true };
  const cases: [string, string, unknown, string[]][] = [
    ['GET', '/v1/agent/inbox?box=waiting', undefined, ['agent', 'supervisor', 'admin']],
    ['GET', '/v1/agent/alerts', undefined, ['supervisor', 'admin']],
    ['GET', '/v1/stats/overview', undefined, ['supervisor', 'admin']],
    ['GET', '/v1/stats/live', undefined, ['supervisor', 'admin']],
    ['GET', '/v1/merchant/faq', undefined, ['supervisor', 'admin']],
    ['GET', '/v1/merchant/groups', undefined, ['supervisor', 'admin']],
    ['GET', '/v1/merchant/settings/routing', undefined, ['supervisor', 'admin']],
    ['PUT', '/v1/merchant/entry-config', entry, ['supervisor', 'admin']],
    ['GET', '/v1/agent/presence', undefined, ['agent', 'supervisor', 'admin']],
    ['GET', '/v1/agent/user-names?ids=u001', undefined, ['agent', 'supervisor', 'admin']],
    ['GET', '/v1/merchant/settings/presence', undefined, ['supervisor', 'admin']],
    ['PUT', '/v1/merchant/settings/presence', { onlineOnLogin: true, autoAwayMinutes: 10 }, ['supervisor', 'admin']],
  ];

  it.each(cases)('%s %s', async (method, route, body, allowed) => {
    for (const role of ['user', 'agent', 'supervisor', 'admin']) {
      const res = await server.call(method, route, { token: tokens[role]!, ...(body !== undefined ? { body } : {}) });
      expect({ role, status: res.status, code: res.json['code'] }).toEqual(allowed.includes(role) ? { role, status: 200, code: undefined } : { role, status: 403, code: 'FORBIDDEN' });
    }
  });

  it('the dashboard figures come from shared/metrics over the real conversations', async () => {
    // One conversation the bot settles (解决了), one handed to a human, answered and resolved.
    const user = tokens['user']!;
    const self = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${self}/messages`, { token: user, body: { clientMessageId: 'a1', text: '花呗怎么还款' } });
    const card = (await server.call('GET', `/v1/conversations/${self}`, { token: user })).json['botLastAnswer'] as string;
    await server.call('POST', `/v1/conversations/${self}/faq-feedback`, { token: user, body: { clientMessageId: 'a2', faqId: card, resolved: true } });

    const human = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${human}/messages`, { token: user, body: { clientMessageId: 'b1', text: '转人工' } });
    const agent = tokens['agent']!;
    await server.call('POST', `/v1/agent/conversations/${human}/claim`, { token: agent });
    await server.call('POST', `/v1/agent/conversations/${human}/messages`, { token: agent, body: { clientMessageId: 'r1', text: '您好' } });
    await server.call('POST', `/v1/agent/conversations/${human}/resolve`, { token: agent });

    const res = await server.call('GET', '/v1/stats/overview', { token: tokens['supervisor']! });
    const m = res.json['metrics'] as Record<string, unknown>;
    expect(m['volume']).toBe(2);
    expect(m['selfServiceRatePct']).toBe(50);
    // The user came back after the bot's 解决了 (the second conversation): only the agent's counts.
    expect(m['firstContactResolutionPct']).toBe(50);
    expect(typeof m['firstResponseSeconds']).toBe('number');
    expect(res.json['goals']).toMatchObject({ firstResponseSeconds: { target: 45 }, selfServiceRatePct: { target: 65 } });
    const live = await server.call('GET', '/v1/stats/live', { token: tokens['supervisor']! });
    expect(live.json['queues']).toEqual(expect.arrayContaining([expect.objectContaining({ groupId: 'payment', waiting: 0 })]));
    const bad = await server.call('GET', '/v1/stats/overview?from=yesterday', { token: tokens['supervisor']! });
    expect({ status: bad.status, code: bad.json['code'] }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });
});
