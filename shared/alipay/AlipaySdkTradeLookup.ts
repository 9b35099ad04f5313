import { AlipaySdk } from 'alipay-sdk';
import type { AlipayTrade, AlipayTradeLookup, AlipayTradeStatus, RefundQueryResult, TradeLookupFailure, TradeQueryResult, TradeRef } from '../customer';
import type { AlipaySdkOptions } from './AlipaySdkOpenApi';

/** An answer as alipay-sdk gives it: snake_case turned camelCase (trade_status -> tradeStatus). */
type Answer = Record<string, unknown>;

const STATUSES: readonly AlipayTradeStatus[] = ['WAIT_BUYER_PAY', 'TRADE_CLOSED', 'TRADE_SUCCESS', 'TRADE_FINISHED'];

/** Alipay's amounts are yuan as text with at most two decimals ("128.00"); anything else is not an amount. */
function fenOf(v: unknown): number | undefined {
  const s = typeof v === 'number' ? v.toFixed(2) : v;
  if (typeof s !== 'string' || !/^\d{1,10}(\.\d{1,2})?$/.test(s)) return undefined;
  const [whole, decimals = ''] = s.split('.');
  return Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
}

/** "yyyy-MM-dd HH:mm:ss", China time, as Alipay writes times -> ISO 8601 with +08:00. */
function isoOf(v: unknown): string | undefined {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v) ? `${v.replace(' ', 'T')}+08:00` : undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

const failed = (reason: TradeLookupFailure['reason'], message: string, code?: string, subCode?: string): TradeLookupFailure => ({
  kind: 'failed',
  reason,
  message,
  ...(code !== undefined ? { code } : {}),
  ...(subCode !== undefined ? { subCode } : {}),
});

/**
 * What went wrong before Alipay's answer could be read. alipay-sdk throws AlipayRequestError: an
 * answer whose signature does not verify ("验签失败", code response-signature-verify-error), the
 * connection ("HttpClient Request error"), an HTTP status, a body that is not the method's JSON.
 */
function failureOf(err: unknown): TradeLookupFailure {
  const e = err as { message?: unknown; code?: unknown; name?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (e?.code === 'response-signature-verify-error' || message.includes('验签失败')) return failed('badSignature', message);
  if (message.startsWith('HttpClient Request error') || message.startsWith('HTTP 请求错误')) return failed('unreachable', message);
  return failed('badAnswer', message);
}

/** Alipay's refusals: 40004 ACQ.TRADE_NOT_EXIST is an answer (no such trade), any other non-10000 a failure. */
function refusal(r: Answer): TradeLookupFailure | { kind: 'notFound' } | undefined {
  if (r['code'] === '10000') return undefined;
  const code = text(r['code']) ?? '';
  const subCode = text(r['subCode']) ?? '';
  if (code === '40004' && subCode === 'ACQ.TRADE_NOT_EXIST') return { kind: 'notFound' };
  return failed('refused', text(r['subMsg']) ?? text(r['msg']) ?? 'Alipay refused the query', code, subCode);
}

const biz = (ref: TradeRef) => ('tradeNo' in ref ? { tradeNo: ref.tradeNo } : { outTradeNo: ref.outTradeNo });

/**
 * The trade queries on the official alipay-sdk (v4): requests signed RSA2 with the app's key,
 * answers verified with Alipay's (`validateSign`), refusals and SDK errors turned into values.
 */
export class AlipaySdkTradeLookup implements AlipayTradeLookup {
  private readonly sdk: AlipaySdk;

  constructor(o: AlipaySdkOptions) {
    this.sdk = new AlipaySdk({ appId: o.appId, privateKey: o.privateKey, alipayPublicKey: o.alipayPublicKey, gateway: o.gateway, signType: 'RSA2', keyType: 'PKCS8', timeout: o.timeoutMs ?? 5000 });
  }

  /** Alipay's verified answer, or why there is none to read. */
  private async exec(method: string, bizContent: Answer): Promise<{ readonly answer: Answer } | { readonly failure: TradeLookupFailure }> {
    try {
      const r = (await this.sdk.exec(method, { bizContent }, { validateSign: true })) as unknown;
      return r && typeof r === 'object' ? { answer: r as Answer } : { failure: failed('badAnswer', `${method}: the answer is not an object`) };
    } catch (err) {
      return { failure: failureOf(err) };
    }
  }

  async queryTrade(ref: TradeRef): Promise<TradeQueryResult> {
    const got = await this.exec('alipay.trade.query', biz(ref));
    if ('failure' in got) return got.failure;
    const r = got.answer;
    const refused = refusal(r);
    if (refused) return refused;
    const status = STATUSES.find((s) => s === r['tradeStatus']);
    const totalFen = fenOf(r['totalAmount']);
    const tradeNo = text(r['tradeNo']);
    if (!status || totalFen === undefined || !tradeNo) return failed('badAnswer', 'alipay.trade.query: no trade_no, a trade_status or total_amount outside the documented ones');
    const paidAt = isoOf(r['sendPayDate']);
    const buyerUserId = text(r['buyerUserId']);
    const buyerOpenId = text(r['buyerOpenId']);
    const subject = text(r['subject']);
    const trade: AlipayTrade = {
      tradeNo,
      outTradeNo: text(r['outTradeNo']) ?? '',
      status,
      totalFen,
      ...(paidAt ? { paidAt } : {}),
      ...(buyerUserId ? { buyerUserId } : {}),
      ...(buyerOpenId ? { buyerOpenId } : {}),
      ...(subject ? { subject } : {}),
    };
    return { kind: 'found', trade };
  }

  async queryRefund(ref: TradeRef, outRequestNo: string): Promise<RefundQueryResult> {
    const got = await this.exec('alipay.trade.fastpay.refund.query', { ...biz(ref), outRequestNo, queryOptions: ['gmt_refund_pay'] });
    if ('failure' in got) return got.failure;
    const r = got.answer;
    const refused = refusal(r);
    if (refused) return refused;
    // 10000 only says the query ran; without refund fields Alipay has no such refund.
    if (r['refundAmount'] === undefined && r['refundStatus'] === undefined) return { kind: 'noRefund' };
    const refundFen = fenOf(r['refundAmount']);
    if (refundFen === undefined) return failed('badAnswer', 'alipay.trade.fastpay.refund.query: refund_amount is not an amount');
    const refundedAt = isoOf(r['gmtRefundPay']);
    return {
      kind: 'found',
      refund: { tradeNo: text(r['tradeNo']) ?? ('tradeNo' in ref ? ref.tradeNo : ''), outRequestNo: text(r['outRequestNo']) ?? outRequestNo, refundFen, succeeded: r['refundStatus'] === 'REFUND_SUCCESS', ...(refundedAt ? { refundedAt } : {}) },
    };
  }
}
