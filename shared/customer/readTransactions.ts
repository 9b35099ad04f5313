import type { CustomerTransaction } from './CustomerData';

/** The transactions a merchant's answer held that Kefu can use, and why the rest was left out. */
export interface ReadTransactions {
  readonly transactions: CustomerTransaction[];
  /**
   * One line a thing left out: `transactions[3]: amountFen is not a whole number of fen`, or
   * `transactions[0].refundStage dropped: not one of applied, approved, processing, refunded`.
   * Field names and positions only, never values: the lines go to the log.
   */
  readonly dropped: string[];
}

const TYPES = ['payment', 'transfer', 'refund', 'repayment', 'order'] as const;
const STATUSES = ['success', 'failed', 'pending'] as const;
const REFUND_STAGES = ['applied', 'approved', 'processing', 'refunded'] as const;
const ORDER_STAGES = ['unshipped', 'shipped', 'inTransit', 'delivered'] as const;
/** A list longer than this is cut: a flow looks at 30 days of one user, not a data dump. */
const MAX_TRANSACTIONS = 2000;
/** Free text the card shows (a reason, a tracking line) is cut to this many characters. */
const MAX_TEXT = 200;
const REF = /^[A-Za-z0-9_-]{1,64}$/;

type Check = (v: unknown) => string | undefined;

const isTime: Check = (v) => (typeof v === 'string' && v.length <= 40 && Number.isFinite(Date.parse(v)) ? undefined : 'not an ISO 8601 time');
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `not one of ${values.join(', ')}`;
const isRef: Check = (v) => (typeof v === 'string' && REF.test(v) ? undefined : 'not 1-64 letters, digits, _ or -');
const isText: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'not a text');

/** What a transaction cannot do without: without one of these it is left out whole. */
const REQUIRED: Record<'id' | 'at' | 'amountFen' | 'type' | 'status' | 'counterparty', Check> = {
  id: (v) => (typeof v === 'string' && v !== '' && v.length <= 128 ? undefined : 'not a text of 1-128 characters'),
  at: isTime,
  amountFen: (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? undefined : 'not a whole number of fen'),
  type: oneOf(TYPES),
  status: oneOf(STATUSES),
  counterparty: (v) => (typeof v === 'string' && v.length <= MAX_TEXT ? undefined : `not a text of at most ${MAX_TEXT} characters`),
};

/** What a transaction may carry: a bad one is dropped and the transaction kept. */
const OPTIONAL: Record<'tradeNo' | 'orderNo' | 'failReason' | 'refundStage' | 'expectedBy' | 'dueAt' | 'orderStage' | 'tracking' | 'deviceId' | 'city', Check> = {
  tradeNo: isRef,
  orderNo: isRef,
  failReason: isText,
  refundStage: oneOf(REFUND_STAGES),
  expectedBy: isTime,
  dueAt: isTime,
  orderStage: oneOf(ORDER_STAGES),
  tracking: isText,
  deviceId: (v) => (typeof v === 'string' && v.length <= 128 ? undefined : 'not a text of at most 128 characters'),
  city: (v) => (typeof v === 'string' && v.length <= 64 ? undefined : 'not a text of at most 64 characters'),
};

/**
 * The merchant's `transactions` as Kefu's type, checked field by field, so a merchant's mistake
 * costs one field or one transaction and never a crash further on (a flow formatting a refund
 * stage it does not know, a card with NaN 元). Fields Kefu does not know are not copied.
 */
export function readTransactions(value: unknown): ReadTransactions {
  if (value === undefined) return { transactions: [], dropped: [] };
  if (!Array.isArray(value)) return { transactions: [], dropped: ['transactions: not a list, none read'] };
  const dropped: string[] = [];
  if (value.length > MAX_TRANSACTIONS) dropped.push(`transactions: ${value.length} given, the first ${MAX_TRANSACTIONS} read`);
  const transactions: CustomerTransaction[] = [];
  value.slice(0, MAX_TRANSACTIONS).forEach((raw: unknown, i) => {
    const t = readOne(raw, `transactions[${i}]`, dropped);
    if (t) transactions.push(t);
  });
  return { transactions, dropped };
}

function readOne(raw: unknown, where: string, dropped: string[]): CustomerTransaction | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    dropped.push(`${where}: not an object, left out`);
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  for (const [field, check] of Object.entries(REQUIRED)) {
    const why = check(r[field]);
    if (why) {
      dropped.push(`${where}: ${field} ${r[field] === undefined ? 'missing' : why}, left out`);
      return undefined;
    }
  }
  const optional: Record<string, string> = {};
  for (const [field, check] of Object.entries(OPTIONAL)) {
    const v = r[field];
    if (v === undefined || v === null) continue;
    const why = check(v);
    if (why) dropped.push(`${where}.${field} dropped: ${why}`);
    else optional[field] = field === 'failReason' || field === 'tracking' ? (v as string).trim().slice(0, MAX_TEXT) : (v as string);
  }
  // The risk view reads the device and city of each transaction; a merchant without them gives none.
  return { ...(optional as Partial<CustomerTransaction>), id: r['id'] as string, at: r['at'] as string, amountFen: r['amountFen'] as number, type: r['type'] as CustomerTransaction['type'], status: r['status'] as CustomerTransaction['status'], counterparty: r['counterparty'] as string, deviceId: optional['deviceId'] ?? '', city: optional['city'] ?? '' };
}
