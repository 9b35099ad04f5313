/**
 * The trades and refunds Alipay holds for the app, for the gateway stand-in's two queries, with the
 * fields and errors of their documented answers:
 * - `alipay.trade.query` (统一收单线下交易查询, https://opendocs.alipay.com/mini/02d2xu, listed in
 *   ../shared/platform-docs/alipay-open-docs/mini/server-api/服务端 API 概览.md): `trade_no` or
 *   `out_trade_no` (trade_no wins when both are given), `query_options`; the answer's
 *   `trade_status` is one of the four of
 *   ../shared/platform-docs/alipay-open-docs/support/支付宝小程序/常见问题/小程序支付常见问题.md
 *   (WAIT_BUYER_PAY, TRADE_CLOSED, TRADE_SUCCESS, TRADE_FINISHED), amounts are yuan as text
 *   ("128.00"), times "yyyy-MM-dd HH:mm:ss" in China time; an unknown trade is 40004
 *   `ACQ.TRADE_NOT_EXIST` with the zero amounts Alipay sends with it.
 * - `alipay.trade.fastpay.refund.query` (统一收单交易退款查询, https://docs.open.alipay.com/api_1/alipay.trade.fastpay.refund.query,
 *   not in the local docs): `out_request_no` (required; the trade's out_trade_no when the refund
 *   was asked without one) and `trade_no` or `out_trade_no`. 10000 only says the query ran: a
 *   refund is done when `refund_status` is REFUND_SUCCESS; a refund Alipay has no record of comes
 *   back as 10000 without refund fields; `gmt_refund_pay` only when `query_options` asks for it.
 */
export type GatewayTradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_CLOSED' | 'TRADE_SUCCESS' | 'TRADE_FINISHED';

export interface GatewayTrade {
  /** Alipay's 28-digit trade number. */
  readonly tradeNo: string;
  /** The merchant's order number. */
  readonly outTradeNo: string;
  /** The buyer's 2088... user id (an openId-mode app is answered its open_id instead). */
  readonly buyerUserId: string;
  /** The buyer's account as Alipay shows it to the merchant: masked (159****5620). */
  readonly buyerLogonId: string;
  readonly status: GatewayTradeStatus;
  /** Yuan with two decimals, as Alipay writes amounts: "128.00". */
  readonly totalAmount: string;
  /** When the buyer paid ("yyyy-MM-dd HH:mm:ss", China time); none while unpaid. */
  readonly sendPayDate?: string;
  readonly subject?: string;
}

export interface GatewayRefund {
  readonly tradeNo: string;
  /** The refund request's number; the trade's out_trade_no when the merchant gave none. */
  readonly outRequestNo: string;
  readonly refundAmount: string;
  /** False while Alipay is still paying it back. */
  readonly done: boolean;
  readonly gmtRefundPay?: string;
}

export type Answer = Record<string, unknown>;

const AMOUNT = /^\d{1,10}\.\d{2}$/;
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const NUMBER = /^[A-Za-z0-9_-]{1,64}$/;
const STATUSES: readonly GatewayTradeStatus[] = ['WAIT_BUYER_PAY', 'TRADE_CLOSED', 'TRADE_SUCCESS', 'TRADE_FINISHED'];

const str = (v: unknown, re: RegExp): v is string => typeof v === 'string' && re.test(v);

/** A trade as POST /dev/trades takes it (the GatewayTrade fields), or undefined when a field is off. */
export function readGatewayTrade(body: Answer): GatewayTrade | undefined {
  const { tradeNo, outTradeNo, buyerUserId, buyerLogonId, status, totalAmount, sendPayDate, subject } = body;
  if (!str(tradeNo, /^\d{28}$/) || !str(outTradeNo, NUMBER) || !str(buyerUserId, NUMBER) || !str(buyerLogonId, /^.{1,100}$/) || !STATUSES.includes(status as GatewayTradeStatus) || !str(totalAmount, AMOUNT)) return undefined;
  if ((sendPayDate !== undefined && !str(sendPayDate, TIME)) || (subject !== undefined && !str(subject, /^.{1,256}$/))) return undefined;
  return { tradeNo, outTradeNo, buyerUserId, buyerLogonId, status: status as GatewayTradeStatus, totalAmount, ...(sendPayDate !== undefined ? { sendPayDate } : {}), ...(subject !== undefined ? { subject } : {}) };
}

/** A refund as POST /dev/refunds takes it, or undefined when a field is off. */
export function readGatewayRefund(body: Answer): GatewayRefund | undefined {
  const { tradeNo, outRequestNo, refundAmount, done, gmtRefundPay } = body;
  if (!str(tradeNo, /^\d{28}$/) || !str(outRequestNo, NUMBER) || !str(refundAmount, AMOUNT) || typeof done !== 'boolean') return undefined;
  if (gmtRefundPay !== undefined && !str(gmtRefundPay, TIME)) return undefined;
  return { tradeNo, outRequestNo, refundAmount, done, ...(gmtRefundPay !== undefined ? { gmtRefundPay } : {}) };
}

const invalid: Answer = { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.INVALID_PARAMETER', sub_msg: '参数无效' };

export class TradeBook {
  private readonly trades = new Map<string, GatewayTrade>();
  private readonly refunds = new Map<string, GatewayRefund>();

  add(trade: GatewayTrade): void {
    this.trades.set(trade.tradeNo, trade);
  }

  addRefund(refund: GatewayRefund): void {
    this.refunds.set(`${refund.tradeNo} ${refund.outRequestNo}`, refund);
  }

  /** The trade the request names: by trade_no when given (Alipay: it wins), else by out_trade_no. */
  private find(biz: Answer): GatewayTrade | undefined {
    const tradeNo = typeof biz['trade_no'] === 'string' ? biz['trade_no'] : undefined;
    if (tradeNo) return this.trades.get(tradeNo);
    return [...this.trades.values()].find((t) => t.outTradeNo === biz['out_trade_no']);
  }

  private static names(biz: Answer): boolean {
    return (typeof biz['trade_no'] === 'string' && biz['trade_no'] !== '') || (typeof biz['out_trade_no'] === 'string' && biz['out_trade_no'] !== '');
  }

  private static options(biz: Answer): string[] {
    const o = biz['query_options'];
    return Array.isArray(o) ? o.filter((x): x is string => typeof x === 'string') : [];
  }

  /** alipay.trade.query's answer; `buyer` says how this app knows the buyer (user_id or open_id). */
  query(biz: Answer, buyer: (userId: string) => Answer): Answer {
    if (!TradeBook.names(biz)) return invalid;
    const t = this.find(biz);
    if (!t) {
      const echo = typeof biz['out_trade_no'] === 'string' ? { out_trade_no: biz['out_trade_no'] } : {};
      return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '交易不存在', ...echo, buyer_pay_amount: '0.00', invoice_amount: '0.00', point_amount: '0.00', receipt_amount: '0.00' };
    }
    const paid = t.sendPayDate !== undefined ? t.totalAmount : '0.00';
    return {
      code: '10000',
      msg: 'Success',
      trade_no: t.tradeNo,
      out_trade_no: t.outTradeNo,
      buyer_logon_id: t.buyerLogonId,
      trade_status: t.status,
      total_amount: t.totalAmount,
      buyer_pay_amount: paid,
      point_amount: '0.00',
      invoice_amount: paid,
      receipt_amount: paid,
      ...(t.sendPayDate !== undefined ? { send_pay_date: t.sendPayDate } : {}),
      ...(t.subject !== undefined ? { subject: t.subject } : {}),
      ...buyer(t.buyerUserId),
      ...(TradeBook.options(biz).includes('fund_bill_list') && t.sendPayDate !== undefined ? { fund_bill_list: [{ fund_channel: 'ALIPAYACCOUNT', amount: t.totalAmount }] } : {}),
    };
  }

  /** alipay.trade.fastpay.refund.query's answer. */
  refundQuery(biz: Answer): Answer {
    const outRequestNo = biz['out_request_no'];
    if (!TradeBook.names(biz) || typeof outRequestNo !== 'string' || outRequestNo === '') return invalid;
    const t = this.find(biz);
    if (!t) return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '查询退款的交易不存在' };
    const r = this.refunds.get(`${t.tradeNo} ${outRequestNo}`);
    if (!r) return { code: '10000', msg: 'Success' };
    return {
      code: '10000',
      msg: 'Success',
      trade_no: t.tradeNo,
      out_trade_no: t.outTradeNo,
      out_request_no: r.outRequestNo,
      total_amount: t.totalAmount,
      refund_amount: r.refundAmount,
      ...(r.done ? { refund_status: 'REFUND_SUCCESS' } : {}),
      ...(r.done && r.gmtRefundPay !== undefined && TradeBook.options(biz).includes('gmt_refund_pay') ? { gmt_refund_pay: r.gmtRefundPay } : {}),
    };
  }
}
