import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { png, wav } from '../helpers/mediaFixtures';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

describe('media: voice and picture uploads', () => {
  let server: TestServer;
  let user: string;
  let other: string;
  let conversationId: string;

  async function upload(token: string, file: Buffer, o: { type?: string; kind?: string; conversation?: string; durationMs?: string; name?: string } = {}) {
    const form = new FormData();
    form.set('conversationId', o.conversation ?? conversationId);
    if (o.kind) form.set('kind', o.kind);
    if (o.durationMs) form.set('durationMs', o.durationMs);
    form.set('file', new Blob([file], { type: o.type ?? '' }), o.name ?? 'upload.bin');
    const res = await server.request(`/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  const storedFiles = () => {
    const dir = path.join(server.deps.config.dataDir, 'media', 'demo');
    return existsSync(dir) ? readdirSync(dir).length : 0;
  };

  beforeAll(async () => {
    server = await startTestServer();
    user = await userLogin(server, 'u001');
    other = await userLogin(server, 'u002');
    conversationId = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
  });
  afterAll(() => server.stop());

  it('takes a picture, puts it in the conversation, and lets the agent fetch it through a signed link', async () => {
    const picture = png(40, 30);
    const up = await upload(user, picture, { type: 'image/png', kind: 'image', name: 'receipt.png' });
    expect(up).toMatchObject({ status: 201, json: { kind: 'image', mime: 'image/png', bytes: picture.length } });
    const mediaId = up.json['mediaId'] as string;

    const sent = await server.call('POST', `/v1/conversations/${conversationId}/messages`, { token: user, body: { clientMessageId: 'img1', mediaId } });
    expect(sent.status).toBe(201);
    expect(sent.json['body']).toEqual({ type: 'image', mediaId, mime: 'image/png', bytes: picture.length });
    const events = await server.call('GET', `/v1/conversations/${conversationId}/events?after=0&timeout=0`, { token: user });
    const texts = (events.json['events'] as { type: string; message?: { body: { type: string; text?: string } } }[]).map((e) => e.message?.body.text ?? e.message?.body.type);
    expect(texts).toEqual(['image', '已收到您的图片。机器人暂时看不懂这张图片,请用文字描述问题,或回复"转人工"']);

    const agent = await staffLogin(server, 'xiaowang');
    const link = await server.call('GET', `/v1/media/${mediaId}/url`, { token: agent });
    expect(link.status).toBe(200);
    const res = await server.request(link.json['url'] as string);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(picture)).toBe(true);

    // The signature's first character changed (to B when it already is A: 1 run in 64 made no change).
    const tampered = (link.json['url'] as string).replace(/sig=(.)/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
    const refused = await server.call('GET', tampered);
    expect({ status: refused.status, code: refused.json['code'] }).toEqual({ status: 403, code: 'MEDIA_LINK_INVALID' });
    const expired = (link.json['url'] as string).replace(/exp=\d+/, 'exp=1000');
    expect((await server.call('GET', expired)).json['code']).toBe('MEDIA_LINK_INVALID');
  });

  it('takes a voice recording as a voice message marked not yet transcribed', async () => {
    const up = await upload(user, wav(2), { type: 'audio/wav', kind: 'voice', durationMs: '2000' });
    expect(up).toMatchObject({ status: 201, json: { kind: 'voice', mime: 'audio/wav' } });
    const sent = await server.call('POST', `/v1/conversations/${conversationId}/messages`, { token: user, body: { clientMessageId: 'v1', mediaId: up.json['mediaId'] } });
    expect(sent.json['body']).toEqual({ type: 'voice', mediaId: up.json['mediaId'], mime: 'audio/wav', durationMs: 2000, transcribed: false });
  });

  it("keeps a user's media from other users and other merchants' staff", async () => {
    const up = await upload(user, png(4, 4), { type: 'image/png' });
    const mediaId = up.json['mediaId'] as string;
    const peek = await server.call('GET', `/v1/media/${mediaId}/url`, { token: other });
    expect({ status: peek.status, code: peek.json['code'] }).toEqual({ status: 404, code: 'MEDIA_NOT_FOUND' });
    const theirs = (await server.call('POST', '/v1/conversations', { token: other, body: {} })).json['id'] as string;
    const reuse = await server.call('POST', `/v1/conversations/${theirs}/messages`, { token: other, body: { clientMessageId: 'steal', mediaId } });
    expect({ status: reuse.status, code: reuse.json['code'] }).toEqual({ status: 404, code: 'MEDIA_NOT_FOUND' });
    const intoTheirs = await upload(user, png(4, 4), { conversation: theirs });
    expect({ status: intoTheirs.status, code: intoTheirs.json['code'] }).toEqual({ status: 404, code: 'CONVERSATION_NOT_FOUND' });

    await server.deps.accounts.createTenant('acme', '另一家商户');
    await server.deps.accounts.putStaff('acme', { username: 'spy', displayName: '别家客服', role: 'agent', password: 'Acme@2026' });
    const spy = await staffLogin(server, 'spy', 'Acme@2026', 'acme');
    expect((await server.call('GET', `/v1/media/${mediaId}/url`, { token: spy })).json['code']).toBe('MEDIA_NOT_FOUND');
  });

  it('refuses bad files with a code and stores nothing', async () => {
    const before = storedFiles();
    const cases: [Promise<{ status: number; json: Record<string, unknown> }>, number, string][] = [
      [upload(user, Buffer.alloc(0), { type: 'image/png' }), 400, 'MEDIA_EMPTY'],
      [upload(user, png(8, 8), { type: 'image/jpeg' }), 415, 'MEDIA_TYPE_MISMATCH'],
      [upload(user, png(8, 8), { kind: 'voice' }), 415, 'MEDIA_TYPE_MISMATCH'],
      [upload(user, wav(1), { type: 'image/png', kind: 'image' }), 415, 'MEDIA_TYPE_MISMATCH'],
      [upload(user, Buffer.from('PK\u0003\u0004 this is a zip, not a picture at all', 'latin1'), { type: 'image/png' }), 415, 'MEDIA_TYPE_UNSUPPORTED'],
      [upload(user, Buffer.from('就是一段文字而已,不是图片也不是语音'), {}), 415, 'MEDIA_TYPE_UNSUPPORTED'],
      [upload(user, wav(70), { type: 'audio/wav' }), 413, 'MEDIA_TOO_LARGE'],
      [upload(user, Buffer.concat([png(8, 8), Buffer.alloc(11 * 1024 * 1024)]), { type: 'image/png' }), 413, 'MEDIA_TOO_LARGE'],
      [upload(user, wav(1), { type: 'audio/wav', durationMs: '61000' }), 400, 'MEDIA_TOO_LONG'],
    ];
    for (const [pending, status, code] of cases) {
      const res = await pending;
      expect({ status: res.status, code: res.json['code'] }).toEqual({ status, code });
    }
    const json = await server.call('POST', '/v1/media', { token: user, body: { file: 'x' } });
    expect({ status: json.status, code: json.json['code'] }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(storedFiles()).toBe(before);
  });
});
