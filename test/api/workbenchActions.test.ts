import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

describe('workbench actions: internal notes, the supervisors\' all tab, canned replies, transfer targets', () => {
  let server: TestServer;
  let user: string;
  let agent: string;
  let supervisor: string;
  let conversationId: string;
  beforeAll(async () => {
    server = await startTestServer({ KEFU_OCR: 'off' });
    user = await userLogin(server, 'u006');
    agent = await staffLogin(server, 'xiaowang');
    supervisor = await staffLogin(server, 'chenzhuguan');
    conversationId = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${conversationId}/messages`, { token: user, body: { clientMessageId: 'u1', text: '转人工' } });
  });
  afterAll(() => server.stop());

  it('a note from any staff member is in the staff transcript and never reaches the user', async () => {
    const note = await server.call('POST', `/v1/agent/conversations/${conversationId}/notes`, { token: supervisor, body: { clientMessageId: 'n1', text: '该用户上周投诉过,请优先处理' } });
    expect(note.status).toBe(201);
    expect(note.json['body']).toEqual({ type: 'note', text: '该用户上周投诉过,请优先处理' });
    const staffView = await server.call('GET', `/v1/conversations/${conversationId}/messages`, { token: agent });
    expect((staffView.json['messages'] as { body: { type: string } }[]).map((m) => m.body.type)).toContain('note');
    const userMessages = await server.call('GET', `/v1/conversations/${conversationId}/messages`, { token: user });
    const userEvents = await server.call('GET', `/v1/conversations/${conversationId}/events?after=0&timeout=0`, { token: user });
    expect(JSON.stringify(userMessages.json)).not.toContain('投诉过');
    expect(JSON.stringify(userEvents.json)).not.toContain('投诉过');
    // The cursor still moves past the note, so the user's poll does not spin on it.
    expect(userEvents.json['cursor']).toBe((await server.call('GET', `/v1/conversations/${conversationId}`, { token: agent })).json['lastSeq']);
    // A note is not a reply: the first-response clock keeps running.
    expect((await server.call('GET', `/v1/conversations/${conversationId}`, { token: agent })).json['agentRepliedAt']).toBeUndefined();
  });

  it('the all tab is for supervisors and lists open conversations', async () => {
    const refused = await server.call('GET', '/v1/agent/inbox?box=all', { token: agent });
    expect({ status: refused.status, code: refused.json['code'] }).toEqual({ status: 403, code: 'FORBIDDEN' });
    const all = await server.call('GET', '/v1/agent/inbox?box=all', { token: supervisor });
    expect((all.json['conversations'] as { id: string }[]).map((c) => c.id)).toContain(conversationId);
  });

  it('canned replies: defaults, replaced by a manager, read by agents; agents cannot edit them', async () => {
    const defaults = await server.call('GET', '/v1/agent/canned-replies', { token: agent });
    expect((defaults.json['replies'] as { title: string }[]).map((r) => r.title)).toContain('问候');
    const admin = await staffLogin(server, 'admin');
    const replies = [{ title: '发票', text: '电子发票会在订单完成后 24 小时内发送到您的邮箱。' }];
    expect((await server.call('PUT', '/v1/merchant/canned-replies', { token: admin, body: { replies } })).status).toBe(200);
    expect((await server.call('GET', '/v1/agent/canned-replies', { token: agent })).json['replies']).toEqual(replies);
    expect((await server.call('PUT', '/v1/merchant/canned-replies', { token: agent, body: { replies } })).status).toBe(403);
    const bad = await server.call('PUT', '/v1/merchant/canned-replies', { token: admin, body: { replies: [{ title: '', text: 'x' }] } });
    expect({ status: bad.status, code: bad.json['code'] }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('an agent corrects the ticket: the field records who edited it; bad categories and users are refused', async () => {
    const edited = await server.call('PUT', `/v1/agent/conversations/${conversationId}/ticket`, { token: agent, body: { field: 'orderNo', text: '2026112522001400000000000001' } });
    expect(edited.status).toBe(200);
    expect((edited.json['ticket'] as Record<string, unknown>)['orderNo']).toMatchObject({ value: '2026112522001400000000000001', editedBy: 'xiaowang' });
    // A field staff fill first points at a message of the log (the workbench jumps to it), not at a state event.
    const source = (edited.json['ticket'] as Record<string, { seq: number; messageId: string }>)['orderNo']!;
    const log = (await server.call('GET', `/v1/conversations/${conversationId}/events?after=${source.seq - 1}&timeout=0`, { token: agent })).json['events'] as { seq: number; type: string; message?: { id: string } }[];
    expect(log[0]).toMatchObject({ seq: source.seq, type: 'message', message: { id: source.messageId } });
    const category = await server.call('PUT', `/v1/agent/conversations/${conversationId}/ticket`, { token: agent, body: { field: 'category', text: 'refund' } });
    expect((category.json['ticket'] as Record<string, unknown>)['category']).toMatchObject({ value: 'refund', editedBy: 'xiaowang' });
    const cleared = await server.call('PUT', `/v1/agent/conversations/${conversationId}/ticket`, { token: agent, body: { field: 'orderNo', text: '' } });
    expect((cleared.json['ticket'] as Record<string, unknown>)['orderNo']).toBeUndefined();
    const bad = await server.call('PUT', `/v1/agent/conversations/${conversationId}/ticket`, { token: agent, body: { field: 'category', text: 'lottery' } });
    expect({ status: bad.status, code: bad.json['code'] }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await server.call('PUT', `/v1/agent/conversations/${conversationId}/ticket`, { token: user, body: { field: 'amount', text: '1' } })).status).toBe(403);
  });

  it('lists the groups a conversation can be transferred to', async () => {
    const groups = await server.call('GET', '/v1/agent/groups', { token: agent });
    expect((groups.json['groups'] as { id: string }[]).map((g) => g.id)).toEqual(expect.arrayContaining(['payment', 'wealth', 'expert']));
  });

  it('lists the colleagues a conversation can be handed to by name: not oneself, the available first, never another tenant', async () => {
    const xiaoli = await staffLogin(server, 'xiaoli');
    await server.call('PUT', '/v1/agent/presence', { token: xiaoli, body: { status: 'online' } });
    await server.call('PUT', '/v1/agent/presence', { token: agent, body: { status: 'online' } });
    // A same-named agent of another merchant, online: it must not show up in demo's list.
    await server.deps.store.tenant('acme').put('presence', ['xiaoli-acme'], { agentId: 'xiaoli-acme', name: '外商户小李', status: 'online', active: 0, capacity: 5, lastSeenAt: new Date().toISOString() });

    const list = await server.call('GET', '/v1/agent/colleagues', { token: agent });
    expect(list.status).toBe(200);
    const colleagues = list.json['colleagues'] as { id: string; name: string; available: boolean; status: string }[];
    const ids = colleagues.map((c) => c.id);
    expect(ids).toContain('xiaoli');
    expect(ids).not.toContain('xiaowang');
    expect(ids).not.toContain('xiaoli-acme');
    expect(colleagues.find((c) => c.id === 'xiaoli')).toMatchObject({ name: '小李', status: 'online', available: true });
    // A colleague who never went online today is listed too, as offline and not pickable.
    expect(colleagues.find((c) => c.id === 'laozhang')).toMatchObject({ status: 'offline', available: false });
    const firstUnavailable = colleagues.findIndex((c) => !c.available);
    expect(firstUnavailable === -1 || colleagues.slice(firstUnavailable).every((c) => !c.available)).toBe(true);
    expect((await server.call('GET', '/v1/agent/colleagues', { token: user })).status).toBe(403);

    // Handing over by name: the conversation is xiaoli's at once, without a queue.
    const moved = await server.call('POST', `/v1/agent/conversations/${conversationId}/transfer`, { token: agent, body: { toAgentId: 'xiaoli' } });
    expect(moved.status).toBe(200);
    expect((await server.call('GET', `/v1/conversations/${conversationId}`, { token: supervisor })).json).toMatchObject({ status: 'assigned', assigneeId: 'xiaoli' });
  });
});
