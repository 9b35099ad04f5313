import type { AmountValue, ApproxAmountValue, Span } from './Entity';
import { CHINESE_NUMERAL_CHARS, parseNumber, round } from './chineseNumber';

const CN = `[${CHINESE_NUMERAL_CHARS}]{1,12}`;
/** A number as written: Arabic with separators/decimals and an optional multiplier, or Chinese. */
const NUM = String.raw`(?:(?:\d{1,3}(?:,\d{3})+|\d{1,12})(?:\.\d{1,4})?(?:[kKwW千万萬](?:\d(?![\d.]))?)?|${CN})`;
const NUM_SOLO = new RegExp(`^${NUM}$`);

const CURRENCY_WORDS: Readonly<Record<string, string>> = {
  元整: 'CNY', 元: 'CNY', 块钱: 'CNY', 块: 'CNY', 圆: 'CNY', 人民币: 'CNY', 美元: 'USD', 美金: 'USD', 港币: 'HKD',
  港元: 'HKD', 港纸: 'HKD', 日元: 'JPY', 日币: 'JPY', 欧元: 'EUR', 英镑: 'GBP', 韩元: 'KRW', 韩币: 'KRW', 澳元: 'AUD',
  澳币: 'AUD', 加元: 'CAD', 新台币: 'TWD', 台币: 'TWD', 卢布: 'RUB', 泰铢: 'THB', 新加坡元: 'SGD', 新币: 'SGD',
};
const CURRENCY_SIGNS: Readonly<Record<string, string>> = {
  '¥': 'CNY', '￥': 'CNY', RMB: 'CNY', CNY: 'CNY', 'US$': 'USD', $: 'USD', USD: 'USD', 'HK$': 'HKD', HKD: 'HKD',
  '€': 'EUR', EUR: 'EUR', '£': 'GBP', GBP: 'GBP', JPY: 'JPY',
};

const wordAlternation = Object.keys(CURRENCY_WORDS).sort((a, b) => b.length - a.length).join('|');
const signAlternation = Object.keys(CURRENCY_SIGNS)
  .sort((a, b) => b.length - a.length)
  .map((s) => s.replace(/\$/g, '\\$'))
  .join('|');

/** Vague quantities: 十几, 二十几, 几十, 几百, 一百多, 两三百, 三百来. */
const VAGUE = String.raw`(?:[一二两三四五六七八九]?十几|几[十百千万]|几|[一二两三四五六七八九][二两三四五六七八九][十百千万]|(?:\d{1,6}|[一二两三四五六七八九十][十百千万]?)[多来])`;

/** 350元, 三块五, 一块二毛五, 十几块, 5毛, 20美元 */
const SUFFIXED = new RegExp(
  String.raw`(?<![\d.])(${VAGUE}|${NUM})\s?(${wordAlternation}|毛钱|毛|角)(?:(${NUM})(?:(毛|角)(?:(${NUM})分?)?|分)?)?`,
  'gu',
);
/** ¥20.5, $20, RMB 100 */
const PREFIXED = new RegExp(String.raw`(${signAlternation})\s?(${NUM})(?![\d])`, 'gu');
/**
 * A bare number right after a money verb ("转了350", "扣款1.5万") is money unless a non-money
 * unit follows (转2次, 借了12期, 扣了5分).
 */
const VERB_BARE = new RegExp(
  String.raw`(?:转了|转账|转给[^\d\s]{0,4}|转|付了|付款|付|扣了|扣款|扣|退了|退款|退|充了|充值|充|收了|收款|收|花了|花|还了|还款|还|借了|借|提现了|提现|支付了|支付|交了|缴了|缴费|金额是?|价格是?|余额|多扣了|多付了)\s?(${NUM})(?![\d.,kKwW千万萬元块毛角个期斤星次天号月年岁人件条张分%点秒小笔单位项台部瓶盒份位名积克吨米里])`,
  'gu',
);

/** Characters after a number that make it a count, a time or a measure, not money. */
const NOT_MONEY_AFTER = '个期斤星次天号月年岁人件条张分%点秒小笔单位项台部瓶盒份位名积克吨米里公周倍楼层';

/**
 * Words that make a sentence about money (a transfer, a payment, a limit, a repayment, a balance):
 * in one, a number with a magnitude (2.5万, 3万, 两万五, 四千八, 5k, 一百五) is an amount even without
 * a unit word after it (额度只有2.5万, 余额还有四千八). Plain integers stay out (a count or a code is as
 * likely), and so do numbers followed by a count's or a measure's unit (10000个积分, 150斤, 12期).
 */
const MONEY_CONTEXT = /转账|转了|转给|打了|打款|汇款|付款|支付|付了|扣款|扣了|退款|退了|还款|还了|借款|借了|贷款|额度|余额|提现|充值|充了|工资|消费|刷了|花了|收款|到账|钱|账单|红包|金额|利息|本金|欠款|欠了|限额|手续费|价格|报价|押金|保证金|收费|费用/u;
const MAGNITUDE_NUMBER = new RegExp(
  String.raw`(?<![\d.,第${CHINESE_NUMERAL_CHARS}])((?:\d{1,3}(?:,\d{3})+|\d{1,8})(?:\.\d{1,4})?[kKwW千万萬](?:\d(?![\d.]))?|\d{1,8}\.\d{1,2}|[${CHINESE_NUMERAL_CHARS}]*[十拾百佰千仟万萬][${CHINESE_NUMERAL_CHARS}]*)(?![\d.,kKwW${CHINESE_NUMERAL_CHARS}${NOT_MONEY_AFTER}])`,
  'gu',
);

type AmountSpan = Span<'amount'>;

function approxValue(vague: string, currency: string): ApproxAmountValue | undefined {
  const mk = (min: number, max: number): ApproxAmountValue => ({ min, max, currency, approx: true });
  const units: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };
  let m = /^([一二两三四五六七八九])?十几$/u.exec(vague);
  if (m) {
    const tens = m[1] ? parseNumber(m[1])! * 10 : 10;
    return mk(tens, tens + 9);
  }
  m = /^几([十百千万])$/u.exec(vague);
  if (m) {
    const u = units[m[1]!]!;
    return mk(u, u * 10 - 1);
  }
  if (vague === '几') return mk(1, 9);
  m = /^([一二两三四五六七八九])([二两三四五六七八九])([十百千万])$/u.exec(vague);
  if (m) {
    const u = units[m[3]!]!;
    return mk(parseNumber(m[1]!)! * u, parseNumber(m[2]!)! * u);
  }
  m = /^(.+)([多来])$/u.exec(vague);
  if (m) {
    const base = parseNumber(m[1]!);
    if (base === undefined || base === 0) return undefined;
    if (m[2] === '来') return mk(round(base * 0.9), round(base * 1.1));
    // 一百多 = 100-199; 十多 = 10-19; 3多 (rare) = 3-4
    const magnitude = 10 ** Math.floor(Math.log10(base));
    return mk(base, base + magnitude - 1);
  }
  return undefined;
}

/**
 * Money amounts in a (normalised) text: values in the main unit with an ISO 4217 currency (CNY
 * unless named), ranges for vague amounts. Counts that are not money (10000个积分, 12期, 150斤, 5星)
 * and long digit runs (phones, order numbers) are not amounts.
 */
export function extractAmounts(text: string): AmountSpan[] {
  const found: AmountSpan[] = [];
  // exec loops rather than matchAll, which copies the regex on every call (none matches empty).

  SUFFIXED.lastIndex = 0;
  for (let m = SUFFIXED.exec(text); m; m = SUFFIXED.exec(text)) {
    const [whole, head, unit, tail1, tailUnit, tail2] = m as unknown as [string, string, string, string?, string?, string?];
    const currency = CURRENCY_WORDS[unit] ?? 'CNY';
    const start = m.index;
    if (isLongDigitRun(head)) continue;
    const headValue = NUM_SOLO.test(head) ? parseNumber(head) : undefined;
    if (headValue === undefined) {
      const approx = approxValue(head, currency);
      if (approx) found.push({ type: 'amount', start, end: start + whole.length - (tail1 ? tailLength(whole, head, unit) : 0), value: approx });
      continue;
    }
    let amount = unit === '毛' || unit === '毛钱' || unit === '角' ? headValue / 10 : headValue;
    let end = start + whole.length;
    const isYuan = currency === 'CNY' && unit !== '毛' && unit !== '毛钱' && unit !== '角';
    const t1 = tail1 !== undefined ? parseNumber(tail1) : undefined;
    // 500块钱一直没到, 50块一共: the 一 begins a word (一直, 一共, 一笔), and 块钱 ends the amount.
    const wordAfter = /^[一两]$/.test(tail1 ?? '') && /^[直下笔个共起样次天些般定会遍半周]/.test(text.slice(start + whole.length));
    if (tail1 !== undefined && (t1 === undefined || t1 > 9 || !isYuan || unit === '块钱' || wordAfter || /[万千kKwW]/.test(tail1))) {
      // 350元200... is two things, not 350.2: keep only the head.
      end = start + whole.length - tailLength(whole, head, unit);
    } else if (t1 !== undefined) {
      amount += t1 / 10; // 三块五 = 3.5, 1元5角 = 1.5
      const t2 = tail2 !== undefined ? parseNumber(tail2) : undefined;
      if (tailUnit && t2 !== undefined && t2 <= 9) amount += t2 / 100; // 一块二毛五 = 1.25
      else if (!tailUnit && whole.endsWith('分')) amount += t1 / 100 - t1 / 10; // 3元5分 = 3.05
    }
    found.push({ type: 'amount', start, end, value: { amount: round(amount), currency } satisfies AmountValue });
  }

  PREFIXED.lastIndex = 0;
  for (let m = PREFIXED.exec(text); m; m = PREFIXED.exec(text)) {
    const value = parseNumber(m[2]!);
    if (value === undefined || isLongDigitRun(m[2]!)) continue;
    found.push({ type: 'amount', start: m.index, end: m.index + m[0].length, value: { amount: round(value), currency: CURRENCY_SIGNS[m[1]!] ?? 'CNY' } });
  }

  VERB_BARE.lastIndex = 0;
  for (let m = VERB_BARE.exec(text); m; m = VERB_BARE.exec(text)) {
    const numberText = m[1]!;
    const value = parseNumber(numberText);
    // A lone Chinese digit after a verb (转一下, 还一个) is not money; nor is a phone-length run.
    if (value === undefined || isLongDigitRun(numberText) || (/^[^\d]$/u.test(numberText))) continue;
    const start = m.index + m[0].length - numberText.length;
    found.push({ type: 'amount', start, end: start + numberText.length, value: { amount: round(value), currency: 'CNY' } });
  }

  if (MONEY_CONTEXT.test(text)) {
    MAGNITUDE_NUMBER.lastIndex = 0;
    for (let m = MAGNITUDE_NUMBER.exec(text); m; m = MAGNITUDE_NUMBER.exec(text)) {
      const numberText = m[1]!;
      const value = parseNumber(numberText);
      // 十 alone, or a reading that is no number (千万别, 万一), is not an amount.
      if (value === undefined || value < 10 || isLongDigitRun(numberText) || /^[十拾千万萬]$/u.test(numberText)) continue;
      found.push({ type: 'amount', start: m.index, end: m.index + numberText.length, value: { amount: round(value), currency: 'CNY' } });
    }
  }

  return dropOverlaps(found);
}

/** Length of the part after head+unit (the "五" of 三块五), for trimming it off. */
function tailLength(whole: string, head: string, unit: string): number {
  const at = whole.indexOf(unit, head.length);
  return whole.length - (at + unit.length);
}

/** 11+ digits are phones, cards or order numbers, never amounts. */
function isLongDigitRun(numberText: string): boolean {
  return numberText.replace(/[,.]/g, '').replace(/\D.*$/, '').length >= 11;
}

/** Earliest first; of overlapping spans the longer one wins. */
function dropOverlaps(spans: AmountSpan[]): AmountSpan[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: AmountSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end - s.start > last.end - last.start) out[out.length - 1] = s;
      continue;
    }
    out.push(s);
  }
  return out;
}
