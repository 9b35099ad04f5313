import type Database from 'better-sqlite3';

/** A row of a range read: its key, its version and (unless only heads were asked for) its value. */
export interface RawRow {
  k: string;
  v: string;
  ver: number;
}

type KeyArgs = [string, string, string];
type Stmt<A extends unknown[], R = unknown> = Database.Statement<A, R>;

/** The statements, named (declaration emit for `tsc -b` cannot name better-sqlite3's inner namespace). */
export interface RowStatements {
  getStmt: Stmt<KeyArgs, { v: string; ver: number }>;
  versionStmt: Stmt<KeyArgs, number>;
  dataVersionStmt: Stmt<[], number>;
  upsertStmt: Stmt<[string, string, string, string, number]>;
  deleteStmt: Stmt<KeyArgs>;
  putAnyStmt: Stmt<[string, string, string, string], number>;
  putNewStmt: Stmt<[string, string, string, string], number>;
  replaceStmt: Stmt<[string, string, string, string], number>;
  replaceVersionStmt: Stmt<[string, string, string, string, number], number>;
  deleteExistingStmt: Stmt<KeyArgs, number>;
  deleteVersionStmt: Stmt<[string, string, string, number], number>;
  rangeStmt: (forward: boolean, from: 'none' | 'inclusive' | 'exclusive', withValues: boolean) => Stmt<unknown[], RawRow>;
}

/** Every statement the sqlite store runs, prepared once per connection. */
export function prepareRowStatements(db: Database.Database): RowStatements {
  const where = 'WHERE tbl = ? AND tenant = ? AND k = ?';
  const getStmt = db.prepare<KeyArgs, { v: string; ver: number }>(`SELECT v, ver FROM rows ${where}`);
  const versionStmt = db.prepare<KeyArgs, number>(`SELECT ver FROM rows ${where}`).pluck();
  const dataVersionStmt = db.prepare<[], number>('PRAGMA data_version').pluck();
  // The version is known (from the cache or a read in this transaction): one plain write.
  const upsertStmt = db.prepare<[string, string, string, string, number]>(
    'INSERT INTO rows (tbl, tenant, k, v, ver) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tbl, tenant, k) DO UPDATE SET v = excluded.v, ver = excluded.ver',
  );
  const deleteStmt = db.prepare<KeyArgs>(`DELETE FROM rows ${where}`);
  // The version is unknown: one statement checks the condition, writes and says the new version
  // (no row back = the condition failed), instead of a SELECT and then a write.
  const insert = 'INSERT INTO rows (tbl, tenant, k, v, ver) VALUES (?, ?, ?, ?, 1) ON CONFLICT (tbl, tenant, k)';
  const putAnyStmt = db.prepare<[string, string, string, string], number>(`${insert} DO UPDATE SET v = excluded.v, ver = rows.ver + 1 RETURNING ver`).pluck();
  const putNewStmt = db.prepare<[string, string, string, string], number>(`${insert} DO NOTHING RETURNING ver`).pluck();
  const replaceStmt = db.prepare<[string, string, string, string], number>(`UPDATE rows SET v = ?, ver = ver + 1 ${where} RETURNING ver`).pluck();
  const replaceVersionStmt = db.prepare<[string, string, string, string, number], number>(`UPDATE rows SET v = ?, ver = ver + 1 ${where} AND ver = ? RETURNING ver`).pluck();
  const deleteExistingStmt = db.prepare<KeyArgs, number>(`DELETE FROM rows ${where} RETURNING ver`).pluck();
  const deleteVersionStmt = db.prepare<[string, string, string, number], number>(`DELETE FROM rows ${where} AND ver = ? RETURNING ver`).pluck();
  const rangeStmts = new Map<string, Database.Statement<unknown[], RawRow>>();

  /** A range's rows, with their values (`withValues`) or only keys and versions, to be served from the cache. */
  function rangeStmt(forward: boolean, from: 'none' | 'inclusive' | 'exclusive', withValues: boolean): Database.Statement<unknown[], RawRow> {
    const id = `${forward}-${from}-${withValues}`;
    let stmt = rangeStmts.get(id);
    if (!stmt) {
      const op = from === 'none' ? '' : forward ? (from === 'inclusive' ? '>=' : '>') : from === 'inclusive' ? '<=' : '<';
      stmt = db.prepare<unknown[], RawRow>(
        `SELECT k, ${withValues ? 'v, ' : ''}ver FROM rows WHERE tbl = ? AND tenant = ? AND k >= ? AND k < ?${op ? ` AND k ${op} ?` : ''} ORDER BY k ${forward ? 'ASC' : 'DESC'} LIMIT ?`,
      );
      rangeStmts.set(id, stmt);
    }
    return stmt;
  }

  return { getStmt, versionStmt, dataVersionStmt, upsertStmt, deleteStmt, putAnyStmt, putNewStmt, replaceStmt, replaceVersionStmt, deleteExistingStmt, deleteVersionStmt, rangeStmt };
}
