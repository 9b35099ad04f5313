import type { CustomerEvent, CustomerEventType } from './CustomerData';

const TYPES: readonly CustomerEventType[] = ['paymentFailed', 'refundPending', 'transferPending', 'repaymentDue', 'loginAnomaly'];

/**
 * The merchant's `events` that Kefu can use: an object with a known type and an ISO 8601 time,
 * and an amount only when it is a whole number of fen. The rest is left out, so a merchant's
 * mistake costs an event and never 猜你想问 (which reads each event's type and time).
 */
export function readEvents(value: unknown): { events: CustomerEvent[]; dropped: number } {
  if (!Array.isArray(value)) return { events: [], dropped: value === undefined ? 0 : 1 };
  const events: CustomerEvent[] = [];
  for (const raw of value as unknown[]) {
    const e = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const type = TYPES.find((t) => t === e['type']);
    const at = typeof e['at'] === 'string' && Number.isFinite(Date.parse(e['at'])) ? e['at'] : undefined;
    if (!type || !at) continue;
    const amount = e['amountFen'];
    events.push({ type, at, ...(typeof amount === 'number' && Number.isSafeInteger(amount) && amount >= 0 ? { amountFen: amount } : {}) });
  }
  return { events, dropped: value.length - events.length };
}
