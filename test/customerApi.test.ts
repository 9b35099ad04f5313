import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { startTestServer, staffLogin, type TestServer } from './helpers/testServer';

const secret = 'merchant-shared-secret-made-for-this-test-run';

/** A merchant's customer-data API: checks Kefu's signature, answers a record, or stalls. */
function merchantApi(state: { stall: boolean; seen: string[] }) {
  const app = new Hono();
  app.get('/kefu/customers/:userId', async (c) => {
    const url = new URL(c.req.url);
    const expected = createHmac('sha256', secret).update(`GET\n${url.pathname}${url.search}\n${c.req.header('x-kefu-timestamp')}`).digest('hex');
    if (c.req.header('x-kefu-signature') !== expected) return c.json({ error: 'bad signature' }, 401);
    state.seen.push(`${c.req.header('x-kefu-tenant')} ${c.req.param('userId')}`);
    if (state.stall) {
      // Stalls past Kefu's 3 s timeout; ends when Kefu hangs up.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5000);
        c.req.raw.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return c.json({
      profile: { userId: c.req.param('userId'), name: '商户系统里的用户', vipTier: 2, phone: '13912345678', city: '苏州', registeredAt: '2020-01-01T00:00:00+08:00' },
      transactions: [{ id: 't1', at: new Date().toISOString(), amountFen: 1000, deviceId: 'd1', city: '苏州', type: 'payment', counterparty: '门店', status: 'success' }],
      devices: [{ id: 'd1', model: 'iPhone 15', trusted: true, lastSeenAt: new Date().toISOString(), fingerprint: { model: 'iPhone 15' } }],
      logins: [{ at: new Date().toISOString(), province: '江苏', city: '苏州', deviceId: 'd1' }],
    });
  });
  return app;
}

describe("a merchant's customer-data API over signed HTTP", () => {
  let server: TestServer;
  let merchant: ServerType;
  let merchantUrl: string;
  const state = { stall: false, seen: [] as string[] };

  beforeAll(async () => {
    // The merchant stand-in listens on 127.0.0.1 over http: allowed only through the explicit switch.
    server = await startTestServer({ KEFU_OCR: 'off', KEFU_MERCHANT_URL_ALLOW_LOCAL: 'true' });
    merchant = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: merchantApi(state).fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}/kefu`;
  });
  afterAll(async () => {
    await new Promise((r) => merchant.close(r));
    await server.stop();
  });

  it('reads the record from the merchant once configured, signed; the secret is never echoed', async () => {
    const admin = await staffLogin(server, 'admin');
    const put = await server.call('PUT', '/v1/merchant/customer-api', { token: admin, body: { url: merchantUrl, secret } });
    expect(put.json).toEqual({ url: merchantUrl });
    const supervisor = await staffLogin(server, 'chenzhuguan');
    expect((await server.call('PUT', '/v1/merchant/customer-api', { token: supervisor, body: { url: merchantUrl, secret } })).status).toBe(403);
    const agent = await staffLogin(server, 'xiaowang');
    const res = await server.call('GET', '/v1/agent/customers/u020', { token: agent });
    expect(res.json).toMatchObject({ available: true, profile: { name: '商户系统里的用户', city: '苏州' }, loginsByProvince: { 江苏: 1 } });
    // The merchant's full number is masked before it reaches the agent.
    expect(JSON.stringify(res.json['profile'])).not.toContain('13912345678');
    expect(state.seen).toEqual(['demo u020']);
  });

  it('says 暂无数据 (available: false) when the merchant is too slow or refuses, within the timeout', async () => {
    const agent = await staffLogin(server, 'xiaowang');
    state.stall = true;
    const started = Date.now();
    const slow = await server.call('GET', '/v1/agent/customers/u020', { token: agent });
    expect(slow.json).toEqual({ available: false });
    expect(Date.now() - started).toBeLessThan(4500);
    state.stall = false;
    const admin = await staffLogin(server, 'admin');
    await server.call('PUT', '/v1/merchant/customer-api', { token: admin, body: { url: merchantUrl, secret: 'a-different-secret-the-merchant-does-not-know' } });
    expect((await server.call('GET', '/v1/agent/customers/u020', { token: agent })).json).toEqual({ available: false });
  });
});
