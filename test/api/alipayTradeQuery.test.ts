import { createVerify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AlipaySdk } from 'alipay-sdk';
import { startAlipayGateway, type AlipayGatewayEmulator } from '../../mock/alipay-gateway/AlipayGatewayEmulator';
import { localAlipayKeys, type LocalAlipayKeys } from '../../mock/alipay-gateway/localAlipayKeys';
import { AlipaySdkTradeLookup } from '../../shared/alipay/AlipaySdkTradeLookup';
import { tradeRefOf, staticCustomerData, withAlipayTrades } from '../../shared/customer';
import { transactionCard } from '../../shared/flows';

/*
 * Alipay's two trade queries, through alipay-sdk against the gateway stand-in, with real RSA2 both
 * ways (the local key pairs of localAlipayKeys). What the stand-in answers follows:
 * - ../shared/platform-docs/alipay-open-docs/mini/server-api/服务端 API 概览.md (alipay.trade.query,
 *   统一收单线下交易查询, https://opendocs.alipay.com/mini/02d2xu; the refund query is not listed there);
 * - ../shared/platform-docs/alipay-open-docs/support/支付宝小程序/常见问题/小程序支付常见问题.md (the four
 *   trade_status values and what each means; query_options=fund_bill_list);
 * - ../shared/platform-docs/alipay-open-docs/support/支付宝小程序/常见问题/小程序支付报错：ALI38110.md
 *   (trade_status WAIT_BUYER_PAY of an unpaid trade);
 * - the method pages themselves, which the local docs do not hold: alipay.trade.query
 *   (https://docs.open.alipay.com/api_1/alipay.trade.query: out_trade_no / trade_no, trade_no wins;
 *   trade_no, out_trade_no, buyer_logon_id, trade_status, total_amount, send_pay_date,
 *   buyer_user_id; 40004 ACQ.TRADE_NOT_EXIST, ACQ.INVALID_PARAMETER) and
 *   alipay.trade.fastpay.refund.query (https://docs.open.alipay.com/api_1/alipay.trade.fastpay.refund.query:
 *   out_request_no required, refund_status REFUND_SUCCESS, refund_amount, gmt_refund_pay only when
 *   query_options asks for it; 10000 without refund data = no such refund).
 */

const OWN = '2088102150477652';
const OTHER = '2088102150470001';
const PAID = '20261127220014185200000001'.padEnd(28, '1');
const UNPAID = '20261127220014185200000002'.padEnd(28, '2');
const CLOSED = '20261127220014185200000003'.padEnd(28, '3');
const SOMEONE_ELSES = '20261127220014185200000004'.padEnd(28, '4');
const UNKNOWN = '20261127220014185299999999'.padEnd(28, '9');

describe('alipay.trade.query and alipay.trade.fastpay.refund.query (gateway stand-in, alipay-sdk, RSA2)', () => {
  let dir: string;
  let keys: LocalAlipayKeys;
  let gw: { emulator: AlipayGatewayEmulator; url: string; close(): Promise<void> };
  const lookup = (over: { privateKey?: string; gateway?: string } = {}) =>
    new AlipaySdkTradeLookup({ appId: keys.appId, privateKey: over.privateKey ?? keys.appPrivateKey, alipayPublicKey: keys.gatewayPublicKey, gateway: over.gateway ?? gw.url, timeoutMs: 2000 });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kefu-alipay-trades-'));
    keys = localAlipayKeys(dir);
    gw = await startAlipayGateway({ appId: keys.appId, appPublicKey: keys.appPublicKey, gatewayPrivateKey: keys.gatewayPrivateKey });
    const book = gw.emulator.trades;
    book.add({ tradeNo: PAID, outTradeNo: 'SO20261127001', buyerUserId: OWN, buyerLogonId: '159****5620', status: 'TRADE_SUCCESS', totalAmount: '350.00', sendPayDate: '2026-11-27 15:45:57', subject: '优品家居旗舰店' });
    book.add({ tradeNo: UNPAID, outTradeNo: 'SO20261127002', buyerUserId: OWN, buyerLogonId: '159****5620', status: 'WAIT_BUYER_PAY', totalAmount: '128.00' });
    book.add({ tradeNo: CLOSED, outTradeNo: 'SO20261127003', buyerUserId: OWN, buyerLogonId: '159****5620', status: 'TRADE_CLOSED', totalAmount: '9.90' });
    book.add({ tradeNo: SOMEONE_ELSES, outTradeNo: 'SO20261127004', buyerUserId: OTHER, buyerLogonId: '138****0001', status: 'TRADE_SUCCESS', totalAmount: '66.00', sendPayDate: '2026-11-28 09:00:00' });
    book.addRefund({ tradeNo: PAID, outRequestNo: 'SO20261127001', refundAmount: '350.00', done: true, gmtRefundPay: '2026-11-29 10:00:01' });
  });
  afterAll(async () => {
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The gateway's raw answer to a request the real SDK signed, and whether its signature verifies. */
  async function raw(method: string, bizContent: Record<string, unknown>) {
    const sdk = new AlipaySdk({ appId: keys.appId, privateKey: keys.appPrivateKey, alipayPublicKey: keys.gatewayPublicKey, gateway: gw.url, signType: 'RSA2', keyType: 'PKCS8' });
    const res = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: sdk.sdkExecute(method, { bizContent }) });
    const text = await res.text();
    const key = `${method.replaceAll('.', '_')}_response`;
    const inner = text.slice(text.indexOf(':') + 1, text.lastIndexOf(',"sign":'));
    const sign = (JSON.parse(text) as { sign: string }).sign;
    const signed = createVerify('RSA-SHA256').update(inner, 'utf8').verify(keys.gatewayPublicKey, sign, 'base64');
    return { body: (JSON.parse(text) as Record<string, Record<string, unknown>>)[key]!, signed };
  }

  describe('the stand-in answers with the documented fields and errors, signed', () => {
    it('alipay.trade.query of a paid trade: status, amounts in yuan, pay time, masked buyer account, buyer id', async () => {
      const { body, signed } = await raw('alipay.trade.query', { trade_no: PAID, query_options: ['fund_bill_list'] });
      expect(signed).toBe(true);
      expect(body).toMatchObject({ code: '10000', msg: 'Success', trade_no: PAID, out_trade_no: 'SO20261127001', trade_status: 'TRADE_SUCCESS', total_amount: '350.00', buyer_pay_amount: '350.00', send_pay_date: '2026-11-27 15:45:57', buyer_logon_id: '159****5620', buyer_user_id: OWN });
      expect(body['fund_bill_list']).toEqual([{ fund_channel: 'ALIPAYACCOUNT', amount: '350.00' }]);
    });

    it('finds a trade by the merchant order number too, and an unpaid one has no pay time', async () => {
      const { body } = await raw('alipay.trade.query', { out_trade_no: 'SO20261127002' });
      expect(body).toMatchObject({ code: '10000', trade_no: UNPAID, trade_status: 'WAIT_BUYER_PAY', buyer_pay_amount: '0.00' });
      expect(body).not.toHaveProperty('send_pay_date');
      expect(body).not.toHaveProperty('fund_bill_list');
    });

    it('an unknown trade is 40004 ACQ.TRADE_NOT_EXIST, signed like any answer; no trade number is ACQ.INVALID_PARAMETER', async () => {
      const unknown = await raw('alipay.trade.query', { trade_no: UNKNOWN });
      expect(unknown.signed).toBe(true);
      expect(unknown.body).toMatchObject({ code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '交易不存在' });
      expect((await raw('alipay.trade.query', {})).body).toMatchObject({ code: '40004', sub_code: 'ACQ.INVALID_PARAMETER' });
      expect((await raw('alipay.trade.fastpay.refund.query', { trade_no: UNKNOWN, out_request_no: 'R1' })).body).toMatchObject({ code: '40004', sub_code: 'ACQ.TRADE_NOT_EXIST' });
      expect((await raw('alipay.trade.fastpay.refund.query', { trade_no: PAID })).body).toMatchObject({ code: '40004', sub_code: 'ACQ.INVALID_PARAMETER' });
    });

    it('alipay.trade.fastpay.refund.query: REFUND_SUCCESS with the amount, gmt_refund_pay only when asked; an unknown request number is 10000 without refund data', async () => {
      const asked = await raw('alipay.trade.fastpay.refund.query', { trade_no: PAID, out_request_no: 'SO20261127001', query_options: ['gmt_refund_pay'] });
      expect(asked.signed).toBe(true);
      expect(asked.body).toMatchObject({ code: '10000', trade_no: PAID, out_request_no: 'SO20261127001', refund_amount: '350.00', total_amount: '350.00', refund_status: 'REFUND_SUCCESS', gmt_refund_pay: '2026-11-29 10:00:01' });
      expect((await raw('alipay.trade.fastpay.refund.query', { trade_no: PAID, out_request_no: 'SO20261127001' })).body).not.toHaveProperty('gmt_refund_pay');
      expect((await raw('alipay.trade.fastpay.refund.query', { trade_no: PAID, out_request_no: 'NO-SUCH-REFUND' })).body).toEqual({ code: '10000', msg: 'Success' });
    });

    it('checks the request signature: a trade number changed after signing is refused (isv.invalid-signature)', async () => {
      const sdk = new AlipaySdk({ appId: keys.appId, privateKey: keys.appPrivateKey, alipayPublicKey: keys.gatewayPublicKey, gateway: gw.url, signType: 'RSA2', keyType: 'PKCS8' });
      const signed = sdk.sdkExecute('alipay.trade.query', { bizContent: { trade_no: UNKNOWN } });
      const res = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: signed.replace(UNKNOWN, PAID) });
      expect(signed).toContain(UNKNOWN);
      expect(((await res.json()) as { alipay_trade_query_response: { sub_code: string } }).alipay_trade_query_response.sub_code).toBe('isv.invalid-signature');
    });
    it('takes trades and refunds over POST /dev/trades and /dev/refunds, and refuses one with a field off', async () => {
      const base = gw.url.replace('/gateway.do', '');
      const post = (p: string, body: unknown) => fetch(`${base}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const tradeNo = '2026120122001418520000000099';
      const trade = { tradeNo, outTradeNo: 'SO20261201099', buyerUserId: OWN, buyerLogonId: '159****5620', status: 'TRADE_SUCCESS', totalAmount: '12.30', sendPayDate: '2026-12-01 09:30:00' };
      expect((await post('/dev/trades', { ...trade, totalAmount: '12.3' })).status).toBe(400);
      expect((await post('/dev/trades', { ...trade, status: 'PAID' })).status).toBe(400);
      expect((await post('/dev/trades', trade)).status).toBe(200);
      expect((await post('/dev/refunds', { tradeNo, outRequestNo: 'SO20261201099', refundAmount: '12.30' })).status).toBe(400);
      expect((await post('/dev/refunds', { tradeNo, outRequestNo: 'SO20261201099', refundAmount: '12.30', done: false })).status).toBe(200);
      expect((await raw('alipay.trade.query', { out_trade_no: 'SO20261201099' })).body).toMatchObject({ trade_no: tradeNo, total_amount: '12.30', send_pay_date: '2026-12-01 09:30:00' });
      const refund = (await raw('alipay.trade.fastpay.refund.query', { trade_no: tradeNo, out_request_no: 'SO20261201099' })).body;
      expect(refund).toMatchObject({ code: '10000', refund_amount: '12.30' });
      // Not paid back yet: no REFUND_SUCCESS.
      expect(refund).not.toHaveProperty('refund_status');
    });
  });

  describe('the port on alipay-sdk (AlipaySdkTradeLookup): every outcome is a typed value', () => {
    it('a paid trade, in fen and ISO time with +08:00', async () => {
      await expect(lookup().queryTrade({ tradeNo: PAID })).resolves.toEqual({
        kind: 'found',
        trade: { tradeNo: PAID, outTradeNo: 'SO20261127001', status: 'TRADE_SUCCESS', totalFen: 35_000, paidAt: '2026-11-27T15:45:57+08:00', buyerUserId: OWN, subject: '优品家居旗舰店' },
      });
    });

    it("an unknown trade is 'notFound', not an error", async () => {
      await expect(lookup().queryTrade({ tradeNo: UNKNOWN })).resolves.toEqual({ kind: 'notFound' });
      await expect(lookup().queryRefund({ tradeNo: UNKNOWN }, 'R1')).resolves.toEqual({ kind: 'notFound' });
    });

    it("an answer whose signature does not verify is a typed 'badSignature' failure, never a raw SDK error", async () => {
      gw.emulator.badSignatures = 1;
      const r = await lookup().queryTrade({ tradeNo: PAID });
      expect(r).toMatchObject({ kind: 'failed', reason: 'badSignature' });
      // The next answer is signed right again: nothing sticks.
      await expect(lookup().queryTrade({ tradeNo: PAID })).resolves.toMatchObject({ kind: 'found' });
    });

    it("a request Alipay refuses (signed with another key) is 'refused' with its code and sub-code; no gateway is 'unreachable'", async () => {
      const other = localAlipayKeys(mkdtempSync(path.join(dir, 'other-')));
      await expect(lookup({ privateKey: other.appPrivateKey }).queryTrade({ tradeNo: PAID })).resolves.toMatchObject({ kind: 'failed', reason: 'refused', code: '40002', subCode: 'isv.invalid-signature' });
      const closed = await startAlipayGateway({ appId: keys.appId, appPublicKey: keys.appPublicKey, gatewayPrivateKey: keys.gatewayPrivateKey });
      await closed.close();
      await expect(lookup({ gateway: closed.url }).queryTrade({ tradeNo: PAID })).resolves.toMatchObject({ kind: 'failed', reason: 'unreachable' });
    });

    it('a refund: done with its time, or none for a request number Alipay does not know', async () => {
      await expect(lookup().queryRefund({ tradeNo: PAID }, 'SO20261127001')).resolves.toEqual({ kind: 'found', refund: { tradeNo: PAID, outRequestNo: 'SO20261127001', refundFen: 35_000, succeeded: true, refundedAt: '2026-11-29T10:00:01+08:00' } });
      await expect(lookup().queryRefund({ tradeNo: PAID }, 'NO-SUCH-REFUND')).resolves.toEqual({ kind: 'noRefund' });
    });

    it('tells trade numbers from order numbers, and refuses what neither can be', () => {
      expect(tradeRefOf(` ${PAID} `)).toEqual({ tradeNo: PAID });
      expect(tradeRefOf('SO20261127001')).toEqual({ outTradeNo: 'SO20261127001' });
      expect(tradeRefOf('单号 123')).toBeUndefined();
    });
  });

  describe('lookupTradeForFlow (withAlipayTrades): what a flow shows, or a clear message and a handoff', () => {
    const merchant = staticCustomerData(() => [], () => new Date(), () => ({ transactions: [], devices: [], logins: [] }));
    const failures: string[] = [];
    const customers = () => withAlipayTrades(merchant, lookup(), { onFailure: (f, tenant) => failures.push(`${tenant} ${f.reason}`) });

    it('the user\'s own paid trade, as the refund flow\'s refunded transaction with its card', async () => {
      const r = await customers().lookupTradeForFlow('demo', OWN, PAID, 'refundProgress');
      expect(r).toMatchObject({ kind: 'found', transaction: { type: 'refund', status: 'success', refundStage: 'refunded', amountFen: 35_000, at: '2026-11-29T10:00:01+08:00', counterparty: '优品家居旗舰店', tradeNo: PAID } });
      if (r.kind !== 'found') throw new Error('not found');
      const card = transactionCard('refundProgress', r.transaction);
      expect(card.facts).toEqual(expect.arrayContaining([{ label: '金额', value: '350.00 元' }, { label: '状态', value: '已退回' }]));
      expect(JSON.stringify(card)).not.toContain(PAID);
    });

    it('an unpaid trade closed by Alipay is a failed payment with the reason; a pending one is pending', async () => {
      await expect(customers().lookupTradeForFlow('demo', OWN, CLOSED, 'paymentFailed')).resolves.toMatchObject({ kind: 'found', transaction: { type: 'payment', status: 'failed', failReason: '交易超时未支付,已关闭', amountFen: 990 } });
      await expect(customers().lookupTradeForFlow('demo', OWN, 'SO20261127002', 'paymentFailed')).resolves.toMatchObject({ kind: 'found', transaction: { status: 'pending', amountFen: 12_800, tradeNo: UNPAID, orderNo: 'SO20261127002' } });
    });

    it('an unknown trade number: Alipay says ACQ.TRADE_NOT_EXIST, the user gets a clear message with the number masked, and a handoff', async () => {
      const r = await customers().lookupTradeForFlow('demo', OWN, UNKNOWN, 'paymentFailed');
      expect(r).toEqual({ kind: 'handoff', reason: 'notFound', text: `没有查到交易号 2026****9999 对应的交易,请核对交易号。已为您转接人工客服继续核实,请稍候。`, steps: ['向支付宝查询交易 2026****9999', '支付宝:交易不存在(ACQ.TRADE_NOT_EXIST)'] });
      expect(gw.emulator.log).toContain('alipay.trade.query ACQ.TRADE_NOT_EXIST');
    });

    it("someone else's trade reads to the user exactly like an unknown one; the agent is told", async () => {
      const theirs = await customers().lookupTradeForFlow('demo', OWN, SOMEONE_ELSES, 'refundProgress');
      const unknown = await customers().lookupTradeForFlow('demo', OWN, UNKNOWN.slice(0, 24) + SOMEONE_ELSES.slice(-4), 'refundProgress');
      expect(theirs).toMatchObject({ kind: 'handoff', reason: 'notYours' });
      expect(theirs.kind === 'handoff' && theirs.text).toBe(unknown.kind === 'handoff' && unknown.text);
      expect(theirs.steps.join(' ')).toContain('付款人不是当前用户');
    });

    it('a trade without a refund hands off for the refund flow', async () => {
      await expect(customers().lookupTradeForFlow('demo', OWN, UNPAID, 'refundProgress')).resolves.toMatchObject({ kind: 'handoff', reason: 'noRefund', text: expect.stringContaining('还没有退款记录') as unknown });
    });

    it('a bad signature from the gateway: a handoff with a message that blames no one, and the failure logged', async () => {
      failures.length = 0;
      gw.emulator.badSignatures = 1;
      const r = await customers().lookupTradeForFlow('demo', OWN, PAID, 'paymentFailed');
      expect(r).toEqual({ kind: 'handoff', reason: 'unavailable', text: '暂时无法向支付宝查询这笔交易,已为您转接人工客服,请稍候。', steps: ['向支付宝查询交易 2026****0111', '查询失败:支付宝应答验签失败'] });
      expect(failures).toEqual(['demo badSignature']);
    });

    it('an openId-mode app knows its buyers by open_id: the trade is the user\'s only under the id they logged in with', async () => {
      const openGw = await startAlipayGateway({ appId: keys.appId, appPublicKey: keys.appPublicKey, gatewayPrivateKey: keys.gatewayPrivateKey, openIdMode: true });
      try {
        openGw.emulator.trades.add({ tradeNo: CLOSED, outTradeNo: 'SO20261127003', buyerUserId: OWN, buyerLogonId: '159****5620', status: 'TRADE_CLOSED', totalAmount: '9.90' });
        const viaOpenId = withAlipayTrades(merchant, lookup({ gateway: openGw.url }));
        const openId = openGw.emulator.openIdOf(OWN);
        await expect(viaOpenId.lookupTradeForFlow('demo', openId, CLOSED, 'paymentFailed')).resolves.toMatchObject({ kind: 'found', transaction: { status: 'failed' } });
        await expect(viaOpenId.lookupTradeForFlow('demo', OWN, CLOSED, 'paymentFailed')).resolves.toMatchObject({ kind: 'handoff', reason: 'notYours' });
      } finally {
        await openGw.close();
      }
    });

    it('without an Alipay app every lookup hands off; record() is the merchant driver\'s own answer', async () => {
      const none = withAlipayTrades(merchant, undefined, { onFailure: (f) => failures.push(f.reason) });
      await expect(none.lookupTradeForFlow('demo', OWN, PAID, 'paymentFailed')).resolves.toMatchObject({ kind: 'handoff', reason: 'unavailable' });
      expect(failures).toContain('notConfigured');
      const since = new Date(Date.now() - 86_400_000);
      await expect(none.record('demo', OWN, since)).resolves.toEqual(await merchant.record('demo', OWN, since));
    });
  });
});
