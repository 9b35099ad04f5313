import type { AlipayGatewayEmulator } from '../../mock/alipay-gateway/AlipayGatewayEmulator';
import { startAlipayTestServer } from '../helpers/backedTestServers';
import { startTestServer, type TestServer } from '../helpers/testServer';

describe('POST /v1/auth/alipay: mini-program auth code -> Alipay user -> session', () => {
  let gw: { emulator: AlipayGatewayEmulator; url: string; close(): Promise<void> };
  let server: TestServer;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ gw, server, close } = await startAlipayTestServer());
  });
  afterAll(() => close());


  it('logs the Alipay user in (created on first sight) and offers Alipay login to clients', async () => {
    expect((await server.call('GET', '/v1/auth/methods')).json['login']).toEqual(['alipay', 'dev']);
    const res = await server.call('POST', '/v1/auth/alipay', { body: { tenant: 'demo', authCode: gw.emulator.mintAuthCode('2088000011112222') } });
    expect(res.status).toBe(200);
    expect(res.json['principal']).toEqual({ tenant: 'demo', id: '2088000011112222', role: 'user', name: '支付宝用户' });
    const conversation = await server.call('POST', '/v1/conversations', { token: res.json['token'] as string, body: { channel: 'miniprogram' } });
    expect(conversation.status).toBe(201);
  });

  it('answers 401 ALIPAY_AUTH_FAILED for a used or unknown code, and 400 for a malformed body', async () => {
    const code = gw.emulator.mintAuthCode('2088000011113333');
    await server.call('POST', '/v1/auth/alipay', { body: { tenant: 'demo', authCode: code } });
    const replay = await server.call('POST', '/v1/auth/alipay', { body: { tenant: 'demo', authCode: code } });
    expect({ status: replay.status, code: replay.json['code'] }).toEqual({ status: 401, code: 'ALIPAY_AUTH_FAILED' });
    expect((await server.call('POST', '/v1/auth/alipay', { body: { tenant: 'demo' } })).status).toBe(400);
  });

  it('is unavailable (503 LOGIN_UNAVAILABLE) where Alipay is not configured', async () => {
    const plain = await startTestServer({ KEFU_OCR: 'off' });
    try {
      const res = await plain.call('POST', '/v1/auth/alipay', { body: { tenant: 'demo', authCode: 'x' } });
      expect({ status: res.status, code: res.json['code'] }).toEqual({ status: 503, code: 'LOGIN_UNAVAILABLE' });
    } finally {
      await plain.stop();
    }
  });
});
