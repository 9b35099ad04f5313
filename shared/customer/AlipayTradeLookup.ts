/**
 * Alipay's own record of a trade and its refunds (docs/architecture.md: a port to the outside), for
 * the self-service flows when the merchant's systems do not know a trade number the user gave:
 * `alipay.trade.query` and `alipay.trade.fastpay.refund.query`. The driver on alipay-sdk lives
 * with the other Alipay calls (shared/alipay/AlipaySdkTradeLookup.ts). No method throws: every
 * outcome, Alipay's refusals and a bad signature included, is a value the caller must handle.
 */
export type AlipayTradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_CLOSED' | 'TRADE_SUCCESS' | 'TRADE_FINISHED';

/** Which trade: Alipay's trade number, or the merchant's order number (out_trade_no). */
export type TradeRef = { readonly tradeNo: string } | { readonly outTradeNo: string };

export interface AlipayTrade {
  readonly tradeNo: string;
  readonly outTradeNo: string;
  readonly status: AlipayTradeStatus;
  readonly totalFen: number;
  /** When the buyer paid (ISO 8601, +08:00); none while unpaid or closed unpaid. */
  readonly paidAt?: string;
  /** Who paid, as this app knows the buyer: the 2088... user id, or the open_id of an openId-mode app. */
  readonly buyerUserId?: string;
  readonly buyerOpenId?: string;
  /** The order's title, when Alipay gives it. */
  readonly subject?: string;
}

export interface AlipayRefund {
  readonly tradeNo: string;
  readonly outRequestNo: string;
  readonly refundFen: number;
  /** Alipay's refund_status REFUND_SUCCESS: the money is back. */
  readonly succeeded: boolean;
  /** When the refund was paid back (ISO 8601, +08:00), when Alipay says. */
  readonly refundedAt?: string;
}

/**
 * Why a query gave no answer to use: Alipay's answer did not carry Alipay's signature
 * (`badSignature`), Alipay refused the request (`refused`: our signature, the app, a system
 * error; its code and sub-code kept), Alipay could not be reached (`unreachable`), or the answer
 * was not what the documentation says (`badAnswer`).
 */
export interface TradeLookupFailure {
  readonly kind: 'failed';
  readonly reason: 'badSignature' | 'refused' | 'unreachable' | 'badAnswer';
  readonly code?: string;
  readonly subCode?: string;
  /** For the log; may carry Alipay's text, never shown to a user. */
  readonly message: string;
}

/** Alipay has no such trade for this app (40004 ACQ.TRADE_NOT_EXIST). */
export interface TradeNotFound {
  readonly kind: 'notFound';
}

export type TradeQueryResult = { readonly kind: 'found'; readonly trade: AlipayTrade } | TradeNotFound | TradeLookupFailure;

/** `noRefund`: the trade exists, and Alipay has no refund of that request number (none was paid back). */
export type RefundQueryResult = { readonly kind: 'found'; readonly refund: AlipayRefund } | { readonly kind: 'noRefund' } | TradeNotFound | TradeLookupFailure;

export interface AlipayTradeLookup {
  queryTrade(ref: TradeRef): Promise<TradeQueryResult>;
  /** `outRequestNo`: the refund request's number; the trade's out_trade_no when the refund was asked without one. */
  queryRefund(ref: TradeRef, outRequestNo: string): Promise<RefundQueryResult>;
}

/** Alipay's trade numbers are 28 digits (the date first); anything else of 1-64 safe characters is the merchant's. */
export function tradeRefOf(number: string): TradeRef | undefined {
  const n = number.trim();
  if (/^\d{28}$/.test(n)) return { tradeNo: n };
  return /^[A-Za-z0-9_-]{1,64}$/.test(n) ? { outTradeNo: n } : undefined;
}
