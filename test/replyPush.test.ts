import { startAlipayGateway, type AlipayGatewayEmulator } from '../mock/alipay-gateway/AlipayGatewayEmulator';
import { rsaKeyPair } from './helpers/rsaKeyPair';
import { createMemoryStore } from '../shared/store';
import { AlipaySdkOpenApi } from '../shared/alipay/AlipaySdkOpenApi';
import { ReplyNotifier } from '../shared/push/ReplyNotifier';
import { startTestServer, staffLogin, type TestServer } from './helpers/testServer';

const keys = rsaKeyPair;
const appId = '2021000000000003';

describe('reply push: an Alipay message when an agent replies to a user who left the chat', () => {
  const app = keys();
  const gatewayKeys = keys();
  let gw: { emulator: AlipayGatewayEmulator; url: string; close(): Promise<void> };
  beforeAll(async () => {
    gw = await startAlipayGateway({ appId, appPublicKey: app.publicKey, gatewayPrivateKey: gatewayKeys.privateKey });
  });
  afterAll(() => gw.close());

  function notifier(clock: { now: number }) {
    const store = createMemoryStore();
    const alipay = new AlipaySdkOpenApi({ appId, privateKey: app.privateKey, alipayPublicKey: gatewayKeys.publicKey, gateway: gw.url });
    return { store, n: new ReplyNotifier({ store, alipay, clock: () => clock.now, afterSeconds: 60, intervalSeconds: 300 }) };
  }

  it('pushes only when the user has not polled for 60 s, and at most once per 5 minutes', async () => {
    const clock = { now: 1_800_000_000_000 };
    const { n } = notifier(clock);
    await n.userPolled('demo', '2088000000000001');
    clock.now += 30_000;
    expect(await n.agentReplied('demo', '2088000000000001', 'c1')).toBe(false);
    clock.now += 40_000;
    expect(await n.agentReplied('demo', '2088000000000001', 'c1')).toBe(true);
    expect(await n.agentReplied('demo', '2088000000000001', 'c1')).toBe(false);
    const before = gw.emulator.messages.length;
    expect(await n.deliver('demo')).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    expect(gw.emulator.messages.slice(before)).toEqual([expect.objectContaining({ toUserId: '2088000000000001', templateId: 'kefu-reply' })]);
    clock.now += 301_000;
    expect(await n.agentReplied('demo', '2088000000000001', 'c1')).toBe(true);
  });

  it('retries a failed send with backoff, logs every result, and gives up after the last try', async () => {
    const clock = { now: 1_800_000_000_000 };
    const { n, store } = notifier(clock);
    await n.agentReplied('demo', '2088000000000002', 'c2');
    gw.emulator.failSends = 1;
    expect(await n.deliver('demo')).toEqual({ sent: 0, failed: 1, gaveUp: 0 });
    // Not due yet: nothing is sent before the backoff has passed.
    expect(await n.deliver('demo')).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    clock.now += 31_000;
    expect(await n.deliver('demo')).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    const log = (await store.tenant('demo').range<{ status: string; attempts: number }>('pushLog', [], { limit: 10 })).rows.map((r) => [r.value.status, r.value.attempts]);
    expect(log).toEqual([['failed', 1], ['sent', 2]]);

    await n.agentReplied('demo', '2088000000000003', 'c3');
    gw.emulator.failSends = 10;
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await n.deliver('demo');
      outcomes.push(r.gaveUp ? 'gaveUp' : r.failed ? 'failed' : 'waiting');
      clock.now += 3_600_000;
    }
    expect(outcomes).toEqual(['failed', 'failed', 'failed', 'failed', 'gaveUp', 'waiting']);
    gw.emulator.failSends = 0;
  });

  it("an agent's reply through the API queues and sends the push without waiting for it", async () => {
    const server: TestServer = await startTestServer({ KEFU_OCR: 'off', KEFU_ALIPAY_APP_ID: appId, KEFU_ALIPAY_PRIVATE_KEY: app.privateKey, KEFU_ALIPAY_PUBLIC_KEY: gatewayKeys.publicKey, KEFU_ALIPAY_GATEWAY: gw.url, KEFU_PUSH_AFTER_SECONDS: '0' });
    try {
      const login = await server.call('POST', '/v1/auth/alipay', { body: { tenant: 'demo', authCode: gw.emulator.mintAuthCode('2088000000000009') } });
      const user = login.json['token'] as string;
      const c = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
      await server.call('POST', `/v1/conversations/${c}/messages`, { token: user, body: { clientMessageId: 'm1', text: '转人工' } });
      const agent = await staffLogin(server, 'xiaowang');
      await server.call('POST', `/v1/agent/conversations/${c}/claim`, { token: agent });
      const before = gw.emulator.messages.length;
      const reply = await server.call('POST', `/v1/agent/conversations/${c}/messages`, { token: agent, body: { clientMessageId: 'r1', text: '您好,已为您查到' } });
      expect(reply.status).toBe(201);
      for (let i = 0; i < 100 && gw.emulator.messages.length === before; i++) await new Promise((r) => setTimeout(r, 20));
      expect(gw.emulator.messages.slice(before)).toEqual([expect.objectContaining({ toUserId: '2088000000000009', page: `pages/demo/index?conversation=${c}` })]);
    } finally {
      await server.stop();
    }
  });
});
