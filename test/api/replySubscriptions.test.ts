/**
 * The HTTP side of reply notices: the merchant's templates (GET|PUT /v1/merchant/settings/notify),
 * the user's acceptances (GET|POST /v1/me/subscriptions, fed by my.requestSubscribeMessage) and a
 * real agent reply reaching the gateway stand-in (real RSA2) as a subscription message.
 * Docs: ../shared/platform-docs/alipay-open-docs/mini/api/开放能力API/消息/my.requestSubscribeMessage.md
 * (at most 3 ids per call, error 203 beyond; one-time vs long-term), and the send
 * alipay.open.app.mini.templatemessage.send (https://opendocs.alipay.com/mini/02cth2, in
 * ../shared/platform-docs/alipay-open-docs/mini/server-api/服务端 API 概览.md; to_user_id / to_open_id
 * as in alipay-sdk-net-all v2/AlipaySDKNet/Domain/AlipayOpenAppMiniTemplatemessageSendModel.cs).
 */
import { startAlipayGateway, type AlipayGatewayEmulator } from '../../mock/alipay-gateway/AlipayGatewayEmulator';
import { rsaKeyPair } from '../helpers/rsaKeyPair';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';
import { UNLIMITED_SENDS } from '../../shared/schemas';

const appId = '2021000000000005';
const T1 = 'c1b2c3d4e5f60718293a4b5c6d7e8f90';
const T2 = 'c2b2c3d4e5f60718293a4b5c6d7e8f91';
const T3 = 'c3b2c3d4e5f60718293a4b5c6d7e8f92';
const T4 = 'c4b2c3d4e5f60718293a4b5c6d7e8f93';

type Gateway = { emulator: AlipayGatewayEmulator; url: string; close(): Promise<void> };

describe('reply notice subscriptions over HTTP', () => {
  const app = rsaKeyPair();
  const gatewayKeys = rsaKeyPair();
  let gw: Gateway;
  let server: TestServer;
  let admin: string;

  const devPost = async (g: Gateway, path: string, body: unknown) => {
    const res = await fetch(g.url.replace('/gateway.do', path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await res.json()) as Record<string, unknown>;
  };
  const serverOn = (g: Gateway) =>
    startTestServer({ KEFU_OCR: 'off', KEFU_ALIPAY_APP_ID: appId, KEFU_ALIPAY_PRIVATE_KEY: app.privateKey, KEFU_ALIPAY_PUBLIC_KEY: gatewayKeys.publicKey, KEFU_ALIPAY_GATEWAY: g.url, KEFU_PUSH_AFTER_SECONDS: '0', KEFU_PUSH_INTERVAL_SECONDS: '0' });
  /** A user in a conversation an agent has claimed, logged in through Alipay. */
  async function handedOff(s: TestServer, g: Gateway, alipayUser: string) {
    const login = await s.call('POST', '/v1/auth/alipay', { body: { tenant: 'demo', authCode: g.emulator.mintAuthCode(alipayUser) } });
    const user = login.json['token'] as string;
    const c = (await s.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    await s.call('POST', `/v1/conversations/${c}/messages`, { token: user, body: { clientMessageId: 'm1', text: '转人工' } });
    const agent = await staffLogin(s, 'xiaowang');
    expect((await s.call('POST', `/v1/agent/conversations/${c}/claim`, { token: agent })).status).toBe(200);
    let n = 0;
    const reply = async () => {
      const before = g.emulator.messages.length;
      expect((await s.call('POST', `/v1/agent/conversations/${c}/messages`, { token: agent, body: { clientMessageId: `r${++n}`, text: '您好,已为您查到' } })).status).toBe(201);
      // The notice is sent after the reply's answer; give it time to arrive (or to not arrive).
      for (let i = 0; i < 50 && g.emulator.messages.length === before; i++) await new Promise((r) => setTimeout(r, 20));
      return g.emulator.messages.slice(before);
    };
    return { user, conversation: c, reply };
  }

  beforeAll(async () => {
    gw = await startAlipayGateway({ appId, appPublicKey: app.publicKey, gatewayPrivateKey: gatewayKeys.privateKey });
    server = await serverOn(gw);
    admin = await staffLogin(server, 'admin');
  });
  afterAll(async () => {
    await server.stop();
    await gw.close();
  });

  it('merchant settings: the demo merchant seeded with one template, validated, and only for admins and supervisors', async () => {
    expect((await server.call('GET', '/v1/merchant/settings/notify', { token: admin })).json).toEqual({ replyTemplateIds: ['demo-reply-once'], kind: 'once', page: 'pages/demo/index', keywords: ['您有新的客服回复', '{time}'] });
    const agent = await staffLogin(server, 'xiaowang');
    const forbidden = await server.call('PUT', '/v1/merchant/settings/notify', { token: agent, body: { replyTemplateIds: [T1], kind: 'once', page: 'pages/chat/index', keywords: ['x'] } });
    expect([forbidden.status, forbidden.json['code']]).toEqual([403, 'FORBIDDEN']);
    expect((await server.call('GET', '/v1/merchant/settings/notify', { token: agent })).status).toBe(403);
    const user = await userLogin(server, 'u001');
    expect((await server.call('GET', '/v1/merchant/settings/notify', { token: user })).status).toBe(403);
    const valid = { replyTemplateIds: [T1, T2], kind: 'once', page: 'pages/demo/index', keywords: ['您有新的客服回复', '{time}'] };
    for (const bad of [
      { ...valid, replyTemplateIds: [T1, T2, T3, T4] },
      { ...valid, replyTemplateIds: [T1, T1] },
      { ...valid, replyTemplateIds: ['has space'] },
      { ...valid, kind: 'forever' },
      { ...valid, page: 'https://evil.example.com' },
      { ...valid, keywords: ['x'.repeat(51)] },
      { ...valid, keywords: [] },
      { ...valid, extra: 1 },
    ]) {
      const res = await server.call('PUT', '/v1/merchant/settings/notify', { token: admin, body: bad });
      expect([res.status, res.json['code']]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const supervisor = await staffLogin(server, 'chenzhuguan');
    expect((await server.call('PUT', '/v1/merchant/settings/notify', { token: supervisor, body: valid })).json).toEqual(valid);
    expect((await server.call('GET', '/v1/merchant/settings/notify', { token: admin })).json).toEqual(valid);
  });

  it('GET|POST /v1/me/subscriptions: what to offer and what was accepted; 400 beyond 3 ids; unknown ids ignored', async () => {
    await server.call('PUT', '/v1/merchant/settings/notify', { token: admin, body: { replyTemplateIds: [], kind: 'once', page: 'pages/demo/index', keywords: ['您有新的客服回复', '{time}'] } });
    const user = await userLogin(server, 'u002');
    expect((await server.call('GET', '/v1/me/subscriptions', { token: user })).json).toEqual({ templateIds: [], kind: null, accepted: {} });
    await server.call('PUT', '/v1/merchant/settings/notify', { token: admin, body: { replyTemplateIds: [T1, T2], kind: 'once', page: 'pages/demo/index', keywords: ['您有新的客服回复', '{time}'] } });
    expect((await server.call('GET', '/v1/me/subscriptions', { token: user })).json).toEqual({ templateIds: [T1, T2], kind: 'once', accepted: { [T1]: 0, [T2]: 0 } });

    const posted = await server.call('POST', '/v1/me/subscriptions', { token: user, body: { accepted: [T1, 'someone-elses-id'], rejected: [T2] } });
    expect([posted.status, posted.json]).toEqual([200, { templateIds: [T1, T2], kind: 'once', accepted: { [T1]: 1, [T2]: 0 }, ignored: ['someone-elses-id'] }]);
    // One-time acceptances accumulate.
    expect((await server.call('POST', '/v1/me/subscriptions', { token: user, body: { accepted: [T1] } })).json['accepted']).toEqual({ [T1]: 2, [T2]: 0 });
    expect((await server.call('GET', '/v1/me/subscriptions', { token: user })).json['accepted']).toEqual({ [T1]: 2, [T2]: 0 });

    for (const bad of [{ accepted: [T1, T2, T3, T4] }, { accepted: [T1, T2], rejected: [T3, T4] }, { accepted: [T1, T1] }, { accepted: ['bad id'] }, { rejected: [T1] }, { accepted: [T1], more: true }]) {
      const res = await server.call('POST', '/v1/me/subscriptions', { token: user, body: bad });
      expect([res.status, res.json['code']]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await server.call('GET', '/v1/me/subscriptions', { token: user })).json['accepted']).toEqual({ [T1]: 2, [T2]: 0 });
    expect((await server.call('GET', '/v1/me/subscriptions')).status).toBe(401);
    expect((await server.call('POST', '/v1/me/subscriptions', { token: admin, body: { accepted: [T1] } })).status).toBe(403);
  });

  it('subscribe, agent replies while the user is away: exactly one notice with to_user_id and user_template_id; the next reply sends nothing', async () => {
    await server.call('PUT', '/v1/merchant/settings/notify', { token: admin, body: { replyTemplateIds: [T3], kind: 'once', page: 'pages/demo/index', keywords: ['您有新的客服回复', '{time}'] } });
    await devPost(gw, '/dev/templates', { templateId: T3, kind: 'once' });
    const { user, conversation, reply } = await handedOff(server, gw, '2088000000000031');
    // Not subscribed yet: the reply goes out, no notice, no error.
    expect(await reply()).toEqual([]);
    // The user taps 有回复时通知我: my.requestSubscribeMessage records it at Alipay, the chat tells Kefu.
    expect(await devPost(gw, '/dev/subscriptions', { userId: '2088000000000031', entityIds: [T3] })).toMatchObject({ behavior: 'subscribe', [T3]: 'accept' });
    expect((await server.call('POST', '/v1/me/subscriptions', { token: user, body: { accepted: [T3] } })).json['accepted']).toEqual({ [T3]: 1 });
    const delivered = await reply();
    expect(delivered).toEqual([expect.objectContaining({ toUserId: '2088000000000031', templateId: T3, page: `pages/demo/index?conversation=${conversation}` })]);
    expect(delivered[0]).not.toHaveProperty('toOpenId');
    expect((await server.call('GET', '/v1/me/subscriptions', { token: user })).json['accepted']).toEqual({ [T3]: 0 });
    expect(await reply()).toEqual([]);
  });

  it("Alipay's \"not subscribed\" answer: the reply still succeeds, no notice, the record cleared, no retries", async () => {
    await server.call('PUT', '/v1/merchant/settings/notify', { token: admin, body: { replyTemplateIds: [T3], kind: 'once', page: 'pages/demo/index', keywords: ['您有新的客服回复', '{time}'] } });
    await devPost(gw, '/dev/templates', { templateId: T3, kind: 'once' });
    const { user, reply } = await handedOff(server, gw, '2088000000000034');
    // The chat reported an acceptance that Alipay does not have.
    await server.call('POST', '/v1/me/subscriptions', { token: user, body: { accepted: [T3] } });
    const sends = () => gw.emulator.log.filter((l) => l.startsWith('alipay.open.app.mini.templatemessage.send')).length;
    const before = sends();
    expect(await reply()).toEqual([]);
    expect(gw.emulator.log.slice(-1)).toEqual(['alipay.open.app.mini.templatemessage.send USER_NOT_SUBSCRIBED']);
    expect((await server.call('GET', '/v1/me/subscriptions', { token: user })).json['accepted']).toEqual({ [T3]: 0 });
    expect(await reply()).toEqual([]);
    expect(sends()).toBe(before + 1);
  });

  it('a long-term template notifies on every reply', async () => {
    await server.call('PUT', '/v1/merchant/settings/notify', { token: admin, body: { replyTemplateIds: [T4], kind: 'long', page: 'pages/demo/index', keywords: ['您有新的客服回复', '{time}'] } });
    await devPost(gw, '/dev/templates', { templateId: T4, kind: 'long' });
    const { user, reply } = await handedOff(server, gw, '2088000000000032');
    await devPost(gw, '/dev/subscriptions', { userId: '2088000000000032', entityIds: [T4] });
    expect((await server.call('POST', '/v1/me/subscriptions', { token: user, body: { accepted: [T4] } })).json['accepted']).toEqual({ [T4]: UNLIMITED_SENDS });
    for (let i = 0; i < 3; i++) expect((await reply()).map((m) => [m.toUserId, m.templateId])).toEqual([['2088000000000032', T4]]);
  });

  // Issue 20 item 3: a 留言 answered later reaches a user who allowed reply notices, as any reply does.
  it('a 留言 answered after the user left: one notice through the subscription', async () => {
    await server.call('PUT', '/v1/merchant/settings/notify', { token: admin, body: { replyTemplateIds: [T4], kind: 'long', page: 'pages/demo/index', keywords: ['您有新的客服回复', '{time}'] } });
    await devPost(gw, '/dev/templates', { templateId: T4, kind: 'long' });
    const login = await server.call('POST', '/v1/auth/alipay', { body: { tenant: 'demo', authCode: gw.emulator.mintAuthCode('2088000000000035') } });
    const user = login.json['token'] as string;
    const c = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${c}/messages`, { token: user, body: { clientMessageId: 'm1', text: '转人工' } });
    await devPost(gw, '/dev/subscriptions', { userId: '2088000000000035', entityIds: [T4] });
    await server.call('POST', '/v1/me/subscriptions', { token: user, body: { accepted: [T4] } });
    expect((await server.call('POST', `/v1/conversations/${c}/leave-message`, { token: user, body: { clientMessageId: 'l1', text: '我先走了,有结果请告诉我', contact: 'chat' } })).status).toBe(201);
    const agent = await staffLogin(server, 'xiaowang');
    const before = gw.emulator.messages.length;
    expect((await server.call('POST', `/v1/conversations/${c}/leave-message/answer`, { token: agent, body: { clientMessageId: 'a1', text: '您好,已为您处理好了' } })).status).toBe(201);
    for (let i = 0; i < 50 && gw.emulator.messages.length === before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(gw.emulator.messages.slice(before).map((m) => [m.toUserId, m.templateId])).toEqual([['2088000000000035', T4]]);
  });

  it('without Alipay configured nothing is offered, whatever the settings say', async () => {
    const s = await startTestServer({ KEFU_OCR: 'off' });
    try {
      const a = await staffLogin(s, 'admin');
      await s.call('PUT', '/v1/merchant/settings/notify', { token: a, body: { replyTemplateIds: [T1], kind: 'once', page: 'pages/demo/index', keywords: ['您有新的客服回复'] } });
      const user = await userLogin(s, 'u003');
      expect((await s.call('GET', '/v1/me/subscriptions', { token: user })).json).toEqual({ templateIds: [], kind: null, accepted: {} });
      expect((await s.call('POST', '/v1/me/subscriptions', { token: user, body: { accepted: [T1] } })).json).toEqual({ templateIds: [], kind: null, accepted: {}, ignored: [T1] });
    } finally {
      await s.stop();
    }
  });

  it('an openId-mode app: the login gives an open_id and the notice goes to_open_id', async () => {
    const openGw = await startAlipayGateway({ appId, appPublicKey: app.publicKey, gatewayPrivateKey: gatewayKeys.privateKey, openIdMode: true });
    const s = await serverOn(openGw);
    try {
      const a = await staffLogin(s, 'admin');
      await s.call('PUT', '/v1/merchant/settings/notify', { token: a, body: { replyTemplateIds: [T1], kind: 'once', page: 'pages/demo/index', keywords: ['您有新的客服回复', '{time}'] } });
      openGw.emulator.ledger.defineTemplate(T1, 'once');
      const { user, conversation, reply } = await handedOff(s, openGw, '2088000000000033');
      const me = (await s.call('GET', '/v1/auth/me', { token: user })).json['principal'] as { id: string };
      expect(me.id).toBe(openGw.emulator.openIdOf('2088000000000033'));
      openGw.emulator.ledger.subscribe('2088000000000033', [T1]);
      await s.call('POST', '/v1/me/subscriptions', { token: user, body: { accepted: [T1] } });
      const delivered = await reply();
      expect(delivered).toEqual([{ toOpenId: me.id, userId: '2088000000000033', templateId: T1, page: `pages/demo/index?conversation=${conversation}`, data: expect.any(Object) as unknown }]);
    } finally {
      await s.stop();
      await openGw.close();
    }
  });
});
