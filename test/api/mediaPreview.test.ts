import { png, wav } from '../helpers/mediaFixtures';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

/**
 * The inbox preview of a voice message or picture reads as the chat labels it ([语音 3″], [图片]),
 * from the chat's text table (issue 20 item 8), not a label of its own.
 */
describe('inbox preview of media messages', () => {
  let server: TestServer;
  let user: string;
  beforeAll(async () => {
    // No speech recognition and no OCR here: the labels alone.
    server = await startTestServer({ KEFU_OCR: 'off' });
    user = await userLogin(server, 'u012');
  });
  afterAll(() => server.stop());

  async function sendFile(conversationId: string, file: Buffer, type: string, clientMessageId: string, fields: Record<string, string> = {}) {
    const form = new FormData();
    form.set('conversationId', conversationId);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('file', new Blob([file], { type }), 'upload');
    const res = await server.request(`/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${user}` }, body: form });
    const { mediaId } = (await res.json()) as { mediaId: string };
    return server.call('POST', `/v1/conversations/${conversationId}/messages`, { token: user, body: { clientMessageId, mediaId } });
  }

  it('labels a picture [图片] and a 3 s recording [语音 3″]', async () => {
    const id = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { clientMessageId: 'h', text: '转人工', intent: 'human' } });
    const agent = await staffLogin(server, 'xiaowang');
    const preview = async () => {
      const inbox = await server.call('GET', '/v1/agent/inbox?box=waiting', { token: agent });
      return (inbox.json['conversations'] as { id: string; lastMessagePreview?: string }[]).find((c) => c.id === id)?.lastMessagePreview;
    };
    expect((await sendFile(id, png(8, 8), 'image/png', 'i1')).status).toBe(201);
    expect(await preview()).toBe('[图片]');
    expect((await sendFile(id, wav(3), 'audio/wav', 'v1', { kind: 'voice', durationMs: '3000' })).status).toBe(201);
    expect(await preview()).toBe('[语音 3″]');
  });
});
