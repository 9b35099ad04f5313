import type { CustomerTransaction } from '../customer';
import type { Entity } from '../nlp';
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
  const typed = /(?:订单号?|单号|订单编号|交易号)[::\s]*([A-Za-z0-9]{6,32})/.exec(text)?.[1];
  if (!clues.orderNo && typed) clues = { ...clues, orderNo: typed };
  const products = PRODUCTS.filter((p) => text.includes(p));
  return products.length ? { ...clues, products } : clues;
}

/** The answer's clues over the question's: the user corrects or adds a detail. */
export const withClues = (before: FlowClues | undefined, now: FlowClues): FlowClues => ({ ...before, ...now });

export const hasClues = (c: FlowClues): boolean => c.orderNo !== undefined || c.amount !== undefined || c.time !== undefined || (c.products?.length ?? 0) > 0;

/**
 * The transactions every clue fits, newest first (all of them when the message has no clue). An
 * order number decides alone (it names one transaction); amount, time and product must all fit
 * when said.
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
  // What the user names narrows further: a counterparty (美团外卖的退款), or a bare number that is
  // exactly one transaction's amount (1099的订单: no unit word, so no amount for the extractor).
  const named = byName(fits, text);
  if (named.length) return named;
  const numbers = (text.match(/\d+(?:\.\d+)?/g) ?? []).map(Number);
  const priced = clues.amount ? [] : fits.filter((t) => numbers.some((n) => Math.abs(n - t.amountFen / 100) < 0.005));
  return priced.length === 1 ? priced : fits;
}

/** The longest run of characters `a` and `b` share. */
function sharedRun(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let n = 0;
      while (i + n < a.length && j + n < b.length && a[i + n] === b[j + n]) n++;
      if (n > best) best = n;
    }
  }
  return best;
}

/**
 * The transactions whose counterparty the user named, in part too (家居店 for 优品家居旗舰店, 外卖
 * for 美团外卖): those sharing the longest run of two or more characters with the message, when
 * that run is longer than any other transaction's. Masked names (王**) are not names.
 */
function byName(fits: readonly CustomerTransaction[], text: string): CustomerTransaction[] {
  const runs = fits.map((t) => sharedRun(t.counterparty.replace(/\*+/g, ''), text));
  const best = Math.max(0, ...runs);
  if (best < 2) return [];
  const named = fits.filter((_, i) => runs[i] === best);
  return named.length < fits.length ? named : [];
}
