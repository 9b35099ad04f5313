/**
 * Chinese and Arabic numerals as users write them: 三百五十, 两千三 (= 2300), 一万二 (= 12000),
 * 壹佰, 1.5万, 2k, 3w, 1,299.00. Pure and linear; the caller finds the span, this reads its value.
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 幺: 1, 二: 2, 贰: 2, 两: 2, 俩: 2, 三: 3, 叁: 3, 仨: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Characters that may appear in a Chinese numeral. */
export const CHINESE_NUMERAL_CHARS = '零〇一壹幺二贰两俩三叁仨四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億';

/** Regex source of an Arabic number with optional thousands separators and decimals. */
export const ARABIC_NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

/**
 * Value of a pure Chinese numeral, or undefined when it is not one. A trailing digit after a unit
 * means the next lower unit, as in speech: 两千三 = 2300, 一万二 = 12000, 三百五 = 350.
 */
export function parseChineseNumeral(text: string): number | undefined {
  if (!text) return undefined;
  // Digit-by-digit readings such as 一九九八 or 二〇二六 (years, codes).
  if ([...text].every((c) => c in DIGITS) && text.length > 1) {
    return Number([...text].map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = 1;
  let lastBig = 1;
  let zeroSinceUnit = false;
  for (const ch of text) {
    if (ch in DIGITS) {
      if (digit !== undefined && digit !== 0) return undefined; // two digits in a row: not a numeral
      digit = DIGITS[ch]!;
      if (digit === 0) zeroSinceUnit = true;
    } else if (ch in UNITS) {
      const unit = UNITS[ch]!;
      section += (digit ?? (unit === 10 ? 1 : 0)) * unit; // 十二 = 12
      if (digit === undefined && unit !== 10) return undefined;
      digit = undefined;
      lastUnit = unit;
      zeroSinceUnit = false;
    } else if (ch in BIG_UNITS) {
      const big = BIG_UNITS[ch]!;
      section += digit ?? 0;
      if (section === 0) return undefined;
      total += section * big;
      section = 0;
      digit = undefined;
      lastUnit = 1;
      lastBig = big;
      zeroSinceUnit = false;
    } else {
      return undefined;
    }
  }
  if (digit !== undefined) {
    // A trailing digit right after a unit means the next lower unit: 两千三, 一万二.
    // After 零 the digit is a units digit again: 一百零五 = 105.
    const implied = zeroSinceUnit ? 1 : lastUnit > 1 ? lastUnit / 10 : lastBig > 1 && section === 0 ? lastBig / 10 : 1;
    section += digit * implied;
  }
  return total + section;
}

const SUFFIX_MULTIPLIERS: Readonly<Record<string, number>> = { k: 1e3, K: 1e3, w: 1e4, W: 1e4, 千: 1e3, 万: 1e4, 萬: 1e4, 亿: 1e8, 百: 100 };

/**
 * Value of a number as written: Arabic (1,299.00), Chinese (三百五十), or Arabic with a multiplier
 * (1.5万, 2k, 3千). Undefined when the text is none of these.
 */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
  const mixed = /^(\d+(?:\.\d+)?)([kKwW千万萬亿百])(\d)?$/.exec(t);
  if (mixed) {
    const multiplier = SUFFIX_MULTIPLIERS[mixed[2]!]!;
    const tail = mixed[3] ? Number(mixed[3]) * (multiplier / 10) : 0; // 2万5 = 25000
    return round(Number(mixed[1]) * multiplier + tail);
  }
  return parseChineseNumeral(t);
}

/** Rounds away binary noise (1.5 * 10000, 0.1 + 0.2) to 6 decimals. */
export function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
