import { KefuError } from '../errors';
import type { Condition, Key, RangeOptions, WriteOp } from './Store';
import { checkRangePrefix } from './partitions';

/**
 * Key encoding shared by the drivers: one string per key that sorts (by UTF-16 code units, as
 * SQLite's BINARY collation and JS `<` do) exactly like the key parts. Strings are escaped so the
 * part separator \u0001 never occurs inside a part; numbers are fixed-width. A prefix encoding
 * ends with the separator, so ['a'] never matches ['ab'].
 */
const SEP = '\u0001';
const NUM_WIDTH = 16;

export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;

function encodePart(part: unknown): string {
  if (typeof part === 'number') {
    if (!Number.isSafeInteger(part) || part < 0) {
      throw new KefuError('VALIDATION_FAILED', `key part must be a non-negative safe integer, got ${part}`, { reason: 'key' });
    }
    // 'n' sorts numbers together; zero-padding makes 2 < 10.
    return `n${String(part).padStart(NUM_WIDTH, '0')}`;
  }
  if (typeof part === 'string') {
    if (part.includes('\u0000') || part.includes(SEP)) {
      throw new KefuError('VALIDATION_FAILED', 'key part may not contain \\u0000 or \\u0001', { reason: 'key' });
    }
    return `s${part}`;
  }
  throw new KefuError('VALIDATION_FAILED', 'key part must be a string or a number', { reason: 'key' });
}

function decodePart(encoded: string): string | number {
  return encoded.startsWith('n') ? Number(encoded.slice(1)) : encoded.slice(1);
}

/** Encodes a full key (at least one part). */
export function encodeKey(key: Key): string {
  if (!Array.isArray(key) || key.length === 0) {
    throw new KefuError('VALIDATION_FAILED', 'key must have at least one part', { reason: 'key' });
  }
  return key.map(encodePart).join(SEP) + SEP;
}

/** Encodes a prefix (possibly empty): every key starting with it sorts in [prefix, prefixEnd). */
export function encodePrefix(prefix: Key): { low: string; high: string } {
  const low = prefix.map(encodePart).join(SEP) + (prefix.length ? SEP : '');
  return { low, high: low + '\uffff' };
}

export function decodeKey(encoded: string): Key {
  return encoded.slice(0, -1).split(SEP).map(decodePart);
}

export function checkTable(table: string): void {
  if (typeof table !== 'string' || !/^[A-Za-z][\w]{0,63}$/.test(table)) {
    throw new KefuError('VALIDATION_FAILED', `invalid table name ${String(table)}`, { reason: 'table' });
  }
}

export function checkTenant(tenant: string): void {
  if (typeof tenant !== 'string' || tenant.length === 0 || tenant.length > 128) {
    throw new KefuError('VALIDATION_FAILED', 'tenant id must be a non-empty string', { reason: 'tenant' });
  }
}

/** Whether a row with `version` (undefined = missing) satisfies the condition. */
export function conditionHolds(condition: Condition | undefined, version: number | undefined): boolean {
  if (condition === undefined) return true;
  if (condition === 'exists') return version !== undefined;
  if (condition === 'notExists') return version === undefined;
  return version === condition.version;
}

export function describeCondition(condition: Condition | undefined): string {
  return typeof condition === 'object' ? `version=${condition.version}` : String(condition);
}

export interface RangeBounds {
  readonly low: string;
  readonly high: string;
  readonly forward: boolean;
  readonly limit: number;
  /** Resume point: going forward rows > after (or >= start), going backward rows < after (or <= start). */
  readonly from?: { readonly key: string; readonly inclusive: boolean };
}

/**
 * Turns range options into encoded bounds. The token is the last key of the previous page, so a
 * page boundary never repeats or skips a row even if rows are written between pages.
 */
export function rangeBounds(table: string, prefix: Key, options: RangeOptions = {}): RangeBounds {
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new KefuError('VALIDATION_FAILED', `limit must be 1-${MAX_LIMIT}`, { reason: 'limit' });
  }
  checkRangePrefix(table, prefix);
  const { low, high } = encodePrefix(prefix);
  const forward = (options.direction ?? 'forward') === 'forward';
  let from: RangeBounds['from'];
  if (options.token !== undefined) {
    from = { key: decodeToken(options.token, table, low), inclusive: false };
  } else if (options.start !== undefined) {
    from = { key: encodeKey(options.start), inclusive: true };
  }
  return { low, high, forward, limit, ...(from ? { from } : {}) };
}

interface TokenBody {
  t: string;
  p: string;
  k: string;
}

export function encodeToken(table: string, prefixLow: string, lastKey: string): string {
  const body: TokenBody = { t: table, p: prefixLow, k: lastKey };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

function decodeToken(token: string, table: string, prefixLow: string): string {
  try {
    const body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
    // A token only continues the range it came from.
    if (body.t === table && body.p === prefixLow && typeof body.k === 'string' && body.k.startsWith(prefixLow)) return body.k;
  } catch {
    // fall through
  }
  throw new KefuError('VALIDATION_FAILED', 'invalid continuation token', { reason: 'token' });
}

/** Deep copy through JSON: what a store returns can never alias what it keeps. */
export function cloneColumns<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Applies an update: set columns, null removes a column. */
export function applyUpdate(previous: Record<string, unknown> | undefined, set: Record<string, unknown>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...previous };
  for (const [column, value] of Object.entries(set)) {
    if (value === null) delete next[column];
    else if (value !== undefined) next[column] = value;
  }
  return next;
}

/**
 * Deep copy of a value that came out of JSON.parse (only objects, arrays and primitives): about
 * three times faster than parsing its text again. Not for values a caller handed in, which may
 * hold what JSON would change (undefined, dates, toJSON): those go through {@link cloneColumns}.
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i] as unknown);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const v = cloneJson((value as Record<string, unknown>)[key]);
    // JSON.parse makes "__proto__" an own key; an assignment would set the prototype instead.
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out as T;
}

/*
 * What one atomic batch may hold. Tablestore takes at most 200 rows and 4 MB in one BatchWriteRow,
 * and a local transaction (which every multi-row batch runs in) takes at most 4 MB of writes and
 * lives at most 60 s:
 *   https://www.alibabacloud.com/help/doc-detail/91524.html (general limits: BatchWriteRow 200 rows, 4 MB)
 *   https://www.alibabacloud.com/help/en/tablestore/developer-reference/batch-write-row-in-nodejs
 *   https://www.alibabacloud.com/help/doc-detail/172551.htm (local transaction: 60 s, 4 MB)
 * Every driver refuses a larger batch the same way, so a too-big batch fails in a unit test on the
 * memory store rather than first in production.
 */
export const MAX_BATCH_ROWS = 200;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** Bytes of framing per row and per cell the estimate adds (PlainBuffer tags, lengths, checksums). */
const ROW_OVERHEAD = 64;
const CELL_OVERHEAD = 16;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** A column's physical name length, as the Tablestore driver names it (c_name, or x_hex for others). */
function columnBytes(name: string): number {
  return /^[A-Za-z][A-Za-z0-9_]{0,200}$/.test(name) ? name.length + 2 : utf8(name) * 2 + 2;
}

/**
 * An upper estimate of the bytes one op takes in a Tablestore request: the primary key (tenant,
 * table, encoded key) and every column as the driver encodes it (JSON text; integers as 8 bytes),
 * plus the version column. The same number on every driver, so the limit is the same everywhere.
 */
export function opBytes(tenant: string, op: WriteOp): number {
  let bytes = ROW_OVERHEAD + utf8(tenant) + utf8(op.table) + utf8(encodeKey(op.key)) + 3 * CELL_OVERHEAD;
  const columns = op.op === 'put' ? op.value : op.op === 'update' ? op.set : {};
  for (const [name, v] of Object.entries(columns)) {
    if (v === undefined) continue;
    bytes += CELL_OVERHEAD + columnBytes(name);
    if (v !== null) bytes += typeof v === 'number' && Number.isSafeInteger(v) ? 8 : utf8(JSON.stringify(v) ?? '');
  }
  return bytes + CELL_OVERHEAD + 8;
}

function tooLarge(rows: number, bytes: number): KefuError {
  return new KefuError('BATCH_TOO_LARGE', `batch of ${rows} rows and ~${bytes} bytes exceeds one request (${MAX_BATCH_ROWS} rows, ${MAX_BATCH_BYTES} bytes)`, {
    rows,
    bytes,
    maxRows: MAX_BATCH_ROWS,
    maxBytes: MAX_BATCH_BYTES,
  });
}

/**
 * Refuses an atomic batch larger than one service request (and one transaction) allows. A driver
 * that has each put's JSON text already (to write it) passes it as `jsons`: a bound from those
 * lengths settles nearly every batch without opBytes' column-by-column encoding, and only a batch
 * the bound cannot clear is counted exactly, so the answer is the same on every driver.
 */
export function checkBatch(tenant: string, ops: readonly WriteOp[], jsons?: readonly (string | undefined)[]): void {
  if (ops.length > MAX_BATCH_ROWS) throw tooLarge(ops.length, -1);
  if (jsons && batchBound(tenant, ops, jsons) <= MAX_BATCH_BYTES) return;
  let bytes = 0;
  for (const op of ops) bytes += opBytes(tenant, op);
  if (bytes > MAX_BATCH_BYTES) throw tooLarge(ops.length, bytes);
}

/**
 * At least opBytes' sum for JSON values, from the puts' JSON texts: a UTF-16 unit is at most 3 bytes
 * of UTF-8, a column's name is counted twice by columnBytes at worst, and an integer's 8 bytes are
 * added for every column. An op without its text (an update, a delete) is counted exactly.
 */
export function batchBound(tenant: string, ops: readonly WriteOp[], jsons: readonly (string | undefined)[]): number {
  const fixed = ROW_OVERHEAD + 3 * tenant.length + 3 * CELL_OVERHEAD + CELL_OVERHEAD + 8;
  let bound = 0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    const json = jsons[i];
    if (op.op !== 'put' || json === undefined) {
      bound += opBytes(tenant, op);
      continue;
    }
    let keyChars = 0;
    for (const part of op.key) keyChars += typeof part === 'number' ? 18 : String(part).length + 2;
    bound += fixed + 3 * (op.table.length + keyChars) + Object.keys(op.value).length * (CELL_OVERHEAD + 10) + 6 * json.length;
  }
  return bound;
}

/**
 * Cuts ops, in order, into groups that each fit one atomic batch (or tighter `limits`, for a
 * caller that adds rows of its own to every group). A single op that alone exceeds the limit
 * cannot be written at all and is refused before anything is written.
 */
export function splitBatches(tenant: string, ops: readonly WriteOp[], limits: { readonly rows: number; readonly bytes: number } = { rows: MAX_BATCH_ROWS, bytes: MAX_BATCH_BYTES }): WriteOp[][] {
  const groups: WriteOp[][] = [];
  let group: WriteOp[] = [];
  let bytes = 0;
  for (const op of ops) {
    const size = opBytes(tenant, op);
    if (size > limits.bytes) throw tooLarge(1, size);
    if (group.length >= limits.rows || bytes + size > limits.bytes) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(op);
    bytes += size;
  }
  if (group.length) groups.push(group);
  return groups;
}

/** The port's `writeMany` for every driver: service-sized atomic batches, one after another, in order. */
export async function writeInBatches(tenant: string, ops: readonly WriteOp[], batchWrite: (ops: readonly WriteOp[]) => Promise<void>): Promise<void> {
  for (const group of splitBatches(tenant, ops)) await batchWrite(group);
}
