import { createHash } from 'node:crypto';
import type { CustomerData, CustomerTransaction } from './CustomerData';
import { tradeRefOf, type AlipayTrade, type AlipayTradeLookup, type TradeLookupFailure } from './AlipayTradeLookup';
import { tradeLookupText, type TradeLookupLocale } from './tradeLookupText';
import { maskRef } from '../flows';

/** The flows a trade at Alipay can answer: whether a payment went through, and whether its refund did. */
export type TradeFlow = 'paymentFailed' | 'refundProgress';

/**
 * A trade number looked up at Alipay for a flow. `found`: the user's own trade as a transaction
 * (the flow shows its card, e.g. `transactionCard(flow, transaction)`, and keeps `steps`).
 * `handoff`: say `text` to the user and hand off with `steps` in the ticket's flow context;
 * `reason` is for counting, never for the user (a trade of someone else reads as not found).
 */
export type FlowTradeLookup =
  | { readonly kind: 'found'; readonly transaction: CustomerTransaction; readonly steps: readonly string[] }
  | { readonly kind: 'handoff'; readonly reason: 'notFound' | 'notYours' | 'noRefund' | 'unavailable'; readonly text: string; readonly steps: readonly string[] };

export interface TradeAwareCustomerData extends CustomerData {
  /**
   * The trade `tradeNo` (Alipay's 28-digit trade_no, or the merchant's out_trade_no) of the
   * conversation's own user, from Alipay: for a flow whose user gave a number the merchant's
   * record does not hold. Never rejects.
   */
  lookupTradeForFlow(tenant: string, userId: string, tradeNo: string, flow: TradeFlow): Promise<FlowTradeLookup>;
}

export interface WithAlipayTradesOptions {
  /** A lookup that failed (a bad signature, a refusal, no connection): for the log. */
  readonly onFailure?: (failure: TradeLookupFailure | { readonly reason: 'notConfigured' }, tenant: string) => void;
  readonly locale?: TradeLookupLocale;
  readonly clock?: () => Date;
}

/**
 * A transaction's id from Alipay's numbers, without them: the id reaches the chat with the card,
 * where a trade number is only ever shown masked.
 */
const idOf = (...parts: readonly string[]): string => `alipay-${createHash('sha256').update(parts.join(' ')).digest('hex').slice(0, 20)}`;

/** Only the signed-in user's own trade: Alipay's buyer must be them, by user_id or open_id. */
const paidBy = (trade: AlipayTrade, userId: string): boolean => trade.buyerUserId === userId || trade.buyerOpenId === userId;

/**
 * The customer-data port with Alipay's own trade queries beside it: `record` and `recentEvents`
 * are the merchant's as before; `lookupTradeForFlow` asks Alipay (alipay.trade.query, then for a
 * refund alipay.trade.fastpay.refund.query with the trade's out_trade_no as the request number,
 * which is Alipay's default when the refund was asked without one). `trades` undefined: no Alipay
 * app is configured, and every lookup hands off.
 */
export function withAlipayTrades(customers: CustomerData, trades: AlipayTradeLookup | undefined, o: WithAlipayTradesOptions = {}): TradeAwareCustomerData {
  const t = tradeLookupText[o.locale ?? 'zh-CN'];
  const now = o.clock ?? (() => new Date());
  const handoff = (reason: 'notFound' | 'notYours' | 'noRefund' | 'unavailable', text: string, steps: readonly string[]): FlowTradeLookup => ({ kind: 'handoff', reason, text, steps });
  const failedLookup = (failure: TradeLookupFailure | { readonly reason: 'notConfigured' }, tenant: string, steps: readonly string[]) => {
    o.onFailure?.(failure, tenant);
    return handoff('unavailable', t.unavailable, [...steps, t.stepFailed(t.failure[failure.reason])]);
  };

  return {
    record: (tenant, userId, since) => customers.record(tenant, userId, since),
    recentEvents: (tenant, userId, since) => customers.recentEvents(tenant, userId, since),
    async lookupTradeForFlow(tenant, userId, tradeNo, flow) {
      const masked = maskRef(tradeNo.trim()) ?? '';
      const asked = [t.stepAsked(masked)];
      const ref = tradeRefOf(tradeNo);
      // Not a number any trade could have: nothing to ask Alipay.
      if (!ref) return handoff('notFound', t.notFound(masked), [...asked, t.stepNotFound]);
      if (!trades) return failedLookup({ reason: 'notConfigured' }, tenant, asked);
      const found = await trades.queryTrade(ref);
      if (found.kind === 'failed') return failedLookup(found, tenant, asked);
      if (found.kind === 'notFound') return handoff('notFound', t.notFound(masked), [...asked, t.stepNotFound]);
      const trade = found.trade;
      if (!paidBy(trade, userId)) return handoff('notYours', t.notFound(masked), [...asked, t.stepNotYours]);
      const base = { deviceId: '', city: '', counterparty: trade.subject ?? t.noSubject, tradeNo: trade.tradeNo, ...(trade.outTradeNo ? { orderNo: trade.outTradeNo } : {}) };
      if (flow === 'paymentFailed') return { kind: 'found', transaction: { ...base, ...paymentOf(trade, t.closedUnpaid, now()) }, steps: [...asked, t.stepFound] };
      const refund = await trades.queryRefund({ tradeNo: trade.tradeNo }, trade.outTradeNo || trade.tradeNo);
      if (refund.kind === 'failed') return failedLookup(refund, tenant, asked);
      if (refund.kind !== 'found') return handoff('noRefund', t.noRefund(masked), [...asked, t.stepNoRefund]);
      const r = refund.refund;
      const transaction: CustomerTransaction = {
        ...base,
        id: idOf('refund', trade.tradeNo, r.outRequestNo),
        type: 'refund',
        at: r.refundedAt ?? trade.paidAt ?? now().toISOString(),
        amountFen: r.refundFen,
        status: r.succeeded ? 'success' : 'pending',
        refundStage: r.succeeded ? 'refunded' : 'processing',
      };
      return { kind: 'found', transaction, steps: [...asked, t.stepFound] };
    },
  };
}

/**
 * A trade as a payment: paid (TRADE_SUCCESS, TRADE_FINISHED, or TRADE_CLOSED after paying, which
 * is a full refund) is a success; WAIT_BUYER_PAY is pending; TRADE_CLOSED unpaid failed.
 */
function paymentOf(trade: AlipayTrade, closedUnpaid: string, now: Date): Pick<CustomerTransaction, 'id' | 'type' | 'at' | 'amountFen' | 'status' | 'failReason'> {
  const common = { id: idOf('payment', trade.tradeNo), type: 'payment' as const, at: trade.paidAt ?? now.toISOString(), amountFen: trade.totalFen };
  if (trade.status === 'WAIT_BUYER_PAY') return { ...common, status: 'pending' };
  if (trade.status === 'TRADE_CLOSED' && !trade.paidAt) return { ...common, status: 'failed', failReason: closedUnpaid };
  return { ...common, status: 'success' };
}
