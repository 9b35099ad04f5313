import type { Ticket } from '../schemas';
import { mask } from '../nlp/mask';
import type { ParseResult } from '../nlp/ParseResult';

/** Fields whose values are personal data: the ticket keeps only their masked text. */
const personal = new Set(['phone', 'bankCard', 'idCard']);
/** Below this, a later message's category does not replace the ticket's. */
export const CATEGORY_MIN_CONFIDENCE = 0.6;
const fields = ['orderNo', 'amount', 'time', 'cardTail', 'phone', 'bankCard', 'idCard'] as const;

/**
 * Folds one message's parse result into the conversation's ticket: for every field the latest
 * value wins, remembering the message it came from. The category is replaced only by a confident
 * classification: "谢谢" or "是400元" say nothing about the kind of issue and must not erase it.
 */
export function mergeTicket(
  ticket: Ticket | undefined,
  parsed: ParseResult,
  source: { messageId: string; seq: number; at: string; via?: 'image' | 'voice' },
): Ticket {
  const next: Ticket = { ...ticket };
  if (!next.category || (parsed.category !== 'other' && parsed.confidence >= CATEGORY_MIN_CONFIDENCE)) {
    next.category = { value: parsed.category, confidence: parsed.confidence, ...source };
  }
  for (const field of fields) {
    const found = parsed.entities.filter((e) => e.type === field);
    const latest = found[found.length - 1];
    if (!latest) continue;
    next[field] = personal.has(field)
      ? { value: mask(latest.text), text: mask(latest.text), ...source }
      : { value: latest.value, text: latest.text, ...source };
  }
  return next;
}
