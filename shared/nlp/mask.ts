import { extractIdentifiers, isAlipayTradeNo } from './extractIdentifiers';
import { foldWidth } from './normalize';

/**
 * Who reads the masked text. `agent`: a view for staff who may not see personal data: mobile
 * numbers, resident IDs, bank cards and any other card-length (16-19 digit) number, since a
 * mistyped card still shows all but one of its digits. `log`: the same plus every other run of 15 or
 * more digits; logs may over-mask, a leaked number may not be undone.
 */
export type MaskPolicy = 'agent' | 'log';

/**
 * What may stand between the digit groups of one number: spaces (also several, and full-width
 * ones once folded), dots, dashes of every width, and the invisible characters a copy-paste leaves.
 * Letters are not joined into numbers but do not hide them either: "tel13912340001" is a phone.
 */
const SEP = '[\\s.\\-\\u2010-\\u2015\\u2212\\u200b-\\u200d\\u2060\\ufeff]';
const SEPS = new RegExp(`${SEP}+`, 'g');
/** One number: digit groups joined by at most four separators, an optional leading +. */
const RUN = new RegExp(`\\+?\\d+(?:${SEP}{1,4}\\d+)*`, 'g');
const GROUP_SPLIT = new RegExp(`(${SEP}{1,4})`);
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

/** At least 11 digits (half- or full-width) in all: the shortest number masked is a mobile. */
function mayHoldNumber(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19)) {
      if (++digits === 11) return true;
    }
  }
  return false;
}

/** Ids Kefu makes itself (conversations, requests): their dashes would otherwise join digit groups. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Masks personal data in free text, the one function behind every view of user text that staff or
 * logs see. The text is folded to half-width first (１３９… is 139…), numbers are found across
 * separators and next to letters, then judged whole: phones keep 3+4 characters, IDs 6+4, cards
 * 4+4. Order and trade numbers (labelled ones, 28-digit Alipay trade numbers) are never touched,
 * nor are amounts, times and short codes. Everything outside a masked number is the original text.
 */
export function mask(text: string, policy: MaskPolicy = 'agent'): string {
  // Every log line's every string comes through here: most hold too few digits to hide anything.
  if (!mayHoldNumber(text)) return text;
  const folded = FULL_WIDTH.test(text) ? foldWidth(text) : text;
  // Order numbers and our own ids are blanked out of the text searched, so a number beside them
  // is still found but no digit of theirs is ever masked.
  let scan = folded;
  const keep = (start: number, end: number) => (scan = scan.slice(0, start) + '_'.repeat(end - start) + scan.slice(end));
  // Every order-number label ends in 号 (订单号, 交易号, 流水号, ...).
  if (folded.includes('号')) for (const o of extractIdentifiers(folded)) if (o.type === 'orderNo') keep(o.start, o.end);
  for (const u of folded.matchAll(UUID)) keep(u.index, u.index + u[0].length);
  let out = '';
  let last = 0;
  for (const m of scan.matchAll(RUN)) {
    const start = m.index;
    let end = start + m[0].length;
    // A resident ID's check character X belongs to the number.
    let run = m[0];
    if (/[Xx]/.test(scan[end] ?? '')) {
      run += scan[end]!;
      end++;
    }
    const masked = judge(run, policy) ?? maskGroups(run, text.slice(start, end), policy);
    if (masked === undefined) continue;
    out += text.slice(last, start) + masked;
    last = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * A run like "转 100 13812345678" joins an amount and a phone through a space; when the whole run is
 * not personal data, try windows of its groups (at most 21 digits long, so the work stays linear).
 */
function maskGroups(run: string, original: string, policy: MaskPolicy): string | undefined {
  const parts = run.split(GROUP_SPLIT);
  const groups = parts.filter((_, i) => i % 2 === 0);
  const seps = parts.filter((_, i) => i % 2 === 1);
  // Unmasked groups and separators are copied from the original (full-width stays full-width).
  const offsets: number[] = [];
  for (let k = 0, at = 0; k < parts.length; at += parts[k]!.length, k++) offsets.push(at);
  const originalPart = (k: number) => original.slice(offsets[k], offsets[k]! + parts[k]!.length);
  let out = '';
  let changed = false;
  let i = 0;
  while (i < groups.length) {
    let matched: { end: number; masked: string } | undefined;
    let digits = 0;
    let j = i;
    for (; j < groups.length && digits + groups[j]!.length <= 21; j++) digits += groups[j]!.length;
    for (let end = j; end > i; end--) {
      const candidate = groups.slice(i, end).map((g, k) => g + (k < end - i - 1 ? seps[i + k]! : '')).join('');
      const masked = judge(candidate, policy);
      if (masked !== undefined) {
        matched = { end, masked };
        break;
      }
    }
    const end = matched?.end ?? i + 1;
    out += matched?.masked ?? originalPart(2 * i);
    if (matched) changed = true;
    if (end - 1 < seps.length) out += originalPart(2 * (end - 1) + 1);
    i = end;
  }
  return changed ? out : undefined;
}

/** `maskRun`, and when a trailing X is not an ID's check character, the number before it. */
function judge(candidate: string, policy: MaskPolicy): string | undefined {
  const masked = maskRun(candidate, policy);
  if (masked !== undefined || !/[Xx]$/.test(candidate)) return masked;
  const inner = maskRun(candidate.slice(0, -1), policy);
  return inner === undefined ? undefined : inner + candidate.slice(-1);
}

/** The masked form of a number that is personal data under the policy; undefined otherwise. */
function maskRun(run: string, policy: MaskPolicy): string | undefined {
  const compact = run.replace(SEPS, '').replace(/^\+/, '');
  const national = compact.replace(/^86(?=1[3-9]\d{9}$)/, '');
  if (/^1[3-9]\d{9}$/.test(national)) return `${national.slice(0, 3)}****${national.slice(-4)}`;
  if (/^\d{17}[\dXx]$/.test(compact) && isResidentId(compact)) return `${compact.slice(0, 6)}********${compact.slice(-4).toUpperCase()}`;
  if (!/^\d+$/.test(compact) || isAlipayTradeNo(compact)) return undefined;
  // Card length, Luhn-valid or not (a mistyped card, an ID with a wrong check digit).
  if (compact.length >= 16 && compact.length <= 19) return `${compact.slice(0, 4)}${'*'.repeat(compact.length - 8)}${compact.slice(-4)}`;
  if (policy === 'log' && compact.length >= 15) return `${compact.slice(0, 4)}${'*'.repeat(compact.length - 8)}${compact.slice(-4)}`;
  return undefined;
}

/** Luhn checksum (ISO/IEC 7812), used by every UnionPay/Visa/Mastercard number. */
/** A person's name for staff without customer-data permission: the first character and a star for each of the rest (张三丰 -> 张**). */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check character of an 18-character resident ID, plus a plausible birth date. */
export function isResidentId(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  if (ID_CHECK[sum % 11] !== id[17]!.toUpperCase()) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
