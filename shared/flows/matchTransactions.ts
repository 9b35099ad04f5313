import type { CustomerTransaction } from '../customer/CustomerData';
import type { Entity } from '../nlp/Entity';
import type { FlowClues } from '../schemas';

/** Products a user names to say which of their repayments or payments they mean. */
const PRODUCTS = ['花呗', '借呗', '信用卡', '备用金', '余额宝'];

/** A named hour is not to the minute: a payment at 15:40 is "下午三点" too, and clocks differ. */
const TIME_SLACK_MS = 60 * 60_000;

/**
 * What a message says that can point at one transaction: from what the understanding step found
 * in this message alone (not the ticket, which keeps an earlier message's amount), and the
 * products it names.
 */
export function cluesOf(entities: readonly Entity[], text: string): FlowClues {
  let clues: FlowClues = {};
  for (const e of entities) {
    if (e.type === 'orderNo' && !clues.orderNo) clues = { ...clues, orderNo: e.value.orderNo };
    if (e.type === 'amount' && !clues.amount) clues = { ...clues, amount: 'approx' in e.value ? { min: e.value.min, max: e.value.max } : { min: e.value.amount, max: e.value.amount } };
    if (e.type === 'time' && !clues.time) clues = { ...clues, time: { start: Date.parse(e.value.start), end: Date.parse(e.value.end) } };
  }
  // An order number the extractor does not know (SO123456) is still one when the user calls it so.
  const typed = /(?:订单号|单号|订单编号)[::\s]*([A-Za-z0-9]{6,32})/.exec(text)?.[1];
  if (!clues.orderNo && typed) clues = { ...clues, orderNo: typed };
  const products = PRODUCTS.filter((p) => text.includes(p));
  return products.length ? { ...clues, products } : clues;
}

/** The answer's clues over the question's: the user corrects or adds a detail. */
export const withClues = (before: FlowClues | undefined, now: FlowClues): FlowClues => ({ ...before, ...now });

export const hasClues = (c: FlowClues): boolean => c.orderNo !== undefined || c.amount !== undefined || c.time !== undefined || (c.products?.length ?? 0) > 0;

/**
 * The transactions every clue fits, newest first. An order number decides alone (it names one
 * transaction); amount, time and product must all fit when said. `text` also matches a
 * counterparty the user named (美团外卖的退款).
 */
export function matchTransactions(candidates: readonly CustomerTransaction[], clues: FlowClues, text: string): CustomerTransaction[] {
  const newestFirst = [...candidates].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  if (clues.orderNo) return newestFirst.filter((t) => t.tradeNo === clues.orderNo || t.orderNo === clues.orderNo);
  const fits = newestFirst.filter((t) => {
    if (clues.amount) {
      const yuan = t.amountFen / 100;
      if (yuan < clues.amount.min - 0.005 || yuan > clues.amount.max + 0.005) return false;
    }
    if (clues.time) {
      // 这个月要还多少 names when a repayment is due, not when its bill was drawn up.
      const at = Date.parse(t.dueAt ?? t.at);
      if (at < clues.time.start - TIME_SLACK_MS || at > clues.time.end + TIME_SLACK_MS) return false;
    }
    if (clues.products?.length && !clues.products.some((p) => t.counterparty.includes(p))) return false;
    return true;
  });
  const named = fits.filter((t) => t.counterparty.length >= 2 && text.includes(t.counterparty));
  return named.length ? named : fits;
}
