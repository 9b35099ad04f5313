import { randomUUID } from 'node:crypto';
import { KefuError } from '../errors';
import { isConditionFailed, splitBatches, type Condition, type Key, type TenantStore, type WriteOp } from '../store';
import type { FaqEntry } from '../schemas';
import { faqTables as t } from './faqTables';

/*
 * Which entries are the knowledge base. Entries live under a base id (faqEntry [base, entryId]) and
 * the pointer row faqMeta ['kb'] names the current base; its row version is the knowledge base's
 * version. An edit writes into the current base together with a bump of the pointer conditional on
 * the version it read. An import that replaces many rows cannot be one atomic write (200 rows and
 * 4 MB per Tablestore request and local transaction: https://www.alibabacloud.com/help/doc-detail/91524.html,
 * https://www.alibabacloud.com/help/doc-detail/120983.html), so it is staged: the whole new base
 * is written under a new id that nothing reads, then the pointer flips to it in one single-row
 * write, conditional on the version the import started from. Killed at any point before the flip,
 * the old base is untouched (the staged rows are never read); after it, the whole import applies.
 *
 * Tenants from before bases have their entries in the `faq` table keyed [entryId] and a pointer
 * without a base: they are read as they are and copied into a base on their first change.
 */

/** Rows per read when scanning a base. */
const PAGE = 1000;

export interface Pointer {
  /** The knowledge base's version (0 before anything was written). */
  readonly version: number;
  /** The current base, or undefined for a tenant's entries of before bases (table `faq`). */
  readonly base: string | undefined;
}

export async function readPointer(db: TenantStore): Promise<Pointer> {
  const row = await db.get<{ base?: string }>(t.meta, ['kb']);
  return { version: row?.version ?? 0, base: row?.value.base };
}

const entryKey = (base: string | undefined, id: string): [string, Key] => (base === undefined ? [t.legacyEntry, [id]] : [t.entry, [base, id]]);

export async function readEntry(db: TenantStore, base: string | undefined, id: string): Promise<FaqEntry | undefined> {
  const [table, key] = entryKey(base, id);
  return (await db.get<FaqEntry>(table, key))?.value;
}

/** Every entry of a base, in id order. */
export async function readEntries(db: TenantStore, base: string | undefined): Promise<FaqEntry[]> {
  const [table, prefix] = base === undefined ? [t.legacyEntry, []] : [t.entry, [base]];
  const out: FaqEntry[] = [];
  let token: string | undefined;
  do {
    const page = await db.range<FaqEntry>(table, prefix, { limit: PAGE, ...(token ? { token } : {}) });
    for (const row of page.rows) out.push(row.value);
    token = page.nextToken;
  } while (token);
  return out;
}

/** The pointer write: the version moves on; conditional on the version read, so no change is lost. */
export function pointerOp(p: Pointer, base: string, now: Date): WriteOp {
  const condition: Condition = p.version === 0 ? 'notExists' : { version: p.version };
  return { op: 'put', table: t.meta, key: ['kb'], value: { changedAt: now.toISOString(), base }, condition };
}

/** Whether a failed write failed on the pointer (the knowledge base moved on meanwhile). */
export const pointerMoved = (err: unknown): boolean => isConditionFailed(err) && err.details?.['table'] === t.meta;

/** One entry's write into the current base, with the pointer's bump, in one batch. */
export function entryWrite(p: Pointer & { base: string }, change: { op: 'put'; entry: FaqEntry; condition: Condition } | { op: 'delete'; id: string }, now: Date): WriteOp[] {
  const key: Key = [p.base, change.op === 'put' ? change.entry.id : change.id];
  const op: WriteOp = change.op === 'put' ? { op: 'put', table: t.entry, key, value: change.entry, condition: change.condition } : { op: 'delete', table: t.entry, key, condition: 'exists' };
  return [op, pointerOp(p, p.base, now)];
}

/**
 * Writes `entries` as a new base and makes it current, unless the knowledge base moved on since
 * `from` (the pointer and the entries it named) was read: then CONFLICT, the staged rows deleted.
 * The old base's rows are deleted afterwards, best effort: rows of a base no pointer names are
 * never read.
 */
export async function replaceBase(db: TenantStore, from: Pointer & { entries: readonly FaqEntry[] }, entries: readonly FaqEntry[], now: Date, onProgress: (done: number) => void): Promise<void> {
  const base = `b${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const staged: WriteOp[] = entries.map((e) => ({ op: 'put', table: t.entry, key: [base, e.id], value: e, condition: 'notExists' }));
  let done = 0;
  for (const group of splitBatches(db.tenant, staged)) {
    await db.batchWrite(group);
    onProgress((done += group.length));
  }
  try {
    await db.put(t.meta, ['kb'], { changedAt: now.toISOString(), base }, from.version === 0 ? 'notExists' : { version: from.version });
  } catch (err) {
    // A flip whose answer was lost may have happened: the pointer says which base is current.
    const flipped = !isConditionFailed(err) && (await readPointer(db).then((p) => p.base === base, () => undefined));
    if (flipped === undefined) throw err;
    if (!flipped) {
      await dropRows(db, staged.map((op) => [op.table, op.key]));
      if (isConditionFailed(err)) throw new KefuError('CONFLICT', '导入期间知识库被修改,未导入任何条目,请重新导入');
      throw err;
    }
  }
  await dropRows(db, from.entries.map((e) => entryKey(from.base, e.id)));
}

async function dropRows(db: TenantStore, rows: readonly [string, Key][]): Promise<void> {
  await db.writeMany(rows.map(([table, key]): WriteOp => ({ op: 'delete', table, key }))).catch(() => undefined);
}
