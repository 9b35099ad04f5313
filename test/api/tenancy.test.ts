import { PassThrough } from 'node:stream';
import { tenantCommand } from '../../bin/commands/tenantCommand';
import { SessionTokens } from '../../shared/auth';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

describe('tenancy and access', () => {
  let server: TestServer;
  let conversationId: string;
  let owner: string;

  let acmePassword: string;

  beforeAll(async () => {
    server = await startTestServer();
    // The second merchant is onboarded as an operator would: `kefu tenant create` on the server's
    // store, then its admin invites an agent whose username also exists at the demo merchant.
    const out = new PassThrough();
    let printed = '';
    out.on('data', (c: Buffer) => (printed += c.toString()));
    const created = await tenantCommand(['create', 'acme', '--name', '另一家商户', '--admin', 'boss'], { stdin: new PassThrough(), stdout: out, stderr: new PassThrough() }, { KEFU_DATA_DIR: server.deps.config.dataDir });
    expect(created).toBe(0);
    const adminPassword = /临时密码: (\S+)/.exec(printed)?.[1] ?? '';
    const acmeAdmin = await staffLogin(server, 'boss', adminPassword, 'acme');
    const invited = await server.call('POST', '/v1/merchant/staff', { token: acmeAdmin, body: { username: 'xiaowang', displayName: '另一个小王', role: 'agent' } });
    acmePassword = invited.json['temporaryPassword'] as string;
    owner = await userLogin(server, 'u001');
    conversationId = (await server.call('POST', '/v1/conversations', { token: owner, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${conversationId}/messages`, { token: owner, body: { clientMessageId: 't1', text: '我要退款' } });
  });
  afterAll(() => server.stop());

  it("an agent of another merchant gets 404 for this merchant's conversation, and sees none of its queue", async () => {
    const foreign = await staffLogin(server, 'xiaowang', acmePassword, 'acme');
    for (const [method, route] of [
      ['GET', `/v1/conversations/${conversationId}`],
      ['GET', `/v1/conversations/${conversationId}/messages`],
      ['GET', `/v1/conversations/${conversationId}/events?timeout=0`],
      ['POST', `/v1/agent/conversations/${conversationId}/claim`],
      ['POST', `/v1/agent/conversations/${conversationId}/resolve`],
    ] as const) {
      const res = await server.call(method, route, { token: foreign });
      expect({ route, status: res.status, code: res.json['code'] }).toEqual({ route, status: 404, code: 'CONVERSATION_NOT_FOUND' });
    }
    const inbox = await server.call('GET', '/v1/agent/inbox', { token: foreign });
    expect(inbox.json['conversations']).toEqual([]);
    // The same username in the home merchant does see it.
    const home = await staffLogin(server, 'xiaowang');
    expect((await server.call('GET', `/v1/conversations/${conversationId}`, { token: home })).status).toBe(200);
  });

  it("a user cannot read or write another user's conversation", async () => {
    const other = await userLogin(server, 'u002');
    for (const [method, route, body] of [
      ['GET', `/v1/conversations/${conversationId}`, undefined],
      ['GET', `/v1/conversations/${conversationId}/messages`, undefined],
      ['GET', `/v1/conversations/${conversationId}/events?timeout=0`, undefined],
      ['POST', `/v1/conversations/${conversationId}/messages`, { clientMessageId: 'x', text: 'hi' }],
    ] as const) {
      const res = await server.call(method, route, { token: other, body });
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
    }
  });

  it('users cannot call agent endpoints', async () => {
    const res = await server.call('POST', `/v1/agent/conversations/${conversationId}/claim`, { token: owner });
    expect(res.status).toBe(403);
    expect(res.json['code']).toBe('FORBIDDEN');
  });

  it('a tampered, foreign or expired token gets 401', async () => {
    const [h, p, s] = owner.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'u002' })).toString('base64url')}.${s}`;
    const secret = readFileSync(path.join(server.deps.config.dataDir, 'token-secret'), 'utf8');
    const expired = (await new SessionTokens(secret, 60, () => Date.now() - 3600_000).issue({ tenant: 'demo', id: 'u001', role: 'user' })).token;
    const foreign = (await new SessionTokens('f'.repeat(40), 60).issue({ tenant: 'demo', id: 'u001', role: 'user' })).token;
    const cases: [string, string][] = [
      [tampered, 'TOKEN_INVALID'],
      [foreign, 'TOKEN_INVALID'],
      [expired, 'TOKEN_EXPIRED'],
      ['garbage', 'TOKEN_INVALID'],
    ];
    for (const [token, code] of cases) {
      const res = await server.call('GET', `/v1/conversations/${conversationId}`, { token });
      expect({ status: res.status, code: res.json['code'] }).toEqual({ status: 401, code });
    }
    const none = await server.call('GET', `/v1/conversations/${conversationId}`);
    expect({ status: none.status, code: none.json['code'] }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('a valid token is traded for a new one that works; an expired one cannot be refreshed', async () => {
    const res = await server.call('POST', '/v1/auth/refresh', { token: owner });
    expect(res.status).toBe(200);
    const fresh = res.json['token'] as string;
    expect(Date.parse(res.json['expiresAt'] as string)).toBeGreaterThan(Date.now() + 60_000);
    expect((await server.call('GET', `/v1/conversations/${conversationId}`, { token: fresh })).status).toBe(200);
    const secret = readFileSync(path.join(server.deps.config.dataDir, 'token-secret'), 'utf8');
    const expired = (await new SessionTokens(secret, 60, () => Date.now() - 3600_000).issue({ tenant: 'demo', id: 'u001', role: 'user' })).token;
    const refused = await server.call('POST', '/v1/auth/refresh', { token: expired });
    expect({ status: refused.status, code: refused.json['code'] }).toEqual({ status: 401, code: 'TOKEN_EXPIRED' });
  });

  it('wrong password, unknown user and unknown merchant all give the same 401', async () => {
    for (const body of [
      { tenant: 'demo', username: 'xiaowang', password: 'nope' },
      { tenant: 'demo', username: 'nobody', password: 'Kefu@2026' },
      { tenant: 'nowhere', username: 'xiaowang', password: 'Kefu@2026' },
    ]) {
      const res = await server.call('POST', '/v1/auth/login', { body });
      expect({ status: res.status, code: res.json['code'] }).toEqual({ status: 401, code: 'INVALID_CREDENTIALS' });
    }
  });
});

describe('dev login', () => {
  it('is offered to chat clients when enabled', async () => {
    const server = await startTestServer();
    try {
      expect((await server.call('GET', '/v1/auth/methods')).json).toEqual({ login: ['dev'], media: true });
    } finally {
      await server.stop();
    }
  });

  it('is off unless explicitly enabled', async () => {
    const server = await startTestServer({ KEFU_DEV_LOGIN: 'false' });
    try {
      const res = await server.call('POST', '/v1/auth/dev-login', { body: { tenant: 'demo', userId: 'u001' } });
      expect({ status: res.status, code: res.json['code'] }).toEqual({ status: 403, code: 'DEV_LOGIN_DISABLED' });
      // ... and the chat client is told so before it tries.
      expect((await server.call('GET', '/v1/auth/methods')).json).toEqual({ login: [], media: true });
    } finally {
      await server.stop();
    }
  });
});
