import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

/** Presence follows the console session by the merchant's setting (issue 19 item 2). */
describe('agent presence and the console session', () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await staffLogin(server, 'admin');
  });
  afterAll(() => server.stop());

  it('a login session goes 在线 by default and takes a waiting conversation without a claim', async () => {
    const user = await userLogin(server, 'u003');
    const id = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { clientMessageId: 'p1', text: '转账一直没到账,转人工' } });
    expect((await server.call('GET', `/v1/conversations/${id}`, { token: admin })).json['status']).toBe('queued');

    const agent = await staffLogin(server, 'xiaowang');
    const session = await server.call('POST', '/v1/agent/presence/session', { token: agent, body: {} });
    expect(session.status).toBe(200);
    expect(session.json).toMatchObject({ presence: { status: 'online', active: 1 }, settings: { onlineOnLogin: true, autoAwayMinutes: 10 } });
    expect((await server.call('GET', `/v1/conversations/${id}`, { token: admin })).json).toMatchObject({ status: 'assigned', assigneeId: 'xiaowang' });
    const live = await server.call('GET', '/v1/stats/live', { token: admin });
    expect(live.json['agentList']).toEqual(expect.arrayContaining([expect.objectContaining({ agentId: 'xiaowang', status: 'online', active: 1, capacity: 5 })]));
  });

  it('staff who take no conversations (an admin, capacity 0) are not put 在线 by logging in', async () => {
    const session = await server.call('POST', '/v1/agent/presence/session', { token: admin, body: {} });
    expect(session.json).toMatchObject({ presence: { status: 'offline', capacity: 0 } });
  });

  it("the workbench's user names: the chat nickname, masked for an agent without customer-data permission", async () => {
    const full = await server.call('GET', '/v1/agent/user-names?ids=u001,u003,nobody,bad%20id', { token: admin });
    expect(full.json).toEqual({ names: { u001: '张伟', u003: '李娜' } });
    expect((await server.call('POST', '/v1/merchant/staff/xiaoli/revoke-customer-data', { token: admin, body: {} })).status).toBe(200);
    const agent = await staffLogin(server, 'xiaoli');
    expect((await server.call('GET', '/v1/agent/user-names?ids=u001', { token: agent })).json).toEqual({ names: { u001: '张*' } });
    const user = await userLogin(server, 'u001');
    expect((await server.call('GET', '/v1/agent/user-names?ids=u001', { token: user })).status).toBe(403);
  });

  it('a merchant that turns it off keeps its agents offline at login; only managers may change it', async () => {
    const agent = await staffLogin(server, 'xiaoli');
    expect((await server.call('PUT', '/v1/merchant/settings/presence', { token: agent, body: { onlineOnLogin: false, autoAwayMinutes: 5 } })).status).toBe(403);
    const saved = await server.call('PUT', '/v1/merchant/settings/presence', { token: admin, body: { onlineOnLogin: false, autoAwayMinutes: 5 } });
    expect(saved.json).toEqual({ onlineOnLogin: false, autoAwayMinutes: 5 });
    expect((await server.call('PUT', '/v1/merchant/settings/presence', { token: admin, body: { onlineOnLogin: false, autoAwayMinutes: -1 } })).status).toBe(400);
    const session = await server.call('POST', '/v1/agent/presence/session', { token: agent, body: {} });
    expect(session.json).toMatchObject({ presence: { status: 'offline' }, settings: { autoAwayMinutes: 5 } });
    // After a reload the console reads the idle minutes without touching the status.
    expect((await server.call('GET', '/v1/agent/presence/settings', { token: agent })).json).toEqual({ onlineOnLogin: false, autoAwayMinutes: 5 });
    await server.call('PUT', '/v1/merchant/settings/presence', { token: admin, body: { onlineOnLogin: true, autoAwayMinutes: 10 } });
  });

  it("any request of a live staff session keeps it present for the sweep; a revoked one's does not", async () => {
    const agent = await staffLogin(server, 'chenzhuguan');
    await server.call('PUT', '/v1/agent/presence', { token: agent, body: { status: 'online' } });
    const demo = server.deps.store.tenant('demo');
    const backdate = () => demo.update('presence', ['chenzhuguan'], { lastSeenAt: new Date(Date.now() - 50_000).toISOString() });
    const lastSeen = async () => Date.now() - Date.parse(((await demo.get<{ lastSeenAt: string }>('presence', ['chenzhuguan']))!.value).lastSeenAt);

    // A workbench request and a request outside the workbench (the FAQ list) both count.
    await backdate();
    expect((await server.call('GET', '/v1/agent/presence/settings', { token: agent })).status).toBe(200);
    expect(await lastSeen()).toBeLessThan(5_000);
    await backdate();
    expect((await server.call('GET', '/v1/merchant/faq', { token: agent })).status).toBe(200);
    expect(await lastSeen()).toBeLessThan(5_000);

    // After logging out everywhere the old token is refused and keeps nobody present.
    expect((await server.call('POST', '/v1/auth/logout-all', { token: agent })).status).toBe(204);
    await demo.update('presence', ['chenzhuguan'], { status: 'online' });
    await backdate();
    expect((await server.call('GET', '/v1/agent/presence/settings', { token: agent })).status).toBe(401);
    expect(await lastSeen()).toBeGreaterThan(45_000);
  });

  it('ending the sessions puts the agent offline at once', async () => {
    const agent = await staffLogin(server, 'laozhang');
    await server.call('PUT', '/v1/agent/presence', { token: agent, body: { status: 'online' } });
    expect((await server.call('POST', '/v1/merchant/staff/laozhang/logout-all', { token: admin })).status).toBe(204);
    const live = await server.call('GET', '/v1/stats/live', { token: admin });
    expect(live.json['agentList']).toEqual(expect.arrayContaining([expect.objectContaining({ agentId: 'laozhang', status: 'offline' })]));
    const self = await staffLogin(server, 'xiaowang');
    await server.call('POST', '/v1/auth/logout-all', { token: self });
    const after = await server.call('GET', '/v1/stats/live', { token: admin });
    expect(after.json['agentList']).toEqual(expect.arrayContaining([expect.objectContaining({ agentId: 'xiaowang', status: 'offline' })]));
    // A new role ends the sessions too, and with them the presence.
    const promoted = await staffLogin(server, 'xiaoli');
    await server.call('PUT', '/v1/agent/presence', { token: promoted, body: { status: 'online' } });
    expect((await server.call('POST', '/v1/merchant/staff/xiaoli/role', { token: admin, body: { role: 'supervisor' } })).status).toBe(200);
    const later = await server.call('GET', '/v1/stats/live', { token: admin });
    expect(later.json['agentList']).toEqual(expect.arrayContaining([expect.objectContaining({ agentId: 'xiaoli', status: 'offline' })]));
  });
});
