import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';
import { HttpCustomerData, staticCustomerData } from '../../shared/customer';
import { GuardedFetcher } from '../../shared/net';

const secret = 'merchant-shared-secret-made-for-this-test-run';

/** A merchant's customer-data API: checks Kefu's signature, answers a record, or stalls. */
interface MerchantState {
  stall: boolean;
  seen: string[];
  /** What the merchant answers as the user's transactions, when a test sets it. */
  transactions?: unknown;
  /** What the merchant answers as the user's recent events. */
  events?: unknown;
}

/** The transaction every answer carries unless a test says otherwise. */
const storeTransaction = () => ({ id: 't1', at: new Date().toISOString(), amountFen: 1000, deviceId: 'd1', city: '苏州', type: 'payment', counterparty: '门店', status: 'success' });

function merchantApi(state: MerchantState) {
  const app = new Hono();
  app.get('/kefu/customers/:userId/events', (c) => c.json({ events: state.events ?? [] }));
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
      transactions: state.transactions ?? [storeTransaction()],
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
  const state: MerchantState = { stall: false, seen: [] };

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
  /** A refund the merchant knows with every field the flows read, and a few a merchant could get wrong. */
  const refundOnItsWay = () => ({
    ...storeTransaction(),
    id: 'r1',
    amountFen: 35_000,
    type: 'refund',
    status: 'pending',
    counterparty: '家居旗舰店',
    tradeNo: '2026112722001418520000000001',
    orderNo: 'SO20261127001',
    refundStage: 'processing',
    expectedBy: new Date(Date.now() + 86_400_000).toISOString(),
  });

  it('carries the flow fields of the transactions; a bad field is dropped, a bad transaction left out, the rest kept', async () => {
    const admin = await staffLogin(server, 'admin');
    await server.call('PUT', '/v1/merchant/customer-api', { token: admin, body: { url: merchantUrl, secret } });
    state.transactions = [
      refundOnItsWay(),
      // A stage Kefu does not know, and a tracking line that is a number: the transaction stays, the fields go.
      { ...storeTransaction(), id: 'o1', type: 'order', orderNo: 'SO20261127002', orderStage: 'lost', tracking: 42 },
      // Yuan instead of fen, and an unknown type: these cannot be shown right, so they are left out.
      { ...storeTransaction(), id: 'bad-amount', amountFen: 12.5 },
      { ...storeTransaction(), id: 'bad-type', type: 'gift' },
      'not a transaction',
    ];
    try {
      const agent = await staffLogin(server, 'xiaowang');
      const res = await server.call('GET', '/v1/agent/customers/u020', { token: agent });
      const transactions = res.json['transactions'] as Record<string, unknown>[];
      expect(transactions.map((t) => t['id'])).toEqual(['r1', 'o1']);
      expect(transactions[0]).toMatchObject({ tradeNo: '2026112722001418520000000001', orderNo: 'SO20261127001', refundStage: 'processing', status: 'pending', amountFen: 35_000 });
      expect(transactions[1]).toMatchObject({ type: 'order', orderNo: 'SO20261127002' });
      expect(transactions[1]).not.toHaveProperty('orderStage');
      expect(transactions[1]).not.toHaveProperty('tracking');

      // The user's own refund, from the merchant's systems, answered by the refund flow.
      const token = await userLogin(server, 'u020');
      const id = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
      expect((await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: 'c1', text: '我的退款什么时候到账' } })).status).toBe(201);
      const events = (await server.call('GET', `/v1/conversations/${id}/events?after=0&timeout=0`, { token })).json['events'] as { message?: { sender: { role: string }; body: Record<string, unknown> } }[];
      const card = events.map((e) => e.message).find((m) => m?.sender.role === 'bot')?.body;
      expect(card).toMatchObject({ type: 'statusCard', flow: 'refundProgress', transaction: { id: 'r1', amountFen: 35_000, ref: '2026****0001' } });
    } finally {
      delete state.transactions;
    }
  });

  it("tells the log what it left out of the merchant's answer and why, by field and position, without the values", async () => {
    const heard: { tenant: string; dropped: readonly string[] }[] = [];
    const customers = new HttpCustomerData({
      endpointFor: () => Promise.resolve({ url: merchantUrl, secret }),
      fallback: staticCustomerData(() => []),
      fetcher: new GuardedFetcher({ allowLocal: true }),
      onDropped: (tenant, dropped) => heard.push({ tenant, dropped }),
    });
    const since = new Date(Date.now() - 30 * 86_400_000);
    state.transactions = [refundOnItsWay(), { ...refundOnItsWay(), id: 'r2', refundStage: 'sent', expectedBy: 'tomorrow' }, { ...storeTransaction(), id: 'r3', at: undefined }];
    try {
      const record = await customers.record('demo', 'u021', since);
      expect(record.transactions.map((t) => [t.id, t.refundStage, t.expectedBy === undefined])).toEqual([
        ['r1', 'processing', false],
        ['r2', undefined, true],
      ]);
      expect(heard).toEqual([
        {
          tenant: 'demo',
          dropped: [
            'transactions[1].refundStage dropped: not one of applied, approved, processing, refunded',
            'transactions[1].expectedBy dropped: not an ISO 8601 time',
            'transactions[2]: at missing, left out',
          ],
        },
      ]);
      expect(JSON.stringify(heard)).not.toContain('tomorrow');
      // A list that is not a list: no transactions, said so, and no crash.
      state.transactions = { r1: refundOnItsWay() };
      await expect(customers.record('demo', 'u021', since)).resolves.toMatchObject({ transactions: [], devices: [expect.objectContaining({ id: 'd1' })] });
      expect(heard[1]).toEqual({ tenant: 'demo', dropped: ['transactions: not a list, none read'] });

      // Events too: one that 猜你想问 could not read is left out, the others kept.
      const at = new Date().toISOString();
      state.events = [{ type: 'refundPending', at, amountFen: 35_000 }, null, { type: 'lottery', at }, { type: 'paymentFailed', at: 'yesterday' }, { type: 'paymentFailed', at, amountFen: '128' }];
      await expect(customers.recentEvents('demo', 'u021', since)).resolves.toEqual([{ type: 'refundPending', at, amountFen: 35_000 }, { type: 'paymentFailed', at }]);
      expect(heard[2]).toEqual({ tenant: 'demo', dropped: ['events: 3 left out (not an object with a known type and an ISO 8601 time)'] });
    } finally {
      delete state.transactions;
      delete state.events;
    }
  });
});
