import type { Ticket } from '../schemas';
import { mask, type Understanding, type TimeGrain } from '../nlp';

/** Fields whose values are personal data: the ticket keeps only their masked text. */
const personal = new Set(['phone', 'bankCard', 'idCard']);
/** Below this, a later message's category does not replace the ticket's. */
export const CATEGORY_MIN_CONFIDENCE = 0.6;
const fields = ['orderNo', 'amount', 'time', 'cardTail', 'phone', 'bankCard', 'idCard'] as const;
/** Finest first: a time read to the minute is more precise than "上个月". */
const GRAIN_ORDER: readonly TimeGrain[] = ['second', 'minute', 'hour', 'halfDay', 'day', 'week', 'month', 'year'];
/** Words with which users take back what they said ("说错了,是400元"): their new value replaces the old. */
const CORRECTION = /说错|不对|不是|搞错|更正|改成|改为|应该是|其实是|纠正/;

type Source = { messageId: string; seq: number; at: string; via?: 'image' | 'voice' };
type EntityField = NonNullable<Ticket['orderNo']>;

function grainOf(field: EntityField | undefined): number {
  const grain = (field?.value as { grain?: TimeGrain } | undefined)?.grain;
  return grain ? GRAIN_ORDER.indexOf(grain) : GRAIN_ORDER.length;
}

/**
 * Whether a newly read value may take a machine-filled field's place: a finer time (a minute
 * beats "上个月"), a longer reading that contains the old one (the full number after its tail),
 * or the user's own correction. Anything else keeps the ticket as the agent last saw it.
 */
function morePrecise(field: string, old: EntityField, next: EntityField, correcting: boolean): boolean {
  if (field === 'time') return grainOf(next) < grainOf(old) || (correcting && grainOf(next) <= grainOf(old));
  if (JSON.stringify(old.value) === JSON.stringify(next.value)) return false;
  return correcting || (next.text.length > old.text.length && next.text.includes(old.text));
}

/**
 * Folds one message's understanding into the conversation's ticket, so it stays what the agent
 * works from: a field staff corrected (`editedBy`) is never overwritten, an empty field is filled,
 * and a machine-filled one is replaced only by a more precise value. The category is set once by
 * a confident classification (or replaces an unsure one); a different confident category later
 * becomes `categorySuggestion`, which the agent accepts or not: "谢谢" or the user's next topic
 * must not re-route or re-label the case under the agent's hands.
 */
export function mergeTicket(ticket: Ticket | undefined, understood: Understanding, source: Source): Ticket {
  const next: Ticket = { ...ticket };
  const confident = understood.category !== 'other' && understood.confidence >= CATEGORY_MIN_CONFIDENCE;
  const current = next.category;
  const unsure = !current || (!current.editedBy && (current.value === 'other' || current.confidence < CATEGORY_MIN_CONFIDENCE));
  if (unsure && (confident || !current)) {
    next.category = { value: understood.category, confidence: understood.confidence, ...source };
    delete next.categorySuggestion;
  } else if (current && !current.editedBy && confident && understood.category !== current.value) {
    next.categorySuggestion = { value: understood.category, confidence: understood.confidence, ...source };
  } else if (current && confident && understood.category === current.value) {
    delete next.categorySuggestion;
  }
  const correcting = CORRECTION.test(understood.masked);
  for (const field of fields) {
    const found = understood.entities.filter((e) => e.type === field);
    const latest = found[found.length - 1];
    if (!latest) continue;
    const read: EntityField = personal.has(field) ? { value: mask(latest.text), text: mask(latest.text), ...source } : { value: latest.value, text: latest.text, ...source };
    const old = next[field];
    if (old?.editedBy) continue;
    if (!old || morePrecise(field, old, read, correcting)) next[field] = read;
  }
  return next;
}
