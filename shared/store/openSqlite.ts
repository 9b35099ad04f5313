import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { startSqliteCheckpointer } from './sqliteCheckpointer';
import { ensureRowsTable } from './sqliteSchema';

/**
 * Opens the store's SQLite file as the driver uses it: WAL, the pragmas below, the rows table, and
 * checkpoints on a thread of their own. `Database` is the binding's class, loaded by the caller.
 */
export function openSqlite(SqliteDatabase: typeof Database, file: string): { db: Database.Database; checkpointer?: { close(): Promise<void> } } {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commit.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // A RETURNING clause keeps its rows in a temporary table; on disk (this build's default) that
  // made every write that returns its version a third dearer than a SELECT and a write.
  db.pragma('temp_store = MEMORY');
  ensureRowsTable(db);
  if (file === ':memory:') return { db };
  // Checkpoints run on their own thread (see sqliteCheckpointer); SQLite's automatic ones, inside
  // a commit of the request thread, only while that thread is not running.
  const checkpointer = startSqliteCheckpointer(file, () => {
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  db.pragma('wal_autocheckpoint = 0');
  // When the checkpointing thread restarts the WAL, the file is cut back to this size.
  db.pragma('journal_size_limit = 67108864');
  return { db, checkpointer };
}
