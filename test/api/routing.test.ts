import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

interface Conv {
  id: string;
  status: string;
  assigneeId?: string;
  routing?: { groupId: string; layer: string; reason: string; escalation?: string; preferredAgentId?: string };
}

describe('routing to humans over HTTP (demo groups)', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    server = await startTestServer();
    for (const s of ['xiaowang', 'xiaoli', 'laozhang', 'chenzhuguan', 'admin']) tokens[s] = await staffLogin(server, s);
  });
  afterAll(() => server.stop());

  const presence = (who: string, status: string) => server.call('PUT', '/v1/agent/presence', { token: tokens[who], body: { status } });
  async function handoff(userId: string, text: string): Promise<{ id: string; token: string; conv: () => Promise<Conv> }> {
    const token = await userLogin(server, userId);
    const id = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
    const sent = await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: 'h1', text } });
    expect(sent.status).toBe(201);
    return { id, token, conv: async () => (await server.call('GET', `/v1/conversations/${id}`, { token: tokens['admin'] })).json as unknown as Conv };
  }
  const resolve = (who: string, id: string) => server.call('POST', `/v1/agent/conversations/${id}/resolve`, { token: tokens[who] });

  it('queues while nobody is online, shows the place in the queue, and assigns at once when an agent comes online', async () => {
    const first = await handoff('u003', '转账一直没到账,转人工');
    const second = await handoff('u005', '付款失败了,转人工');
    expect(await first.conv()).toMatchObject({ status: 'queued', routing: { groupId: 'payment', layer: 'category' } });
    const q1 = await server.call('GET', `/v1/conversations/${first.id}/queue`, { token: first.token });
    const q2 = await server.call('GET', `/v1/conversations/${second.id}/queue`, { token: second.token });
    expect(q1.json).toMatchObject({ status: 'queued', groupId: 'payment', position: 1 });
    expect(q2.json).toMatchObject({ position: 2 });
    // Nobody of the group is online: a place, but no wait is promised.
    expect([q1.json['estimatedWaitSeconds'], q2.json['estimatedWaitSeconds']]).toEqual([undefined, undefined]);

    const online = await presence('xiaowang', 'online');
    expect(online.json).toMatchObject({ status: 'online', active: 2, capacity: 5 });
    expect(await first.conv()).toMatchObject({ status: 'assigned', assigneeId: 'xiaowang' });
    expect(await second.conv()).toMatchObject({ status: 'assigned', assigneeId: 'xiaowang' });
    await resolve('xiaowang', first.id);
    await resolve('xiaowang', second.id);
    expect((await server.call('GET', '/v1/agent/presence', { token: tokens['xiaowang'] })).json).toMatchObject({ active: 0 });
  });

  it('sends account theft and complaints straight to the expert seats, with the reason', async () => {
    await presence('laozhang', 'online');
    const theft = await handoff('u006', '我的账户被盗了,有陌生设备登录,转人工');
    expect(await theft.conv()).toMatchObject({ status: 'assigned', assigneeId: 'laozhang', routing: { groupId: 'expert', layer: 'escalation', escalation: 'accountTheft', reason: '疑似账户被盗' } });
    const complaint = await handoff('u008', '再不处理我就打12315投诉你们,转人工');
    expect(await complaint.conv()).toMatchObject({ routing: { groupId: 'expert', escalation: 'complaint' } });
    const large = await handoff('u009', '转账8000元没到账,转人工');
    expect(await large.conv()).toMatchObject({ routing: { groupId: 'expert', escalation: 'largeAmount' } });
    for (const c of [theft, complaint, large]) await resolve('laozhang', c.id);
  });

  it('serves VIP tiers 2 and up at the VIP seats, and brings a returning user back to their agent', async () => {
    const vip = await handoff('u001', '花呗还款有问题,转人工');
    expect(await vip.conv()).toMatchObject({ routing: { groupId: 'vip', layer: 'pinned' } });
    await resolve('laozhang', vip.id).then(async (r) => (r.status === 200 ? r : resolve('xiaowang', vip.id)));

    // u003 was served by xiaowang in the first test: they come back to xiaowang.
    const again = await handoff('u003', '还是那笔转账的事,转人工');
    expect(await again.conv()).toMatchObject({ status: 'assigned', assigneeId: 'xiaowang', routing: { layer: 'history', preferredAgentId: 'xiaowang' } });
    await resolve('xiaowang', again.id);
  });

  it('transfers to an agent or a group, escalates, and refuses what cannot be done', async () => {
    const c = await handoff('u010', '余额宝收益怎么没有了,转人工');
    // wealth group: xiaoli is offline, so it waits; a supervisor moves it to the payment group.
    expect(await c.conv()).toMatchObject({ status: 'queued', routing: { groupId: 'wealth' } });
    const toGroup = await server.call('POST', `/v1/agent/conversations/${c.id}/transfer`, { token: tokens['chenzhuguan'], body: { toGroupId: 'payment', note: '理财组今天无人' } });
    expect(toGroup.json).toMatchObject({ status: 'assigned', assigneeId: 'xiaowang', routing: { layer: 'transfer', note: '理财组今天无人' } });

    const offline = await server.call('POST', `/v1/agent/conversations/${c.id}/transfer`, { token: tokens['xiaowang'], body: { toAgentId: 'xiaoli' } });
    expect([offline.status, offline.json['code']]).toEqual([409, 'AGENT_UNAVAILABLE']);
    const unknown = await server.call('POST', `/v1/agent/conversations/${c.id}/transfer`, { token: tokens['xiaowang'], body: { toGroupId: 'nope' } });
    expect([unknown.status, unknown.json['code']]).toEqual([404, 'GROUP_NOT_FOUND']);
    const both = await server.call('POST', `/v1/agent/conversations/${c.id}/transfer`, { token: tokens['xiaowang'], body: { toGroupId: 'payment', toAgentId: 'xiaoli' } });
    expect([both.status, both.json['code']]).toEqual([400, 'VALIDATION_FAILED']);
    // Nothing changed halfway.
    expect(await c.conv()).toMatchObject({ status: 'assigned', assigneeId: 'xiaowang' });

    const toAgent = await server.call('POST', `/v1/agent/conversations/${c.id}/transfer`, { token: tokens['xiaowang'], body: { toAgentId: 'laozhang', note: '请帮忙看下' } });
    expect(toAgent.json).toMatchObject({ status: 'assigned', assigneeId: 'laozhang' });
    const escalated = await server.call('POST', `/v1/agent/conversations/${c.id}/escalate`, { token: tokens['laozhang'], body: { note: '需要专家' } });
    expect(escalated.json).toMatchObject({ routing: { groupId: 'expert', escalation: 'agentEscalation', note: '需要专家' } });
    const agents = (await server.call('GET', '/v1/merchant/agents', { token: tokens['admin'] })).json['agents'] as { agentId: string; active: number }[];
    const holder = (await c.conv()).assigneeId!;
    // Loads follow the conversation: only its current holder counts it.
    expect(agents.find((a) => a.agentId === 'xiaowang')?.active).toBe(0);
    expect(agents.find((a) => a.agentId === holder)?.active).toBe(1);

    expect((await resolve(holder, c.id)).status).toBe(200);
    const again = await resolve(holder, c.id);
    expect([again.status, again.json['code']]).toEqual([409, 'CONVERSATION_CLOSED']);
  });

  it('manages groups and routing settings through the merchant API with clear errors', async () => {
    const put = await server.call('PUT', '/v1/merchant/groups/night', { token: tokens['admin'], body: { name: '夜班', members: ['xiaoli'] } });
    expect(put.json).toMatchObject({ id: 'night', members: ['xiaoli'], expert: false });
    const foreign = await server.call('PUT', '/v1/merchant/groups/night', { token: tokens['admin'], body: { name: '夜班', members: ['someone-else'] } });
    expect([foreign.status, foreign.json['code']]).toEqual([404, 'AGENT_NOT_FOUND']);
    const settings = (await server.call('GET', '/v1/merchant/settings/routing', { token: tokens['admin'] })).json;
    const bad = await server.call('PUT', '/v1/merchant/settings/routing', { token: tokens['admin'], body: { ...settings, expertGroup: 'missing' } });
    expect([bad.status, bad.json['code']]).toEqual([404, 'GROUP_NOT_FOUND']);
    const inUse = await server.call('DELETE', '/v1/merchant/groups/expert', { token: tokens['admin'] });
    expect(inUse.status).toBe(400);
    expect((await server.call('DELETE', '/v1/merchant/groups/night', { token: tokens['admin'] })).status).toBe(200);
    expect((await server.call('GET', '/v1/merchant/groups', { token: tokens['xiaowang'] })).status).toBe(403);
  });

  it('lets a waiting user leave a message, puts a conversation on hold, and tells users outside service hours', async () => {
    const waiting = await handoff('u014', '理财赎回的问题,转人工');
    expect(await waiting.conv()).toMatchObject({ status: 'queued', routing: { groupId: 'wealth' } });
    const left = await server.call('POST', `/v1/conversations/${waiting.id}/leave-message`, { token: waiting.token, body: { clientMessageId: 'l1', text: '我先去忙了,基金赎回三天还没到账,请回复我' } });
    expect(left.status).toBe(201);
    expect(await waiting.conv()).toMatchObject({ status: 'queued', leftMessage: true });

    // Straight from the bot: the message becomes a ticket in the queue.
    const token = await userLogin(server, 'u015');
    const id = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${id}/leave-message`, { token, body: { clientMessageId: 'l1', text: '生活缴费的问题,有空回我' } });
    expect((await server.call('GET', `/v1/conversations/${id}`, { token })).json).toMatchObject({ status: 'queued', leftMessage: true });
    // Why it was handed off is staff's to read, not the user's.
    expect((await server.call('GET', `/v1/conversations/${id}`, { token })).json['handoff']).toBeUndefined();
    expect((await server.call('GET', `/v1/conversations/${id}`, { token: tokens['admin'] })).json).toMatchObject({ handoff: { reason: 'leftMessage' } });

    await presence('xiaoli', 'online');
    const held = (await waiting.conv()).assigneeId!;
    expect(held).toBe('xiaoli');
    const onHold = await server.call('POST', `/v1/agent/conversations/${waiting.id}/hold`, { token: tokens['xiaoli'], body: { onHold: true } });
    expect(onHold.json).toMatchObject({ status: 'assigned', onHold: true });
    const notMine = await server.call('POST', `/v1/agent/conversations/${waiting.id}/hold`, { token: tokens['xiaowang'], body: { onHold: false } });
    expect([notMine.status, notMine.json['code']]).toEqual([409, 'NOT_ASSIGNEE']);
    await resolve('xiaoli', waiting.id);
    await resolve('xiaoli', id);
    await presence('xiaoli', 'offline');

    // Service hours that exclude now: the user is told when service resumes.
    const settings = (await server.call('GET', '/v1/merchant/settings/routing', { token: tokens['admin'] })).json;
    // Every day but today (Beijing time) is a service day.
    const today = ((Math.floor((Date.now() + 8 * 3600_000) / 86_400_000) + 3) % 7) + 1;
    const closedNow = { days: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== today), open: '00:00', close: '23:59' };
    expect((await server.call('PUT', '/v1/merchant/settings/routing', { token: tokens['admin'], body: { ...settings, businessHours: closedNow } })).status).toBe(200);
    // A day that ends when it starts is refused with why, not saved to close service for good.
    const empty = await server.call('PUT', '/v1/merchant/settings/routing', { token: tokens['admin'], body: { ...settings, businessHours: { days: [1], open: '09:00', close: '09:00' } } });
    expect([empty.status, empty.json['code'], empty.json['message']]).toEqual([400, 'VALIDATION_FAILED', '服务时间的结束须晚于开始']);
    const late = await handoff('u016', '账单有问题,转人工');
    const events = (await server.call('GET', `/v1/conversations/${late.id}/events?after=0&timeout=0`, { token: late.token })).json['events'] as { message?: { body: { text?: string } } }[];
    expect(events.map((e) => e.message?.body.text).join('|')).toMatch(/当前为非服务时间,人工客服将于明天 00:00起为您服务/);
    await server.call('PUT', '/v1/merchant/settings/routing', { token: tokens['admin'], body: settings });
  });

  it('updates the waiting user and the workbench as things change, through long-polls', async () => {
    const first = await handoff('u017', '花呗分期的问题,转人工');
    const second = await handoff('u018', '借呗额度的问题,转人工');
    expect(await second.conv()).toMatchObject({ status: 'queued', routing: { groupId: 'wealth' } });
    const place = await server.call('GET', `/v1/conversations/${second.id}/queue`, { token: second.token });
    expect(place.json['position']).toBe(2);

    const inbox = await server.call('GET', '/v1/agent/inbox?box=mine', { token: tokens['xiaoli'] });
    const version = inbox.json['version'] as string;
    const started = Date.now();
    const queueWait = server.call('GET', `/v1/conversations/${second.id}/queue?known=2&timeout=5000`, { token: second.token });
    const inboxWait = server.call('GET', `/v1/agent/inbox?box=mine&since=${version}&timeout=5000`, { token: tokens['xiaoli'] });
    await new Promise((r) => setTimeout(r, 100));
    // xiaoli comes online and takes both: the user's place and her inbox change at once.
    await presence('xiaoli', 'online');
    const [moved, changed] = await Promise.all([queueWait, inboxWait]);
    expect(Date.now() - started).toBeLessThan(2000);
    // Woken by the first change: first's assignment moved second to the head (or already assigned).
    expect(moved.json['status'] === 'assigned' || moved.json['position'] === 1).toBe(true);
    expect(changed.json['version']).not.toBe(version);
    expect((changed.json['conversations'] as { id: string }[]).map((c) => c.id)).toContain(first.id);
    const now = await server.call('GET', '/v1/agent/inbox?box=mine', { token: tokens['xiaoli'] });
    expect((now.json['conversations'] as { id: string }[]).map((c) => c.id).sort()).toEqual([first.id, second.id].sort());
    await resolve('xiaoli', first.id);
    await resolve('xiaoli', second.id);
    await presence('xiaoli', 'offline');
  });

  it('moves a waiting user who reports a stolen account to the expert seats, with the freeze guidance, keeping their wait', async () => {
    for (const who of ['xiaowang', 'laozhang', 'chenzhuguan']) await presence(who, 'offline');
    const waiting = await handoff('u020', '付款失败了,转人工');
    expect(await waiting.conv()).toMatchObject({ status: 'queued', routing: { groupId: 'payment' } });
    const sent = await server.call('POST', `/v1/conversations/${waiting.id}/messages`, { token: waiting.token, body: { clientMessageId: 'h2', text: '我的账号被盗了' } });
    expect(sent.status).toBe(201);
    expect(await waiting.conv()).toMatchObject({ status: 'queued', routing: { groupId: 'expert', escalation: 'accountTheft' } });
    const events = await server.call('GET', `/v1/conversations/${waiting.id}/events?after=0&timeout=0`, { token: waiting.token });
    expect(JSON.stringify(events.json)).toContain('冻结账户');
    expect((await server.call('GET', `/v1/conversations/${waiting.id}/queue`, { token: waiting.token })).json).toMatchObject({ status: 'queued', groupId: 'expert', position: 1 });
    // An ordinary message while waiting moves nothing.
    await server.call('POST', `/v1/conversations/${waiting.id}/messages`, { token: waiting.token, body: { clientMessageId: 'h3', text: '还要等多久' } });
    expect(await waiting.conv()).toMatchObject({ status: 'queued', routing: { groupId: 'expert' } });
    await presence('laozhang', 'online');
    expect(await waiting.conv()).toMatchObject({ status: 'assigned', assigneeId: 'laozhang' });
    await resolve('laozhang', waiting.id);
  });
});
