import type { AlipayGatewayEmulator } from '../../mock/alipay-gateway/AlipayGatewayEmulator';
import { startAlipayTestServer } from '../helpers/backedTestServers';
import { staffLogin, type TestServer } from '../helpers/testServer';

/*
 * A trade number the merchant's record does not hold, looked up by the self-service flow at
 * Alipay (alipay.trade.query through alipay-sdk, real RSA2 against the gateway stand-in; the
 * documented fields and 40004 ACQ.TRADE_NOT_EXIST as cited in test/api/alipayTradeQuery.test.ts):
 * https://docs.open.alipay.com/api_1/alipay.trade.query and
 * ../shared/platform-docs/alipay-open-docs/mini/server-api/服务端 API 概览.md.
 */
const USER = '2088000011115555';
const UNPAID = '2026112722001418520000000012';
const UNKNOWN = '2026112722001418529999999999';

type Event = { type: string; message?: { sender: { role: string }; body: { type: string; text?: string; flow?: string; explanation?: string; transaction?: { ref?: string } } } };

describe('self-service flow + Alipay trade query (issue 22 item 3)', () => {
  let gw: { emulator: AlipayGatewayEmulator; url: string; close(): Promise<void> };
  let server: TestServer;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ gw, server, close } = await startAlipayTestServer());
    gw.emulator.trades.add({ tradeNo: UNPAID, outTradeNo: 'SO20261201012', buyerUserId: USER, buyerLogonId: '159****5620', status: 'WAIT_BUYER_PAY', totalAmount: '88.00', subject: '鲜花店' });
  });
  afterAll(() => close());

  let sent = 0;
  async function chat() {
    const login = await server.call('POST', '/v1/auth/alipay', { body: { tenant: 'demo', authCode: gw.emulator.mintAuthCode(USER) } });
    const token = login.json['token'] as string;
    const id = (await server.call('POST', '/v1/conversations', { token, body: { channel: 'miniprogram' } })).json['id'] as string;
    return {
      id,
      say: async (text: string) => {
        expect((await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: `m${++sent}`, text } })).status).toBe(201);
        return (await server.call('GET', `/v1/conversations/${id}/events?after=0&timeout=0`, { token })).json['events'] as Event[];
      },
    };
  }

  it("answers with the user's own trade found at Alipay, its number masked", async () => {
    const events = await (await chat()).say(`订单号${UNPAID}付款失败了`);
    const card = events.find((e) => e.message?.body.type === 'statusCard')?.message?.body;
    expect(card).toMatchObject({ flow: 'paymentFailed' });
    expect(card?.transaction?.ref).toBe('2026****0012');
    // Pending at Alipay: said as such, not as a failure.
    expect(card?.explanation).toContain('等待付款');
    // The user typed the number; nothing the bot sends repeats it.
    expect(JSON.stringify(events.filter((e) => e.message?.sender.role === 'bot'))).not.toContain(UNPAID.slice(4, 24));
  });

  it('tells the user clearly and hands off when Alipay answers ACQ.TRADE_NOT_EXIST', async () => {
    const c = await chat();
    const events = await c.say(`订单号${UNKNOWN}支付失败是怎么回事`);
    const said = events.filter((e) => e.message?.sender.role === 'bot').map((e) => e.message!.body.text ?? '');
    expect(said.join(' ')).toContain('没有查到交易号 2026****9999');
    expect(events.some((e) => e.type === 'queued')).toBe(true);
    const supervisor = await staffLogin(server, 'chenzhuguan');
    const seen = await server.call('GET', `/v1/conversations/${c.id}`, { token: supervisor });
    expect(seen.json['handoff']).toMatchObject({ reason: 'flowUnsettled', flow: { flow: 'paymentFailed' } });
    expect((seen.json['handoff'] as { flow: { steps: string[] } }).flow.steps.join(' ')).toContain('ACQ.TRADE_NOT_EXIST');
  });
});
