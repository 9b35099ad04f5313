import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

/**
 * 留言 through the API: 转人工 as a flag (an English label hands off too), a waiting user leaves a
 * message with a call-back number, staff list it (agents see the number masked), answer it into
 * the same conversation, and the ticket moves to the answered list.
 */
describe('留言 (leave a message) and the 转人工 intent', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('hands off on the intent flag whatever the text, then keeps a 留言 ticket staff answer into the chat', async () => {
    const token = await userLogin(server, 'u031');
    const id = (await server.call('POST', '/v1/conversations', { token, body: { channel: 'h5' } })).json['id'] as string;
    // "Talk to a human" alone would go to the bot as a question; the flag is what hands off.
    const asked = await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: 'h1', text: 'Talk to a human', intent: 'human' } });
    expect(asked.status).toBe(201);
    expect((await server.call('GET', `/v1/conversations/${id}`, { token })).json).toMatchObject({ status: 'queued' });
    // Another intent is not accepted.
    expect((await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: 'h2', text: 'x', intent: 'refund' } })).status).toBe(400);

    // A call-back number must look like one.
    const bad = await server.call('POST', `/v1/conversations/${id}/leave-message`, { token, body: { clientMessageId: 'l0', text: '请回电', contact: 'phone', phone: '12345' } });
    expect(bad.status).toBe(400);
    const left = await server.call('POST', `/v1/conversations/${id}/leave-message`, { token, body: { clientMessageId: 'l1', text: '花呗还款失败了,我的电话13812345678', contact: 'phone', phone: '13812345678' } });
    expect(left.status).toBe(201);
    expect((await server.call('GET', `/v1/conversations/${id}`, { token })).json).toMatchObject({ status: 'queued', leftMessage: true });

    // Users do not read the tickets.
    expect((await server.call('GET', '/v1/conversations/leave-messages', { token })).status).toBe(403);
    const agent = await staffLogin(server, 'xiaoli');
    const ticketOf = async (token: string) => ((await server.call('GET', '/v1/conversations/leave-messages', { token })).json['tickets'] as Record<string, unknown>[]).find((t) => t['conversationId'] === id);
    // An agent with the customer-data grant gets the number to call back; the text stays masked, as in the transcript.
    const granted = await ticketOf(agent);
    expect(granted).toMatchObject({ userId: 'u031', contact: 'phone', status: 'open', phone: '13812345678' });
    expect(String(granted!['text'])).not.toContain('13812345678');
    // Without the grant the number is masked, in the text and the call-back field alike; a supervisor sees it.
    const admin = await staffLogin(server, 'admin');
    await server.call('POST', '/v1/merchant/staff/xiaoli/revoke-customer-data', { token: admin });
    const mine = await ticketOf(agent);
    expect(String(mine!['phone'])).toMatch(/^138\*+5678$/);
    expect(String(mine!['text'])).not.toContain('13812345678');
    await server.call('POST', '/v1/merchant/staff/xiaoli/grant-customer-data', { token: admin });
    const supervisor = await staffLogin(server, 'chenzhuguan');
    const full = (await server.call('GET', '/v1/conversations/leave-messages', { token: supervisor })).json['tickets'] as Record<string, unknown>[];
    expect(full.find((t) => t['conversationId'] === id)).toMatchObject({ phone: '13812345678' });

    const answer = await server.call('POST', `/v1/conversations/${id}/leave-message/answer`, { token: agent, body: { clientMessageId: 'r1', text: '您好,已为您查询,还款已成功' } });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ ticket: { status: 'answered', answeredBy: 'xiaoli' } });
    // The answer is in the user's conversation, from the agent who took it.
    const history = (await server.call('GET', `/v1/conversations/${id}/messages`, { token })).json['messages'] as { sender: { role: string }; body: { text?: string } }[];
    expect(history.at(-1)).toMatchObject({ sender: { role: 'agent' }, body: { text: '您好,已为您查询,还款已成功' } });
    expect((await server.call('GET', `/v1/conversations/${id}`, { token })).json).toMatchObject({ status: 'assigned', assigneeId: 'xiaoli' });

    const open = (await server.call('GET', '/v1/conversations/leave-messages', { token: agent })).json['tickets'] as Record<string, unknown>[];
    expect(open.some((t) => t['conversationId'] === id)).toBe(false);
    const done = (await server.call('GET', '/v1/conversations/leave-messages?status=answered', { token: agent })).json['tickets'] as Record<string, unknown>[];
    expect(done.find((t) => t['conversationId'] === id)).toMatchObject({ answer: '您好,已为您查询,还款已成功' });
    // The chat resends an unanswered 留言 by itself with the same id: a retry changes no ticket
    // (it neither reopens the answered one nor repeats its text).
    const retried = await server.call('POST', `/v1/conversations/${id}/leave-message`, { token, body: { clientMessageId: 'l1', text: '花呗还款失败了,我的电话13812345678', contact: 'phone', phone: '13812345678' } });
    expect(retried.status).toBe(201);
    expect(retried.json['id']).toBe(left.json['id']);
    expect(((await server.call('GET', '/v1/conversations/leave-messages', { token: agent })).json['tickets'] as Record<string, unknown>[]).some((t) => t['conversationId'] === id)).toBe(false);
    // No ticket, no answer route.
    expect((await server.call('POST', '/v1/conversations/nope/leave-message/answer', { token: agent, body: { clientMessageId: 'r2', text: 'x' } })).status).toBe(404);
  });

  it('outside service hours the hand-off waits with the notice, and a 留言 is taken like in the queue', async () => {
    const admin = await staffLogin(server, 'admin');
    const settings = (await server.call('GET', '/v1/merchant/settings/routing', { token: admin })).json;
    // Every day but today (Beijing time) is a service day.
    const today = ((Math.floor((Date.now() + 8 * 3600_000) / 86_400_000) + 3) % 7) + 1;
    const closedNow = { days: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== today), open: '00:00', close: '23:59' };
    expect((await server.call('PUT', '/v1/merchant/settings/routing', { token: admin, body: { ...settings, businessHours: closedNow } })).status).toBe(200);
    try {
      const token = await userLogin(server, 'u032');
      const id = (await server.call('POST', '/v1/conversations', { token, body: { channel: 'miniprogram' } })).json['id'] as string;
      await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: 'h1', text: '转人工', intent: 'human' } });
      const conversation = (await server.call('GET', `/v1/conversations/${id}`, { token })).json;
      // Waiting (the chat offers 留言 for this status), told when service resumes.
      expect(conversation['status']).toBe('queued');
      const texts = ((await server.call('GET', `/v1/conversations/${id}/messages`, { token })).json['messages'] as { body: { text?: string } }[]).map((m) => m.body.text ?? '');
      expect(texts.join('|')).toContain('当前为非服务时间');
      const left = await server.call('POST', `/v1/conversations/${id}/leave-message`, { token, body: { clientMessageId: 'l1', text: '明天上班请回复我', contact: 'chat' } });
      expect(left.status).toBe(201);
      const agent = await staffLogin(server, 'xiaowang');
      const tickets = (await server.call('GET', '/v1/conversations/leave-messages', { token: agent })).json['tickets'] as Record<string, unknown>[];
      expect(tickets.find((t) => t['conversationId'] === id)).toMatchObject({ contact: 'chat', text: '明天上班请回复我', status: 'open' });
    } finally {
      await server.call('PUT', '/v1/merchant/settings/routing', { token: admin, body: settings });
    }
  });
});
