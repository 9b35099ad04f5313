import { KefuError } from '../errors';
import type { Entity, Span } from './Entity';
import type { Understanding } from './Understanding';
import { classify } from './classify';
import { extractAmounts } from './extractAmounts';
import { extractIdentifiers } from './extractIdentifiers';
import { extractTransactionContext } from './extractTransactionContext';
import { classifyScenario } from './scenarios/classifyScenario';
import { extractTimes } from './extractTimes';
import { mask } from './mask';
import { normalize, toOriginalSpan } from './normalize';

/** Longest text the understanding step accepts (characters). */
export const MAX_UNDERSTAND_LENGTH = 2000;

/**
 * Identifiers outrank amounts and times when spans overlap: a trade number is never an amount. The
 * transaction context (bank, card type, region, currency) comes last, so it never takes a span
 * from the others: 20美元 stays an amount (whose currency is USD).
 */
const PRIORITY: Readonly<Record<Entity['type'], number>> = { orderNo: 0, idCard: 1, bankCard: 2, phone: 3, cardTail: 4, time: 5, amount: 6, bank: 7, cardType: 8, region: 9, currency: 10 };

/** Control characters other than tab/newline, and U+FFFD from undecodable bytes. */
function garbageRatio(text: string): number {
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || c === 0xfffd) bad++;
  }
  return bad / text.length;
}

/** Rejects what cannot be a customer message, with a code from the catalogue. */
export function validateText(text: unknown): asserts text is string {
  if (typeof text !== 'string' || text.trim() === '') throw new KefuError('TEXT_EMPTY');
  if (text.length > MAX_UNDERSTAND_LENGTH) throw new KefuError('TEXT_TOO_LONG', `文本过长(最多 ${MAX_UNDERSTAND_LENGTH} 字)`, { max: MAX_UNDERSTAND_LENGTH });
  if (text.includes('\u0000') || garbageRatio(text) > 0.1) throw new KefuError('TEXT_INVALID');
}

/**
 * Understands one customer message: category (with confidence and runner-up), with `scenario` the
 * scenario under it (Kefu's default taxonomy) when one is recognised, entities with
 * offsets into the ORIGINAL text, and the text with personal data masked. Pure: `now` anchors
 * relative times ("昨天") and defaults to the current time.
 */
export function understand(text: string, options: { now?: Date; scenario?: boolean } = {}): Understanding {
  validateText(text);
  const now = options.now ?? new Date();
  const normalized = normalize(text);
  const spans: Span[] = [...extractIdentifiers(normalized.text), ...extractTimes(normalized.text, now), ...extractAmounts(normalized.text), ...extractTransactionContext(normalized.text)];

  // Resolve overlaps: higher priority first, then longer; keep what does not collide.
  const ordered = [...spans].sort((a, b) => PRIORITY[a.type] - PRIORITY[b.type] || b.end - b.start - (a.end - a.start));
  const kept: Span[] = [];
  for (const s of ordered) if (!kept.some((k) => s.start < k.end && s.end > k.start)) kept.push(s);

  const entities = kept
    .map((s) => {
      const { start, end } = toOriginalSpan(normalized, s.start, s.end);
      return { type: s.type, text: text.slice(start, end), start, end, value: s.value } as Entity;
    })
    .sort((a, b) => a.start - b.start);

  const classification = classify(normalized.text);
  const { category, confidence, runnerUp } = classification;
  // Asked for (reports, `kefu understand`): routing reads scenarios with the merchant's own taxonomy.
  const scenario = options.scenario ? classifyScenario(normalized.text, classification) : undefined;
  return { category, confidence, runnerUp, ...(scenario ? { scenario } : {}), entities, masked: mask(text) };
}
