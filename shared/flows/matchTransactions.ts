import type { CustomerTransaction } from '../customer';
import { foldWidth, parseNumber, toneless, type Entity } from '../nlp';
import type { FlowClues } from '../schemas';
import { flowText } from './flowText';

/** Products a user names to say which of their repayments or payments they mean. */
const PRODUCTS = ['花呗', '借呗', '信用卡', '备用金', '余额宝'];

/** A named hour is not to the minute: a payment at 15:40 is "下午三点" too, and clocks differ. */
const TIME_SLACK_MS = 60 * 60_000;
const DAY_SLACK_MS = 24 * 3_600_000;

/**
 * What a message says that can point at one transaction: from what the understanding step found
 * in this message alone (not the ticket, which keeps an earlier message's amount), and the
 * products it names.
 */
export function cluesOf(entities: readonly Entity[], text: string): FlowClues {
  let clues: FlowClues = {};
  for (const e of entities) {
    // Order numbers are upper-case in the merchant's records; a phone keyboard types dd2026...
    if (e.type === 'orderNo' && !clues.orderNo) clues = { ...clues, orderNo: e.value.orderNo.toUpperCase() };
    if (e.type === 'amount' && !clues.amount) clues = { ...clues, amount: 'approx' in e.value ? { min: e.value.min, max: e.value.max } : { min: e.value.amount, max: e.value.amount } };
    if (e.type === 'time' && !clues.time) clues = { ...clues, time: { start: Date.parse(e.value.start), end: Date.parse(e.value.end) } };
  }
  // An order number the extractor does not know (SO123456) is still one when the user calls it so.
  const words = flowText(text);
  // So is a merchant's order number on its own (DD202630003, so998877): letters and then six digits or more.
  const typed = (/(?:订单号?|单号|订单编号|交易号)[::\s]*([A-Za-z0-9]{6,32})/.exec(words) ?? /(?<![A-Za-z0-9])([A-Za-z]{1,4}\d{6,30})(?![A-Za-z0-9])/.exec(words))?.[1];
  if (!clues.orderNo && typed) clues = { ...clues, orderNo: typed.toUpperCase() };
  if (!clues.amount) {
    const bare = bareAmount(text, entities);
    if (bare) clues = { ...clues, amount: bare };
  }
  const products = PRODUCTS.filter((p) => words.includes(p));
  return products.length ? { ...clues, products } : clues;
}

/** After a number, what makes it a count, a date, a time or a measure (3天, 11月, 2笔, 5号, 03:57, 1.), not money. */
const NOT_MONEY_AFTER = /^\s?(?:[个期斤星次天号月年岁人件条张分%点秒小笔位项台部瓶盒份名积克吨米里公周倍楼层日时:./A-Za-z-]|钟头)/;
/** A number as typed: Arabic with an optional multiplier (350, 9.9, 5k, 2万), or Chinese with a unit (三百五, 两万). */
const NUMBER = new RegExp(String.raw`(?<![\dA-Za-z.:第])(\d{1,8}(?:\.\d{1,2})?(?:[kKwW千万](?:\d(?![\d.]))?)?|[一二两三四五六七八九十][零一二两三四五六七八九十百千万]*(?<=[十百千万].*)[零一二两三四五六七八九]?)(多|来)?`, 'gu');

/**
 * A number the user wrote without a unit (我付的520, 350那笔, 两万, 一千多): in a message about one of
 * their own payments, transfers or bills, an amount, unless what follows makes it a count, a date
 * or a time. The understanding step's extractors are general and leave such numbers alone; the
 * numbers they did read (times, order numbers, cards) are not read again. 一千多: 1000 to 1999;
 * 五六百: 500 to 699.99.
 */
export function bareAmount(text: string, entities: readonly Entity[]): { min: number; max: number } | undefined {
  let folded = foldWidth(text);
  for (const e of entities) folded = folded.slice(0, e.start) + ' '.repeat(e.end - e.start) + folded.slice(e.end);
  for (const m of folded.matchAll(NUMBER)) {
    const after = folded.slice(m.index + m[0].length);
    if (NOT_MONEY_AFTER.test(after)) continue;
    // 五六百, 两三千: between the two, up to the end of the second's step (500 to 699.99).
    const pair = /^([一二两三四五六七八九])([二两三四五六七八九])([十百千万])$/.exec(m[1]!);
    if (pair) {
      const [low, high, unit] = [parseNumber(pair[1]!)!, parseNumber(pair[2]!)!, parseNumber(`一${pair[3]!}`)!];
      if (high === low + 1) return { min: low * unit, max: (high + 1) * unit - 0.01 };
    }
    const n = parseNumber(m[1]!);
    if (n === undefined || n <= 0) continue;
    if (!m[2]) return { min: n, max: n };
    // 300多 is 300 to 399, 一千多 1000 to 1999: up to the next step of the last figure named.
    let step = 1;
    while (Number.isInteger(n / (step * 10)) && step < 1e8) step *= 10;
    return { min: n, max: n + step - 0.01 };
  }
  return undefined;
}

/**
 * Whether an amount the user said fits a transaction's: within it, with the cents left off a whole
 * yuan bound (1280 for 1280.50, 十几块 = 10 to 19 for 19.90: users leave the cents off).
 */
export function amountFits(amount: { min: number; max: number }, amountFen: number): boolean {
  const yuan = amountFen / 100;
  if (yuan < amount.min - 0.005) return false;
  return Number.isInteger(amount.max) ? Math.floor(yuan + 0.005) <= amount.max : yuan <= amount.max + 0.005;
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
  const no = clues.orderNo?.toUpperCase();
  if (no) return newestFirst.filter((t) => t.tradeNo === no || t.orderNo?.toUpperCase() === no);
  const within = (slack: number) =>
    newestFirst.filter((t) => {
      if (clues.amount && !amountFits(clues.amount, t.amountFen)) return false;
      if (clues.time) {
        // 这个月要还多少 names when a repayment is due, not when its bill was drawn up.
        const at = Date.parse(t.dueAt ?? t.at);
        if (at < clues.time.start - slack || at > clues.time.end + slack) return false;
      }
      if (clues.products?.length && !clues.products.some((p) => t.counterparty.includes(p))) return false;
      return true;
    });
  let fits = within(TIME_SLACK_MS);
  // 前天转的350 of one three days old: a day named is remembered a day off, when the amount, the
  // product or the name says which one it is. A time alone that fits nothing stays so.
  const day = clues.time && clues.time.end - clues.time.start >= 23 * 3_600_000;
  if (!fits.length && day) {
    const wider = within(DAY_SLACK_MS);
    if (clues.amount || clues.products?.length) fits = wider;
    else fits = byName(newestFirst, flowText(text)).filter((t) => wider.includes(t));
  }
  // What the user names narrows further: a counterparty (美团外卖的退款), or a bare number that is
  // exactly one transaction's amount (1099的订单: no unit word, so no amount for the extractor).
  const named = byName(fits, flowText(text));
  if (named.length) return named;
  const numbers = (text.match(/\d+(?:\.\d+)?/g) ?? []).map(Number);
  const priced = clues.amount ? [] : fits.filter((t) => numbers.some((n) => amountFits({ min: n, max: n }, t.amountFen)));
  return priced.length === 1 ? priced : fits;
}

/**
 * Among several, the one whose failure the user quotes as the app showed it (余额不足, 银行卡过期,
 * 超出限额): the longest run of two or more characters the message, without its topic words
 * (转账失败 says nothing of the cause), shares with a transaction's failReason, when only one has it.
 */
export function byReason(fits: readonly CustomerTransaction[], text: string, topic: RegExp): CustomerTransaction[] {
  const said = flowText(text).replace(new RegExp(topic.source, 'g'), ' ');
  const runs = fits.map((t) => (t.failReason ? sharedRun([...t.failReason], [...said]) : 0));
  const best = Math.max(0, ...runs);
  if (best < 2) return [];
  const found = fits.filter((_, i) => runs[i] === best);
  return found.length === 1 ? found : [];
}

/** The longest run of elements (characters, syllables) `a` and `b` share. */
function sharedRun(a: readonly string[], b: readonly string[]): number {
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
 * for 美团外卖) and by its sound (家具店: the pinyin keyboard's other pick), or a place of its
 * parcel's tracking (杭州 of 【杭州转运中心】; elsewhere in it three characters or more: 快件 or 签收
 * name no parcel), or a masked name by its surname (老王 for 王**): those
 * sharing the longest run of two or more syllables with the message, when that run is longer than
 * any other transaction's. Masked names (王**) are not names.
 */
export function byName(fits: readonly CustomerTransaction[], text: string): CustomerTransaction[] {
  const said = toneless(text);
  const chars = [...text];
  const runs = fits.map((t) => {
    const name = sharedRun(toneless(t.counterparty.replace(/\*+/g, '')), said);
    // 王**: the surname, as people call someone by it (老王, 小王, 王哥, 王姐).
    const surname = /^([\u4e00-\u9fff])\*+$/.exec(t.counterparty)?.[1];
    const addressed = text.includes(t.counterparty) || (surname && new RegExp(`[老小阿]${surname}|${surname}(哥|姐|总|叔|姨|师傅|先生|女士|老师)`).test(text)) ? Math.max(2, [...t.counterparty].length) : 0;
    const places = [...(t.tracking ?? '').matchAll(/【([^】]+)】/g)].map((m) => sharedRun([...m[1]!], chars));
    const tracked = t.tracking ? sharedRun([...t.tracking], chars) : 0;
    return Math.max(name, addressed, ...places.filter((n) => n >= 2), tracked >= 3 ? tracked : 0);
  });
  const best = Math.max(0, ...runs);
  if (best < 2) return [];
  const named = fits.filter((_, i) => runs[i] === best);
  return named.length < fits.length ? named : [];
}
