import type { Store } from '../../shared/store';
import { createMemoryStore } from '../../shared/store/drivers';
import { AccountService } from '../../shared/accounts';
import { SessionTokens } from '../../shared/auth';
import { KefuError } from '../../shared/errors';
import type { AlipayGatewayEmulator } from '../../mock/alipay-gateway/AlipayGatewayEmulator';
import { startAlipayTestServer } from '../helpers/backedTestServers';
import { staffLogin, userLogin, type TestServer } from '../helpers/testServer';
import { SECRET, authInstance, fakeClock, type AuthInstance, type FakeClock } from '../helpers/authInstance';

const PASSWORD = 'Secret@2026';

async function seed(store: Store): Promise<void> {
  const accounts = new AccountService(store, new SessionTokens(SECRET, 3600));
  await accounts.createTenant('acme', 'Acme');
  await accounts.putStaff('acme', { username: 'boss', displayName: '老板', role: 'admin', password: PASSWORD });
  await accounts.putStaff('acme', { username: 'rogue', displayName: '前管理员', role: 'admin', password: PASSWORD });
}

async function login(instance: AuthInstance, username: string): Promise<string> {
  const res = await instance.call('POST', '/v1/auth/login', { body: { tenant: 'acme', username, password: PASSWORD } });
  expect(res.status).toBe(200);
  return res.json['token'] as string;
}

describe('revocable staff sessions across function instances (a shared store, a fake clock)', () => {
  let clock: FakeClock;
  let a: AuthInstance;
  let b: AuthInstance;
  beforeEach(async () => {
    const store = createMemoryStore();
    await seed(store);
    clock = fakeClock();
    a = authInstance(store, clock);
    b = authInstance(store, clock);
  });

  it("a disabled admin's old token gets 401 at once where it was disabled, and within 30 s on every other instance", async () => {
    const boss = await login(a, 'boss');
    const rogue = await login(a, 'rogue');
    // Instance B has seen the rogue's session: it is in B's cache.
    expect((await b.call('GET', '/v1/merchant/staff', { token: rogue })).status).toBe(200);
    expect((await a.call('POST', '/v1/merchant/staff/rogue/disable', { token: boss })).status).toBe(200);

    // The attack: the disabled admin's token creating a new admin. Refused on A at once.
    const invite = await a.call('POST', '/v1/merchant/staff', { token: rogue, body: { username: 'backdoor', displayName: '后门', role: 'admin' } });
    expect({ status: invite.status, code: invite.json['code'] }).toEqual({ status: 401, code: 'SESSION_REVOKED' });

    // B trusts its read for at most 30 s: still accepted 10 s later (the documented window) ...
    clock.now += 10_000;
    expect((await b.call('GET', '/v1/merchant/staff', { token: rogue })).status).toBe(200);
    // ... and refused once the window is over, without any sleep.
    clock.now += 20_000;
    const late = await b.call('POST', '/v1/merchant/staff', { token: rogue, body: { username: 'backdoor', displayName: '后门', role: 'admin' } });
    expect({ status: late.status, code: late.json['code'] }).toEqual({ status: 401, code: 'SESSION_REVOKED' });
    // Refresh reads the store itself, on any instance, cache or not.
    expect((await b.call('POST', '/v1/auth/refresh', { token: rogue })).status).toBe(401);
    expect((await a.call('GET', '/v1/merchant/staff', { token: boss })).json['staff']).not.toContainEqual(expect.objectContaining({ username: 'backdoor' }));
    // Enabling again does not revive the old token; a new login works.
    await a.call('POST', '/v1/merchant/staff/rogue/enable', { token: boss });
    expect((await a.call('GET', '/v1/auth/me', { token: rogue })).status).toBe(401);
    expect((await a.call('GET', '/v1/auth/me', { token: await login(a, 'rogue') })).status).toBe(200);
  });

  it("after a password reset the old token's refresh is refused, even by an instance that has it cached", async () => {
    const boss = await login(a, 'boss');
    const rogue = await login(a, 'rogue');
    expect((await b.call('GET', '/v1/auth/me', { token: rogue })).status).toBe(200);
    expect((await a.call('POST', '/v1/merchant/staff/rogue/reset-password', { token: boss })).status).toBe(200);
    const refresh = await b.call('POST', '/v1/auth/refresh', { token: rogue });
    expect({ status: refresh.status, code: refresh.json['code'] }).toEqual({ status: 401, code: 'SESSION_REVOKED' });
    expect((await a.call('GET', '/v1/auth/me', { token: rogue })).status).toBe(401);
  });

  it('a role change ends the sessions issued under the old role; the next login carries the new one', async () => {
    const boss = await login(a, 'boss');
    const rogue = await login(a, 'rogue');
    const changed = await a.call('POST', '/v1/merchant/staff/rogue/role', { token: boss, body: { role: 'agent' } });
    expect({ status: changed.status, role: changed.json['role'] }).toEqual({ status: 200, role: 'agent' });
    expect((await a.call('GET', '/v1/merchant/staff', { token: rogue })).json['code']).toBe('SESSION_REVOKED');
    const again = await login(a, 'rogue');
    expect(((await a.call('GET', '/v1/auth/me', { token: again })).json['principal'] as { role: string }).role).toBe('agent');
    expect((await a.call('GET', '/v1/merchant/staff', { token: again })).json['code']).toBe('FORBIDDEN');
    const bad = await a.call('POST', '/v1/merchant/staff/rogue/role', { token: boss, body: { role: 'root' } });
    expect({ status: bad.status, code: bad.json['code'] }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('log out everywhere: the caller ends all their sessions; an admin ends a colleague’s', async () => {
    const boss = await login(a, 'boss');
    const [laptop, phone] = [await login(a, 'rogue'), await login(b, 'rogue')];
    const out = await a.call('POST', '/v1/auth/logout-all', { token: laptop });
    expect(out.status).toBe(204);
    expect((await a.call('GET', '/v1/auth/me', { token: phone })).status).toBe(401);
    expect((await a.call('POST', '/v1/auth/refresh', { token: laptop })).status).toBe(401);

    const fresh = await login(a, 'rogue');
    expect((await a.call('POST', '/v1/merchant/staff/rogue/logout-all', { token: boss })).status).toBe(204);
    expect((await a.call('GET', '/v1/auth/me', { token: fresh })).json['code']).toBe('SESSION_REVOKED');
    expect((await a.call('GET', '/v1/auth/me', { token: boss })).status).toBe(200);
    expect((await a.call('POST', '/v1/merchant/staff/nobody/logout-all', { token: boss })).status).toBe(404);
  });

  it('replacing an account (putStaff again) ends the sessions of the one it replaces', async () => {
    const rogue = await login(a, 'rogue');
    await a.accounts.putStaff('acme', { username: 'rogue', displayName: '新人', role: 'agent', password: PASSWORD });
    await expect(a.accounts.checkSession({ tenant: 'acme', id: 'rogue', role: 'admin' }, 0)).rejects.toThrow(KefuError);
    expect((await a.call('GET', '/v1/auth/me', { token: rogue })).status).toBe(401);
  });
});

describe('blocking an end user (HTTP, dev login and Alipay login)', () => {
  let gw: { emulator: AlipayGatewayEmulator; url: string; close(): Promise<void> };
  let server: TestServer;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ gw, server, close } = await startAlipayTestServer());
  });
  afterAll(() => close());


  it('a blocked user gets 401 on their token and cannot log in again until unblocked', async () => {
    const supervisor = await staffLogin(server, 'chenzhuguan');
    const user = await userLogin(server, 'u020');
    expect((await server.call('POST', '/v1/conversations', { token: user, body: { channel: 'h5' } })).status).toBe(201);
    const blocked = await server.call('POST', '/v1/merchant/users/u020/block', { token: supervisor });
    expect({ status: blocked.status, blocked: blocked.json['blocked'] }).toEqual({ status: 200, blocked: true });
    const after = await server.call('POST', '/v1/conversations', { token: user, body: { channel: 'h5' } });
    expect({ status: after.status, code: after.json['code'] }).toEqual({ status: 401, code: 'SESSION_REVOKED' });
    expect((await server.call('POST', '/v1/auth/refresh', { token: user })).status).toBe(401);
    const again = await server.call('POST', '/v1/auth/dev-login', { body: { tenant: 'demo', userId: 'u020' } });
    expect({ status: again.status, code: again.json['code'] }).toEqual({ status: 403, code: 'USER_BLOCKED' });

    expect((await server.call('POST', '/v1/merchant/users/u020/unblock', { token: supervisor })).json['blocked']).toBe(false);
    expect((await server.call('POST', '/v1/conversations', { token: user, body: { channel: 'h5' } })).status).toBe(401);
    expect((await server.call('POST', '/v1/auth/dev-login', { body: { tenant: 'demo', userId: 'u020' } })).status).toBe(200);
  });

  it('a blocked Alipay user cannot log in with a fresh auth code', async () => {
    const admin = await staffLogin(server, 'admin');
    const first = await server.call('POST', '/v1/auth/alipay', { body: { tenant: 'demo', authCode: gw.emulator.mintAuthCode('2088000011119999') } });
    expect(first.status).toBe(200);
    expect((await server.call('POST', '/v1/merchant/users/2088000011119999/block', { token: admin })).status).toBe(200);
    expect((await server.call('GET', '/v1/auth/me', { token: first.json['token'] as string })).status).toBe(401);
    const again = await server.call('POST', '/v1/auth/alipay', { body: { tenant: 'demo', authCode: gw.emulator.mintAuthCode('2088000011119999') } });
    expect({ status: again.status, code: again.json['code'] }).toEqual({ status: 403, code: 'USER_BLOCKED' });
  });

  it('only supervisors and admins block; an unknown or malformed user id is 404', async () => {
    const agent = await staffLogin(server, 'xiaowang');
    const admin = await staffLogin(server, 'admin');
    expect((await server.call('POST', '/v1/merchant/users/u001/block', { token: agent })).status).toBe(403);
    expect((await server.call('POST', '/v1/merchant/users/nobody/block', { token: admin })).status).toBe(404);
    expect((await server.call('POST', `/v1/merchant/users/${'x'.repeat(2000)}/block`, { token: admin })).status).toBe(404);
    // A user can end their own sessions too.
    const user = await userLogin(server, 'u021');
    expect((await server.call('POST', '/v1/auth/logout-all', { token: user })).status).toBe(204);
    expect((await server.call('GET', '/v1/auth/me', { token: user })).json['code']).toBe('SESSION_REVOKED');
  });
});
