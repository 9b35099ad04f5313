import { PassThrough } from 'node:stream';
import { tenantCommand } from '../../bin/commands/tenantCommand';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

/** FAQ actions on every channel (issue 20 item 4): the H5 address of each action's mini-program page. */
describe('action links (GET|PUT /v1/merchant/settings/action-links)', () => {
  let server: TestServer;
  let admin: string;
  const route = '/v1/merchant/settings/action-links';
  const repay = { path: '/pages/huabei/repay', url: 'https://m.example.com/huabei/repay?from=kefu#top' };

  beforeAll(async () => {
    server = await startTestServer();
    admin = await staffLogin(server, 'admin');
  });
  afterAll(() => server.stop());

  it('is empty until set, managers save it, agents and users may not', async () => {
    expect((await server.call('GET', route, { token: admin })).json).toEqual({ links: [] });
    const agent = await staffLogin(server, 'xiaowang');
    const user = await userLogin(server, 'u001');
    for (const token of [agent, user]) {
      expect((await server.call('GET', route, { token })).status).toBe(403);
      expect((await server.call('PUT', route, { token, body: { links: [repay] } })).status).toBe(403);
    }
    expect((await server.call('PUT', route, { body: { links: [repay] } })).status).toBe(401);
    const supervisor = await staffLogin(server, 'chenzhuguan');
    const saved = await server.call('PUT', route, { token: supervisor, body: { links: [repay] } });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({ links: [repay] });
    expect((await server.call('GET', route, { token: admin })).json).toEqual({ links: [repay] });
    // The chat reads its own merchant's links with the user's token; staff have the settings route.
    expect((await server.call('GET', '/v1/merchant/action-links', { token: user })).json).toEqual({ links: [repay] });
    expect((await server.call('GET', '/v1/merchant/action-links', { token: agent })).status).toBe(403);
  });

  it.each([
    ['http', 'http://m.example.com/repay', 'scheme'],
    ['javascript:', 'javascript:alert(1)', 'scheme'],
    ['user info', 'https://m.example.com@evil.example/repay', 'userinfo'],
    ['an IP literal', 'https://10.0.0.8/repay', 'ipLiteral'],
    ['a local name', 'https://intranet.corp.internal/repay', 'localName'],
    ['a bare host', 'https://repay/', 'localName'],
    ['whitespace', 'https://m.example.com/re pay', 'characters'],
    ['a backslash', 'https://m.example.com\\@evil.example', 'characters'],
  ])('refuses %s and keeps what was saved', async (_what, url, reason) => {
    const res = await server.call('PUT', route, { token: admin, body: { links: [{ path: '/pages/bill/index', url }] } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'links[0].url', reason } });
    expect((await server.call('GET', route, { token: admin })).json).toEqual({ links: [repay] });
  });

  it('refuses a page twice, a path that is not a page, and unknown fields', async () => {
    const twice = await server.call('PUT', route, { token: admin, body: { links: [repay, { ...repay, url: 'https://m.example.com/other' }] } });
    expect(twice.json).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'links[1].path', reason: 'duplicate' } });
    expect((await server.call('PUT', route, { token: admin, body: { links: [{ path: 'pages/bill', url: repay.url }] } })).status).toBe(400);
    expect((await server.call('PUT', route, { token: admin, body: { links: [{ ...repay, extra: 1 }] } })).status).toBe(400);
  });

  it("another merchant's staff and users see only their own links", async () => {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (c: Buffer) => (printed += c.toString()));
    expect(await tenantCommand(['create', 'acme', '--name', '另一家商户', '--admin', 'boss'], { stdin: new PassThrough(), stdout: out, stderr: new PassThrough() }, { KEFU_DATA_DIR: server.deps.config.dataDir })).toBe(0);
    const acmeAdmin = await staffLogin(server, 'boss', /临时密码: (\S+)/.exec(printed)?.[1] ?? '', 'acme');
    expect((await server.call('GET', route, { token: acmeAdmin })).json).toEqual({ links: [] });
    const own = { path: '/pages/bill/index', url: 'https://acme.example.com/bill' };
    await server.call('PUT', route, { token: acmeAdmin, body: { links: [own] } });
    expect((await server.call('GET', route, { token: admin })).json).toEqual({ links: [repay] });
    const acmeUser = await userLogin(server, 'u001', 'acme');
    expect((await server.call('GET', '/v1/merchant/action-links', { token: acmeUser })).json).toEqual({ links: [own] });
  });
});
