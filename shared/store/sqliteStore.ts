import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ConditionFailedError } from './ConditionFailedError';
import {
  applyUpdate,
  checkTable,
  checkTenant,
  conditionHolds,
  decodeKey,
  describeCondition,
  encodeKey,
  encodeToken,
  rangeBounds,
} from './keyCodec';
import type { Columns, Key, RangeOptions, RangePage, Store, StoredRow, TenantStore, WriteOp } from './Store';

export interface SqliteStoreOptions {
  /** Database file; its folder is created when missing. `:memory:` for a throwaway database. */
  readonly file: string;
}

interface RawRow {
  k: string;
  v: string;
  ver: number;
}

/**
 * The embedded default driver: one SQLite file (better-sqlite3, WAL), one table of rows keyed by
 * (table, tenant, encoded key). better-sqlite3 is synchronous, so every operation runs inside one
 * transaction without interleaving: conditions and increments are atomic by construction.
 */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  if (options.file !== ':memory:') mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
  // Loaded on first use, not at import: deployed functions bundle this module but run on
  // Tablestore and ship without the native SQLite binding.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const SqliteDatabase = require('better-sqlite3') as typeof Database;
  const db = new SqliteDatabase(options.file);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commit.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS rows (
    tbl TEXT NOT NULL,
    tenant TEXT NOT NULL,
    k TEXT NOT NULL,
    v TEXT NOT NULL,
    ver INTEGER NOT NULL,
    PRIMARY KEY (tbl, tenant, k)
  ) WITHOUT ROWID`);

  const getStmt = db.prepare<[string, string, string], { v: string; ver: number }>('SELECT v, ver FROM rows WHERE tbl = ? AND tenant = ? AND k = ?');
  const versionStmt = db.prepare<[string, string, string], { ver: number }>('SELECT ver FROM rows WHERE tbl = ? AND tenant = ? AND k = ?');
  const upsertStmt = db.prepare<[string, string, string, string, number]>(
    'INSERT INTO rows (tbl, tenant, k, v, ver) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tbl, tenant, k) DO UPDATE SET v = excluded.v, ver = excluded.ver',
  );
  const deleteStmt = db.prepare<[string, string, string]>('DELETE FROM rows WHERE tbl = ? AND tenant = ? AND k = ?');
  const rangeStmts = new Map<string, Database.Statement<unknown[], RawRow>>();

  function rangeStmt(forward: boolean, from: 'none' | 'inclusive' | 'exclusive'): Database.Statement<unknown[], RawRow> {
    const id = `${forward}-${from}`;
    let stmt = rangeStmts.get(id);
    if (!stmt) {
      const op = from === 'none' ? '' : forward ? (from === 'inclusive' ? '>=' : '>') : from === 'inclusive' ? '<=' : '<';
      stmt = db.prepare<unknown[], RawRow>(
        `SELECT k, v, ver FROM rows WHERE tbl = ? AND tenant = ? AND k >= ? AND k < ?${op ? ` AND k ${op} ?` : ''} ORDER BY k ${forward ? 'ASC' : 'DESC'} LIMIT ?`,
      );
      rangeStmts.set(id, stmt);
    }
    return stmt;
  }

  function current(table: string, tenant: string, key: string): { value: Columns; version: number } | undefined {
    const row = getStmt.get(table, tenant, key);
    return row ? { value: JSON.parse(row.v) as Columns, version: row.ver } : undefined;
  }

  function writeOne(tenant: string, op: WriteOp): number {
    checkTable(op.table);
    const key = encodeKey(op.key);
    // Only an update needs the old value; put and delete only need its version.
    const existing = op.op === 'update' ? current(op.table, tenant, key) : undefined;
    const previousVersion = op.op === 'update' ? existing?.version : versionStmt.get(op.table, tenant, key)?.ver;
    if (!conditionHolds(op.condition, previousVersion)) throw new ConditionFailedError(op.table, describeCondition(op.condition));
    if (op.op === 'delete') {
      deleteStmt.run(op.table, tenant, key);
      return 0;
    }
    const value = op.op === 'put' ? op.value : applyUpdate(existing?.value, op.set);
    const version = (previousVersion ?? 0) + 1;
    upsertStmt.run(op.table, tenant, key, JSON.stringify(value), version);
    return version;
  }

  const writeTx = db.transaction((tenant: string, ops: readonly WriteOp[]) => ops.map((op) => writeOne(tenant, op)));
  const incrementTx = db.transaction((tenant: string, table: string, key: string, column: string, by: number) => {
    const existing = current(table, tenant, key);
    const previous = existing?.value[column];
    const next = (typeof previous === 'number' ? previous : 0) + by;
    upsertStmt.run(table, tenant, key, JSON.stringify({ ...existing?.value, [column]: next }), (existing?.version ?? 0) + 1);
    return next;
  });

  /** Runs synchronous work as a promise, so callers see one async API across drivers. */
  const run = <T>(fn: () => T): Promise<T> => Promise.resolve().then(fn);

  function tenantStore(tenant: string): TenantStore {
    checkTenant(tenant);
    const single = (op: WriteOp) => run(() => writeTx(tenant, [op])[0]!);
    return {
      tenant,
      get<T extends Columns = Columns>(table: string, key: Key): Promise<StoredRow<T> | undefined> {
        return run(() => {
          checkTable(table);
          const row = current(table, tenant, encodeKey(key));
          return row ? { key: [...key], value: row.value as T, version: row.version } : undefined;
        });
      },
      put: (table, key, value, condition) => single({ op: 'put', table, key, value, ...(condition ? { condition } : {}) }),
      update: (table, key, set, condition) => single({ op: 'update', table, key, set, ...(condition ? { condition } : {}) }),
      delete: (table, key, condition) => single({ op: 'delete', table, key, ...(condition ? { condition } : {}) }).then(() => undefined),
      range<T extends Columns = Columns>(table: string, prefix: Key, options?: RangeOptions): Promise<RangePage<T>> {
        return run(() => {
          checkTable(table);
          const b = rangeBounds(table, prefix, options);
          const args: unknown[] = [table, tenant, b.low, b.high];
          if (b.from) args.push(b.from.key);
          args.push(b.limit + 1);
          const raw = rangeStmt(b.forward, b.from ? (b.from.inclusive ? 'inclusive' : 'exclusive') : 'none').all(...args);
          const page = raw.slice(0, b.limit);
          const rows = page.map((r) => ({ key: decodeKey(r.k), value: JSON.parse(r.v) as T, version: r.ver }));
          const last = page[page.length - 1];
          return raw.length > b.limit && last ? { rows, nextToken: encodeToken(table, b.low, last.k) } : { rows };
        });
      },
      batchWrite: (ops) => run(() => void writeTx(tenant, ops)),
      increment: (table, key, column, by = 1) =>
        run(() => {
          checkTable(table);
          return incrementTx(tenant, table, encodeKey(key), column, by);
        }),
    };
  }

  return {
    tenant: tenantStore,
    close: () => run(() => void (db.open ? db.close() : undefined)),
  };
}
