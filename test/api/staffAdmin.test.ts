import { startTestServer, staffLogin, type TestServer } from '../helpers/testServer';

describe('staff accounts: invite, disable, reset password (admin only)', () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer({ KEFU_OCR: 'off' });
    admin = await staffLogin(server, 'admin');
  });
  afterAll(() => server.stop());

  const login = (username: string, password: string) => server.call('POST', '/v1/auth/login', { body: { tenant: 'demo', username, password } });

  it('invites a colleague with a temporary password shown once; the list never shows hashes', async () => {
    const res = await server.call('POST', '/v1/merchant/staff', { token: admin, body: { username: 'xiaozhao', displayName: '小赵', role: 'agent', skills: ['退款'] } });
    expect(res.status).toBe(201);
    const password = res.json['temporaryPassword'] as string;
    expect(password).toMatch(/^[A-Za-z2-9]{12}$/);
    expect((await login('xiaozhao', password)).status).toBe(200);
    const list = await server.call('GET', '/v1/merchant/staff', { token: admin });
    expect(JSON.stringify(list.json)).not.toContain('passwordHash');
    expect((list.json['staff'] as { username: string }[]).map((s) => s.username)).toContain('xiaozhao');
    const again = await server.call('POST', '/v1/merchant/staff', { token: admin, body: { username: 'xiaozhao', displayName: '又一个', role: 'agent' } });
    expect({ status: again.status, code: again.json['code'] }).toEqual({ status: 409, code: 'STAFF_EXISTS' });
    // A refused field is named as the form names it (the walk read 参数 displayName 不合法).
    const long = await server.call('POST', '/v1/merchant/staff', { token: admin, body: { username: 'xiaosun', displayName: '孙'.repeat(33), role: 'agent' } });
    expect([long.status, long.json['code'], long.json['message']]).toEqual([400, 'VALIDATION_FAILED', '显示名不能超过 32 个字']);
    const hours = await server.call('PUT', '/v1/merchant/settings/routing', { token: admin, body: { ...(await server.call('GET', '/v1/merchant/settings/routing', { token: admin })).json, businessHours: { days: [1], open: '9点', close: '18:00' } } });
    expect([hours.status, hours.json['message']]).toEqual([400, '服务开始时间格式不对']);
  });

  it('a disabled colleague cannot log in or refresh; enabling restores login; reset replaces the password', async () => {
    const invited = await server.call('POST', '/v1/merchant/staff', { token: admin, body: { username: 'xiaoqian', displayName: '小钱', role: 'agent' } });
    const password = invited.json['temporaryPassword'] as string;
    const session = (await login('xiaoqian', password)).json['token'] as string;
    expect((await server.call('POST', '/v1/merchant/staff/xiaoqian/disable', { token: admin })).json['disabled']).toBe(true);
    expect((await login('xiaoqian', password)).json['code']).toBe('INVALID_CREDENTIALS');
    expect((await server.call('POST', '/v1/auth/refresh', { token: session })).json['code']).toBe('SESSION_REVOKED');
    expect((await server.call('GET', '/v1/agent/inbox', { token: session })).status).toBe(401);
    await server.call('POST', '/v1/merchant/staff/xiaoqian/enable', { token: admin });
    expect((await login('xiaoqian', password)).status).toBe(200);
    const reset = await server.call('POST', '/v1/merchant/staff/xiaoqian/reset-password', { token: admin });
    expect((await login('xiaoqian', password)).status).toBe(401);
    expect((await login('xiaoqian', reset.json['temporaryPassword'] as string)).status).toBe(200);
  });

  it("an agent sees customers' personal data only once an admin allows it", async () => {
    const invited = await server.call('POST', '/v1/merchant/staff', { token: admin, body: { username: 'xiaoli2', displayName: '新人', role: 'agent' } });
    const token = (await login('xiaoli2', invited.json['temporaryPassword'] as string)).json['token'] as string;
    const refused = await server.call('GET', '/v1/agent/customers/u001', { token });
    expect({ status: refused.status, code: refused.json['code'] }).toEqual({ status: 403, code: 'CUSTOMER_DATA_FORBIDDEN' });
    expect((await server.call('POST', '/v1/merchant/staff/xiaoli2/grant-customer-data', { token: admin })).json['customerData']).toBe(true);
    expect((await server.call('GET', '/v1/agent/customers/u001', { token })).status).toBe(200);
    await server.call('POST', '/v1/merchant/staff/xiaoli2/revoke-customer-data', { token: admin });
    expect((await server.call('GET', '/v1/agent/customers/u001', { token })).status).toBe(403);
  });

  it('only admins manage staff, an admin cannot disable themself, and bad input is a 4xx', async () => {
    const supervisor = await staffLogin(server, 'chenzhuguan');
    expect((await server.call('GET', '/v1/merchant/staff', { token: supervisor })).status).toBe(403);
    const self = await server.call('POST', '/v1/merchant/staff/admin/disable', { token: admin });
    expect({ code: self.json['code'], message: self.json['message'] }).toEqual({ code: 'VALIDATION_FAILED', message: '不能停用自己的账号' });
    // Enabling oneself is harmless (one's own session proves the account is enabled): allowed.
    const enabled = await server.call('POST', '/v1/merchant/staff/admin/enable', { token: admin });
    expect({ status: enabled.status, disabled: enabled.json['disabled'] }).toEqual({ status: 200, disabled: false });
    const demote = await server.call('POST', '/v1/merchant/staff/admin/role', { token: admin, body: { role: 'agent' } });
    expect({ code: demote.json['code'], message: demote.json['message'] }).toEqual({ code: 'VALIDATION_FAILED', message: '不能修改自己的角色' });
    expect((await server.call('GET', '/v1/merchant/staff', { token: admin })).status).toBe(200);
    expect((await server.call('POST', '/v1/merchant/staff/nobody/reset-password', { token: admin })).status).toBe(404);
    const bad = await server.call('POST', '/v1/merchant/staff', { token: admin, body: { username: 'X!', displayName: '', role: 'root' } });
    expect({ status: bad.status, code: bad.json['code'] }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });
});
