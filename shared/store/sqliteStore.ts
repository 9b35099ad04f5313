import type Database from 'better-sqlite3';
import { ConditionFailedError } from './ConditionFailedError';
import { groupCommit, type GroupedWrite } from './sqliteGroupCommit';
import { openSqlite } from './openSqlite';
import { prepareRowStatements } from './sqliteStatements';
import {
  applyUpdate,
  checkBatch,
  checkTable,
  checkTenant,
  cloneJson,
  conditionHolds,
  decodeKey,
  describeCondition,
  encodeKey,
  encodeToken,
  rangeBounds,
  writeInBatches,
} from './keyCodec';
import type { Columns, Key, RangeOptions, RangePage, Store, StoredRow, TenantStore, WriteOp } from './Store';

export interface SqliteStoreOptions {
  /** Database file; its folder is created when missing. `:memory:` for a throwaway database. */
  readonly file: string;
}

/**
 * A row as this connection last knew it: its version and stored text, and the parsed value once
 * something read it. Never handed out (readers get copies), so it cannot be changed from outside.
 * `null` is a row known to be missing.
 */
interface Known {
  readonly ver: number;
  readonly json: string;
  value?: Columns;
}
type Entry = Known | null;

/** Rows kept in memory; beyond that the least recently written go first. */
const CACHE_ROWS = 10_000;
/** Larger rows are not kept: a few would hold most of the memory and they are rarely hot. */
const CACHE_MAX_JSON = 64 * 1024;
/** Tenants' views kept (see `tenant` below). */
const TENANT_VIEWS = 1024;

/**
 * The embedded default driver: one SQLite file (better-sqlite3, WAL), one table of rows keyed by
 * (table, tenant, encoded key). better-sqlite3 is synchronous, so every operation runs inside one
 * transaction without interleaving: conditions and increments are atomic by construction. The
 * writes asked for during one event-loop turn share one transaction, each in its own savepoint
 * (see commitGroup), and the WAL is copied back from another thread (see sqliteCheckpointer).
 *
 * Rows this connection read or wrote are kept in memory by (table, tenant, key), so a read is a
 * copy from memory and a write knows the row's version without asking SQLite. The cache is only
 * trusted while `PRAGMA data_version` is unchanged: it changes when any other connection (the CLI,
 * another server on the same file) commits, and then the whole cache is dropped. Writes check it
 * inside their (IMMEDIATE) transaction, so no other writer can commit between check and write;
 * what a transaction learns reaches the cache only when it commits.
 */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  // Loaded on first use, not at import: deployed functions bundle this module but run on
  // Tablestore and ship without the native SQLite binding.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const SqliteDatabase = require('better-sqlite3') as typeof Database;
  const { db, checkpointer } = openSqlite(SqliteDatabase, options.file);

  const { getStmt, versionStmt, dataVersionStmt, upsertStmt, deleteStmt, putAnyStmt, putNewStmt, replaceStmt, replaceVersionStmt, deleteExistingStmt, deleteVersionStmt, rangeStmt } = prepareRowStatements(db);

  const cache = new Map<string, Entry>();
  let seenDataVersion = dataVersionStmt.get()!;
  /** What the running caller's writes learned; reaches `cache` when they commit. `undefined` forgets a row. */
  let pending: Map<string, Entry | undefined> | undefined;
  /** What the earlier callers of the open group transaction learned (see commitGroup). */
  let grouped: Map<string, Entry | undefined> | undefined;

  /** Drops the cache when another connection committed since this one last looked. */
  function sync(): void {
    const now = dataVersionStmt.get()!;
    if (now !== seenDataVersion) {
      cache.clear();
      seenDataVersion = now;
    }
  }

  // Table names cannot hold \u0000 and encoded keys never do, so the id splits one way only.
  const cacheId = (table: string, tenant: string, key: string) => `${table}\u0000${tenant}\u0000${key}`;

  function remember(id: string, entry: Entry | undefined): void {
    if (entry && entry.json.length > CACHE_MAX_JSON) entry = undefined;
    if (pending) {
      pending.set(id, entry);
      return;
    }
    cache.delete(id);
    if (entry === undefined) return;
    if (cache.size >= CACHE_ROWS) cache.delete(cache.keys().next().value!);
    cache.set(id, entry);
  }

  /** The row as known (pending writes first), or `undefined` when only SQLite knows. */
  function lookup(id: string): Entry | undefined {
    if (pending?.has(id)) return pending.get(id) ?? undefined;
    if (grouped?.has(id)) return grouped.get(id) ?? undefined;
    return cache.get(id);
  }

  /** The row, from memory or else from SQLite (and then remembered). */
  function known(table: string, tenant: string, key: string, id: string): Entry {
    const entry = lookup(id);
    if (entry !== undefined) return entry;
    const row = getStmt.get(table, tenant, key);
    const read: Entry = row ? { ver: row.ver, json: row.v } : null;
    remember(id, read);
    return read;
  }

  const valueOf = (entry: Known): Columns => (entry.value ??= JSON.parse(entry.json) as Columns);

  /** `json`: a put's value as JSON text when the caller made it already (batchWrite). */
  function writeOne(tenant: string, op: WriteOp, json?: string): number {
    checkTable(op.table);
    const key = encodeKey(op.key);
    const id = cacheId(op.table, tenant, key);
    const fail = () => new ConditionFailedError(op.table, describeCondition(op.condition));
    if (op.op === 'update') {
      // The old value is needed: from memory, else read once.
      const previous = known(op.table, tenant, key, id);
      if (!conditionHolds(op.condition, previous?.ver)) throw fail();
      return writeKnown(op.table, tenant, key, id, previous, JSON.stringify(applyUpdate(previous ? valueOf(previous) : undefined, op.set)));
    }
    // Put and delete need only the version, when it is known.
    const previous = lookup(id);
    if (previous !== undefined) {
      if (!conditionHolds(op.condition, previous?.ver)) throw fail();
      if (op.op === 'put') return writeKnown(op.table, tenant, key, id, previous, json ?? JSON.stringify(op.value));
      if (previous) deleteStmt.run(op.table, tenant, key);
      remember(id, null);
      return 0;
    }
    // Unknown here: one statement checks the condition and writes.
    const c = op.condition;
    if (op.op === 'delete') {
      if (c === undefined) deleteStmt.run(op.table, tenant, key);
      // Deleting a row that must not exist deletes nothing; only whether it exists matters.
      else if (c === 'notExists' ? versionStmt.get(op.table, tenant, key) !== undefined : deleteCondition(c, op.table, tenant, key) === undefined) throw fail();
      remember(id, null);
      return 0;
    }
    json ??= JSON.stringify(op.value);
    const args: [string, string, string, string] = [op.table, tenant, key, json];
    const version =
      c === undefined
        ? putAnyStmt.get(...args)
        : c === 'notExists'
          ? putNewStmt.get(...args)
          : c === 'exists'
            ? replaceStmt.get(json, op.table, tenant, key)
            : replaceVersionStmt.get(json, op.table, tenant, key, c.version);
    if (version === undefined) throw fail();
    // A new or unread row is not kept: most are written once and never read by key again (events,
    // understandings), and keeping them would only churn the cache and the heap.
    return version;
  }

  /** Deletes the row if it exists (at the version); its old version, or undefined when it did not. */
  function deleteCondition(c: 'exists' | { readonly version: number }, table: string, tenant: string, key: string): number | undefined {
    return c === 'exists' ? deleteExistingStmt.get(table, tenant, key) : deleteVersionStmt.get(table, tenant, key, c.version);
  }

  /**
   * Writes a row whose previous state is known; returns the new version. The new state is kept
   * only for a row that existed (one that is read and written again, like a conversation).
   */
  function writeKnown(table: string, tenant: string, key: string, id: string, previous: Entry, json: string): number {
    const version = (previous?.ver ?? 0) + 1;
    upsertStmt.run(table, tenant, key, json, version);
    remember(id, previous ? { ver: version, json } : undefined);
    return version;
  }

  function incrementOne(tenant: string, table: string, key: string, column: string, by: number): number {
    const id = cacheId(table, tenant, key);
    const existing = known(table, tenant, key, id);
    const value = existing ? valueOf(existing) : undefined;
    const previous = value?.[column];
    const next = (typeof previous === 'number' ? previous : 0) + by;
    writeKnown(table, tenant, key, id, existing, JSON.stringify({ ...value, [column]: next }));
    return next;
  }

  const inTransaction = db.transaction((work: () => unknown): unknown => {
    sync();
    return work();
  });

  /**
   * Runs writes in one IMMEDIATE transaction (the write lock first, so the cache check and the
   * writes see the same database); what it learned reaches the cache only after the commit.
   */
  function write<T>(work: () => T): T {
    pending = new Map();
    let learned: Map<string, Entry | undefined> | undefined;
    try {
      const result = inTransaction.immediate(work) as T;
      learned = pending;
      return result;
    } catch (err) {
      // Rolled back: SQLite is as before, and so is the cache; anything but a refused condition
      // may have left SQLite in a state the cache does not know (a failed COMMIT), so forget it all.
      if (!(err instanceof ConditionFailedError)) cache.clear();
      throw err;
    } finally {
      pending = undefined;
      if (learned) for (const [id, entry] of learned) remember(id, entry);
    }
  }

  // Inside the group's transaction each caller's writes get a savepoint of their own.
  const inSavepoint = db.transaction((work: () => unknown): unknown => work());

  /**
   * The writes of one event-loop turn in one IMMEDIATE transaction, each caller's in a savepoint:
   * a caller whose condition fails (or whose input is refused) is rolled back alone and the others
   * commit. An error of SQLite itself may have ended the whole transaction (a full disk, a failed
   * COMMIT): then the group is rolled back and every caller is written alone, as before grouping,
   * so only the one at fault fails and nothing the others asked for is lost.
   */
  function commitGroup(writes: readonly GroupedWrite[]): void {
    const alone = (w: GroupedWrite) => {
      try {
        w.resolve(write(w.work));
      } catch (err) {
        w.reject(err);
      }
    };
    if (writes.length === 1) return alone(writes[0]!);
    const outcomes: { ok: boolean; value: unknown }[] = [];
    let learned: Map<string, Entry | undefined> | undefined;
    grouped = new Map();
    let began = false;
    let failure: unknown;
    try {
      inTransaction.immediate(() => {
        began = true;
        for (const w of writes) {
          pending = new Map();
          try {
            const value = inSavepoint(w.work);
            for (const [id, entry] of pending) grouped!.set(id, entry);
            outcomes.push({ ok: true, value });
          } catch (err) {
            if (err instanceof SqliteDatabase.SqliteError) throw err;
            outcomes.push({ ok: false, value: err });
          } finally {
            pending = undefined;
          }
        }
      });
      learned = grouped;
    } catch (err) {
      failure = err;
      cache.clear();
    } finally {
      grouped = undefined;
      pending = undefined;
    }
    // The write lock was not had (another process held it past busy_timeout): nothing ran, and
    // each caller alone would wait as long again with the event loop stopped. They all hear it.
    if (!learned && !began) return writes.forEach((w) => w.reject(failure));
    if (!learned) return writes.forEach(alone);
    for (const [id, entry] of learned) remember(id, entry);
    writes.forEach((w, i) => (outcomes[i]!.ok ? w.resolve(outcomes[i]!.value) : w.reject(outcomes[i]!.value)));
  }
  const group = groupCommit(commitGroup);
  const queued = <T>(work: () => T): Promise<T> => group.write(work);
  /**
   * Reads wait for the writes asked for before them, so a caller that did not await its write
   * still reads it (as when every write was its own microtask).
   */
  const afterWrites = <T>(fn: () => T): Promise<T> => {
    const waiting = group.settled();
    return waiting ? waiting.then(fn) : run(fn);
  };

  /** Runs synchronous work as a promise, so callers see one async API across drivers. */
  const run = <T>(fn: () => T): Promise<T> => Promise.resolve().then(fn);

  function tenantStore(tenant: string): TenantStore {
    checkTenant(tenant);
    const single = (op: WriteOp) => queued(() => writeOne(tenant, op));
    return {
      tenant,
      get<T extends Columns = Columns>(table: string, key: Key): Promise<StoredRow<T> | undefined> {
        return afterWrites(() => {
          checkTable(table);
          const encoded = encodeKey(key);
          sync();
          const id = cacheId(table, tenant, encoded);
          const entry = cache.get(id);
          if (entry !== undefined) return entry ? { key: [...key], value: cloneJson(valueOf(entry)) as T, version: entry.ver } : undefined;
          const row = getStmt.get(table, tenant, encoded);
          remember(id, row ? { ver: row.ver, json: row.v } : null);
          return row ? { key: [...key], value: JSON.parse(row.v) as T, version: row.ver } : undefined;
        });
      },
      put: (table, key, value, condition) => single({ op: 'put', table, key, value, ...(condition ? { condition } : {}) }),
      update: (table, key, set, condition) => single({ op: 'update', table, key, set, ...(condition ? { condition } : {}) }),
      delete: (table, key, condition) => single({ op: 'delete', table, key, ...(condition ? { condition } : {}) }).then(() => undefined),
      range<T extends Columns = Columns>(table: string, prefix: Key, options?: RangeOptions): Promise<RangePage<T>> {
        return afterWrites(() => {
          checkTable(table);
          const b = rangeBounds(table, prefix, options);
          const args: unknown[] = [table, tenant, b.low, b.high];
          if (b.from) args.push(b.from.key);
          args.push(b.limit + 1);
          const from = b.from ? (b.from.inclusive ? 'inclusive' : 'exclusive') : 'none';
          // One (read) transaction, so the cache check and the rows come from one snapshot.
          const rows = inTransaction.deferred(() => rangeRows<T>(table, b.forward, from, args)) as { k: string; row: StoredRow<T> }[];
          const page = rows.slice(0, b.limit);
          const last = page[page.length - 1];
          return rows.length > b.limit && last ? { rows: page.map((r) => r.row), nextToken: encodeToken(table, b.low, last.k) } : { rows: page.map((r) => r.row) };
        });
      },
      // SQLite could take any size; the limit is the port's, so a batch too big for Tablestore
      // fails here too.
      // Checked inside the queued work: a refused batch fails alone (its savepoint) and keeps its place in order.
      batchWrite: (ops) =>
        queued(() => {
          // Each put's text is made once: for the size check and for the row.
          const jsons = ops.map((op) => (op.op === 'put' ? JSON.stringify(op.value) : undefined));
          checkBatch(tenant, ops, jsons);
          ops.forEach((op, i) => writeOne(tenant, op, jsons[i]));
        }),
      writeMany: (ops) => writeInBatches(tenant, ops, (group) => queued(() => void group.forEach((op) => writeOne(tenant, op)))),
      increment: (table, key, column, by = 1) =>
        queued(() => {
          checkTable(table);
          return incrementOne(tenant, table, encodeKey(key), column, by);
        }),
      // Every batch is one SQLite transaction: nothing is ever left half-written.
      recover: () => Promise.resolve(0),
    };

    /**
     * A range's rows: keys and versions from SQLite and the values from the cache when it holds
     * every one of them at that version (a console re-reading its inbox), else all from SQLite.
     */
    function rangeRows<T extends Columns>(table: string, forward: boolean, from: 'none' | 'inclusive' | 'exclusive', args: unknown[]): { k: string; row: StoredRow<T> }[] {
      const heads = rangeStmt(forward, from, false).all(...args);
      const hits: Known[] = [];
      for (const h of heads) {
        const entry = cache.get(cacheId(table, tenant, h.k));
        if (!entry || entry.ver !== h.ver) break;
        hits.push(entry);
      }
      if (hits.length === heads.length) {
        return heads.map((h, i) => ({ k: h.k, row: { key: decodeKey(h.k), value: cloneJson(valueOf(hits[i]!)) as T, version: h.ver } }));
      }
      return rangeStmt(forward, from, true)
        .all(...args)
        .map((r) => {
          remember(cacheId(table, tenant, r.k), { ver: r.ver, json: r.v });
          return { k: r.k, row: { key: decodeKey(r.k), value: JSON.parse(r.v) as T, version: r.ver } };
        });
    }
  }

  const tenantViews = new Map<string, TenantStore>();
  let closed: Promise<void> | undefined;
  return {
    // A view per tenant made once (every request asks, and a view is a dozen closures); at most
    // TENANT_VIEWS kept, so tenant names from unauthenticated routes cannot grow the map.
    tenant: (tenant: string) => {
      let view = tenantViews.get(tenant);
      if (view) return view;
      if (tenantViews.size >= TENANT_VIEWS) tenantViews.delete(tenantViews.keys().next().value!);
      tenantViews.set(tenant, (view = tenantStore(tenant)));
      return view;
    },
    // The writes already asked for are committed first; then the checkpointing thread stops.
    close: () =>
      (closed ??= queued(() => undefined)
        .then(() => checkpointer?.close())
        .then(() => {
          cache.clear();
          if (db.open) db.close();
        })),
  };
}
