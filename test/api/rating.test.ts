import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

describe('rating a conversation', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('rates a resolved conversation once, with stars, tags, comment and a complaint flag', async () => {
    const user = await userLogin(server, 'u020');
    const id = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { clientMessageId: 'm1', text: '转人工' } });

    const early = await server.call('POST', `/v1/conversations/${id}/rating`, { token: user, body: { stars: 5 } });
    expect([early.status, early.json['code']]).toEqual([409, 'NOT_RESOLVED']);

    const agent = await staffLogin(server, 'xiaowang');
    await server.call('POST', `/v1/agent/conversations/${id}/claim`, { token: agent });
    await server.call('POST', `/v1/agent/conversations/${id}/resolve`, { token: agent });

    const bad = await server.call('POST', `/v1/conversations/${id}/rating`, { token: user, body: { stars: 6 } });
    expect([bad.status, bad.json['code']]).toEqual([400, 'VALIDATION_FAILED']);
    const other = await userLogin(server, 'u019');
    expect((await server.call('POST', `/v1/conversations/${id}/rating`, { token: other, body: { stars: 1 } })).status).toBe(404);

    const rated = await server.call('POST', `/v1/conversations/${id}/rating`, { token: user, body: { stars: 2, tags: ['等待太久'], comment: '排队太久了', complaint: true } });
    expect(rated.status).toBe(200);
    expect(rated.json).toMatchObject({ status: 'rated', rating: { stars: 2, tags: ['等待太久'], comment: '排队太久了', complaint: true } });
    const again = await server.call('POST', `/v1/conversations/${id}/rating`, { token: user, body: { stars: 5 } });
    expect([again.status, again.json['code']]).toEqual([409, 'ALREADY_RATED']);

    // The agent sees the rating in the transcript.
    const history = await server.call('GET', `/v1/conversations/${id}/messages`, { token: agent });
    const bodies = (history.json['messages'] as { body: { type: string; stars?: number; text?: string } }[]).map((m) => m.body);
    expect(bodies.find((b) => b.type === 'rating')).toMatchObject({ stars: 2, complaint: true });
    expect(bodies.some((b) => b.text?.includes('已收到您的评价和投诉'))).toBe(true);
  });
});
