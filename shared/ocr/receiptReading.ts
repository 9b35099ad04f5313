import { understand, type Entity } from '../nlp';

type Of<K extends Entity['type']> = Extract<Entity, { type: K }>;

/** The receipt's own order number, amount and time, when the text shows them. */
export interface ReceiptFields {
  readonly orderNo?: Of<'orderNo'>;
  readonly amount?: Of<'amount'>;
  readonly time?: Of<'time'>;
}

/** Labels of the amount the receipt is about: what was paid, sent, taken or refunded. */
const PAID = /实付|实收|付款|支付|交易|转账|退款|消费|支出|扣款|订单金额|金额|收入|存入/;
/** Labels of the other figures a receipt shows beside it; never the ticket's amount. */
const OTHER_FIGURE = /余额|总价|原价|运费|优惠|折扣|红包|手续费|积分|抵扣|立减|满减|券|额度|合计/;
/** Labels of the moment the money moved, then of the order's other moments. */
const PAID_AT = /支付时间|付款时间|交易时间|扣款时间|转账时间|退款时间/;
const OTHER_MOMENT = /成交时间|发货时间|收货时间|完成时间|关闭时间|到期/;
/** The order number named by a merchant's own label when the page also shows the trade number. */
const MERCHANT_LABEL = /(?:商家|商户)(?:订单号|单号)\s*[:：]?\s*$/;

/** The words before an entity back to the start of its line or clause: its label, if any. */
function labelOf(text: string, e: Entity): string {
  const head = text.slice(0, e.start);
  const from = Math.max(head.lastIndexOf('\n'), head.search(/[,，;；。][^,，;；。]*$/));
  return head.slice(from + 1).trim();
}

/** The first of the candidates with the lowest rank. */
function best<T>(items: readonly T[], rank: (item: T) => number): T | undefined {
  let chosen: T | undefined;
  let low = Infinity;
  for (const item of items) {
    const r = rank(item);
    if (r < low) [chosen, low] = [item, r];
  }
  return low === Infinity ? undefined : chosen;
}

/**
 * Which of the order numbers, amounts and times a receipt shows are its own, by their labels: the
 * Alipay trade number before a merchant's order number (订单号 before 商家订单号); the amount paid
 * (实付款, 付款金额, 支出, or the amount alone in large type) before the total, the freight, a
 * discount or the balance left (余额); the payment's time (支付时间) before the order's creation,
 * both before its delivery (成交时间); a time in a message's words before the thread's timestamp. `text` is tidied OCR text; the entities come from `understand`.
 */
export function receiptFields(text: string, entities: readonly Entity[]): ReceiptFields {
  const orderNos = entities.filter((e): e is Of<'orderNo'> => e.type === 'orderNo');
  const orderNo = best(orderNos, (e) => (e.value.kind === 'alipayTrade' ? 0 : MERCHANT_LABEL.test(labelOf(text, e)) ? 2 : 1));
  const amounts = entities.filter((e): e is Of<'amount'> => e.type === 'amount' && 'amount' in e.value);
  const amount = best(amounts, (e) => {
    const label = labelOf(text, e).slice(-10);
    if (OTHER_FIGURE.test(label)) return Infinity;
    return PAID.test(label) ? 0 : label.replace(/[-+]/g, '') === '' ? 1 : 2;
  });
  const times = entities.filter((e): e is Of<'time'> => e.type === 'time' && (e.value.grain === 'second' || e.value.grain === 'minute'));
  const time = best(times, (e) => {
    const label = labelOf(text, e);
    // A clock without a date ("20:24") is today's only by default; a time alone on its line is the
    // message thread's (when the SMS arrived), the one in the message's words is the payment's.
    if (!/[月/-]/.test(e.text)) return 6;
    if (PAID_AT.test(label)) return 0;
    if (/时间|日期/.test(label) && !OTHER_MOMENT.test(label)) return 1;
    if (OTHER_MOMENT.test(label)) return 5;
    const line = text.slice(text.lastIndexOf('\n', e.start) + 1, text.indexOf('\n', e.end) < 0 ? text.length : text.indexOf('\n', e.end)).trim();
    return (line === e.text.trim() ? 3 : 2) + (e.value.grain === 'second' ? 0 : 0.5);
  });
  return { ...(orderNo ? { orderNo } : {}), ...(amount ? { amount } : {}), ...(time ? { time } : {}) };
}

/** Whether two entities of a kind say the same thing. */
const same = (a: Entity | undefined, b: Entity | undefined) => JSON.stringify(a?.value) === JSON.stringify(b?.value);

/**
 * The line that names the receipt's own values again, after everything else, when the text alone
 * would lead a reader that keeps the last value of each kind (the conversation's ticket keeps the
 * latest order number, amount and time a message gives) to another one: the balance after the
 * amount in a bank's SMS, 商家订单号 after 订单号, 成交时间 after 付款时间. Empty when the text
 * already ends with them, cannot be parsed, or is not a receipt.
 */
export function receiptSummary(text: string, now: Date): string {
  let entities: readonly Entity[];
  try {
    entities = understand(text, { now }).entities;
  } catch {
    return '';
  }
  const own = receiptFields(text, entities);
  const last = <K extends 'orderNo' | 'amount' | 'time'>(type: K) => entities.filter((e) => e.type === type).pop();
  const parts: string[] = [];
  if (own.orderNo && !same(own.orderNo, last('orderNo'))) parts.push(`订单号 ${own.orderNo.value.orderNo}`);
  if (own.amount && !same(own.amount, last('amount')) && 'amount' in own.amount.value) parts.push(`¥${own.amount.value.amount.toFixed(2)}`);
  // Written out from the value: the text may lean on its line ("19:58" under a date pill).
  if (own.time && !same(own.time, last('time'))) parts.push(own.time.value.start.slice(0, own.time.value.grain === 'second' ? 19 : 16).replace('T', ' '));
  return parts.join(' · ');
}
