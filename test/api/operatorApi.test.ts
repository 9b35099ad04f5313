import { loadConfig } from '../../shared/config';
import { OPERATOR_SECRET_HEADER } from '../../functions/merchant/operatorRoutes';
import { startTestServer, staffLogin, type TestServer } from '../helpers/testServer';

const SECRET = 'op-secret-0123456789-abcdefghijklmnop';

describe('operator API: merchant onboarding', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ KEFU_OPERATOR_SECRET: SECRET, KEFU_JOBS_INTERVAL_MS: '0' });
  });
  afterAll(() => server.stop());
  const operator = { [OPERATOR_SECRET_HEADER]: SECRET };

  it('creates a merchant whose admin logs in with the temporary password from the answer', async () => {
    const res = await server.call('POST', '/v1/operator/tenants', { headers: operator, body: { id: 'acme', name: '艾克米商城', admin: 'boss', adminName: '王老板' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.json).toMatchObject({ tenant: { id: 'acme', name: '艾克米商城' }, admin: { username: 'boss', displayName: '王老板', role: 'admin' } });
    const password = res.json['temporaryPassword'] as string;
    const token = await staffLogin(server, 'boss', password, 'acme');
    // The new admin runs the new merchant: invites a colleague there.
    const invited = await server.call('POST', '/v1/merchant/staff', { token, body: { username: 'xiaozhao', displayName: '小赵', role: 'agent' } });
    expect(invited.status).toBe(201);
    // The password is nowhere in the log.
    expect(server.logText()).not.toContain(password);

    const list = await server.call('GET', '/v1/operator/tenants', { headers: operator });
    expect(list.status).toBe(200);
    expect((list.json['tenants'] as { id: string }[]).map((t) => t.id).sort()).toEqual(['acme', 'demo']);
  });

  it('refuses an existing id with 409 TENANT_EXISTS and a bad id with 400 naming the field', async () => {
    const dup = await server.call('POST', '/v1/operator/tenants', { headers: operator, body: { id: 'demo', name: '冒名', admin: 'admin' } });
    expect({ status: dup.status, code: dup.json['code'] }).toEqual({ status: 409, code: 'TENANT_EXISTS' });
    // The demo admin's password still works.
    await staffLogin(server, 'admin');
    for (const body of [{ id: 'Bad Id', name: 'x', admin: 'boss' }, { id: '_system', name: 'x', admin: 'boss' }, { id: 'x'.repeat(2000), name: 'x', admin: 'boss' }]) {
      const bad = await server.call('POST', '/v1/operator/tenants', { headers: operator, body });
      expect({ status: bad.status, code: bad.json['code'], details: bad.json['details'] }).toEqual({ status: 400, code: 'VALIDATION_FAILED', details: { field: 'id', reason: 'pattern' } });
    }
  });

  it('answers 401 OPERATOR_SECRET_INVALID without the right secret, and a staff token is no substitute', async () => {
    const admin = await staffLogin(server, 'admin');
    for (const options of [{}, { headers: { [OPERATOR_SECRET_HEADER]: 'wrong' } }, { headers: { [OPERATOR_SECRET_HEADER]: `${SECRET}x` } }, { token: admin }]) {
      for (const [method, body] of [['GET', undefined], ['POST', { id: 'sneaky', name: 'x', admin: 'boss' }]] as const) {
        const res = await server.call(method, '/v1/operator/tenants', { ...options, body });
        expect({ method, status: res.status, code: res.json['code'] }).toEqual({ method, status: 401, code: 'OPERATOR_SECRET_INVALID' });
      }
    }
    const list = await server.call('GET', '/v1/operator/tenants', { headers: operator });
    expect((list.json['tenants'] as { id: string }[]).map((t) => t.id)).not.toContain('sneaky');
  });
});

describe('operator API without KEFU_OPERATOR_SECRET', () => {
  it('is off: 403 OPERATOR_API_DISABLED, whatever secret is sent', async () => {
    const server = await startTestServer({ KEFU_JOBS_INTERVAL_MS: '0' });
    try {
      const attempts: Record<string, string>[] = [{}, { [OPERATOR_SECRET_HEADER]: '' }, { [OPERATOR_SECRET_HEADER]: SECRET }];
      for (const headers of attempts) {
        const res = await server.call('POST', '/v1/operator/tenants', { headers, body: { id: 'acme', name: 'x', admin: 'boss' } });
        expect({ status: res.status, code: res.json['code'] }).toEqual({ status: 403, code: 'OPERATOR_API_DISABLED' });
      }
      expect(await server.deps.accounts.tenantExists('acme')).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it('refuses a secret shorter than 32 characters at start', () => {
    let thrown: unknown;
    try {
      loadConfig({}, { KEFU_OPERATOR_SECRET: 'short' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'CONFIG_INVALID', details: { key: 'KEFU_OPERATOR_SECRET' } });
  });
});
