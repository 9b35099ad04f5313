import type { Span } from './Entity';
import { isResidentId, luhnValid } from './mask';

type IdSpan = Span<'orderNo'> | Span<'phone'> | Span<'bankCard'> | Span<'cardTail'> | Span<'idCard'>;

/** Digit runs (single spaces or dashes allowed between groups), optional +86, an ID's final X. */
const RUN = /(?:\+?86[\s-]?)?\d(?:[\s-]?\d)*[Xx]?/g;
const ORDER_LABEL = /(?:商户订单号|商户单号|订单编号|订单号|交易单号|交易号|流水号|单号)\s*[:：]?\s*([A-Za-z0-9_]{8,64})(?![A-Za-z0-9_])/g;
const CARD_TAIL = /(?:尾号|末四位|后四位|末尾|尾数)(?:是|为)?\s*[:：]?\s*(\d{4})(?!\d)/g;

/** A 28-digit Alipay trade number starts with the date it was created (yyyyMMdd). */
export function isAlipayTradeNo(digits: string): boolean {
  if (!/^\d{28}$/.test(digits)) return false;
  const y = Number(digits.slice(0, 4));
  const m = Number(digits.slice(4, 6));
  const d = Number(digits.slice(6, 8));
  if (y < 2004 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Whether [s, e) overlaps a span found already (a module function: no closure per call). */
function taken(spans: readonly IdSpan[], s: number, e: number): boolean {
  return spans.some((x) => s < x.end && e > x.start);
}

/**
 * Order numbers, phones, bank cards, card tails and resident IDs. A digit run is judged whole: a
 * 19-digit run is a card or nothing, never a phone plus extra digits. Near misses (bad checksum, a
 * 28-digit run without a valid date prefix) are not entities.
 */
export function extractIdentifiers(text: string): IdSpan[] {
  const spans: IdSpan[] = [];
  // exec loops rather than matchAll, which copies the regex on every call (none matches empty).
  // Every order label ends in 号 and every card-tail label has 尾 or 位: most texts skip both scans.
  ORDER_LABEL.lastIndex = 0;
  if (text.includes('号')) for (let m = ORDER_LABEL.exec(text); m; m = ORDER_LABEL.exec(text)) {
    const value = m[1]!;
    const start = m.index + m[0].length - value.length;
    const kind = isAlipayTradeNo(value) ? 'alipayTrade' : 'merchantOrder';
    spans.push({ type: 'orderNo', start, end: start + value.length, value: { orderNo: value, kind } });
  }
  CARD_TAIL.lastIndex = 0;
  if (text.includes('尾') || text.includes('位')) for (let m = CARD_TAIL.exec(text); m; m = CARD_TAIL.exec(text)) {
    const start = m.index + m[0].length - 4;
    if (!taken(spans, start, start + 4)) spans.push({ type: 'cardTail', start, end: start + 4, value: m[1]! });
  }
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
    const run = m[0];
    const start = m.index;
    const end = start + run.length;
    const before = text[start - 1];
    const after = text[end];
    // Glued to letters: part of a code we do not know, leave it.
    if ((before && /[A-Za-z_]/.test(before)) || (after && /[A-Za-z_]/.test(after))) continue;
    if (taken(spans, start, end)) continue;
    const compact = run.replace(/[\s-]/g, '');
    const national = compact.replace(/^\+?86(?=1[3-9]\d{9}$)/, '');
    if (isAlipayTradeNo(compact)) {
      spans.push({ type: 'orderNo', start, end, value: { orderNo: compact, kind: 'alipayTrade' } });
    } else if (/^1[3-9]\d{9}$/.test(national)) {
      spans.push({ type: 'phone', start, end, value: national });
    } else if (/^\d{17}[\dXx]$/.test(compact) && isResidentId(compact)) {
      spans.push({ type: 'idCard', start, end, value: compact.toUpperCase() });
    } else if (/^\d{16,19}$/.test(compact) && luhnValid(compact)) {
      spans.push({ type: 'bankCard', start, end, value: compact });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
