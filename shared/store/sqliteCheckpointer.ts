import { Worker } from 'node:worker_threads';

/** How often the checkpointing thread copies the WAL back into the database file. */
const CHECKPOINT_EVERY_MS = 200;
/** Above this the WAL is truncated (a short wait for writers) instead of only copied back. */
const TRUNCATE_ABOVE_BYTES = 64 * 1024 * 1024;

/**
 * The checkpointing thread's code: plain JavaScript (no TypeScript loader in a worker), its own
 * connection to the same file. A PASSIVE checkpoint never blocks the writing thread; TRUNCATE,
 * only when the WAL has grown large, waits for writers briefly (busy_timeout).
 */
const WORKER_CODE = `
const { workerData, parentPort } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require('better-sqlite3');
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const walSize = () => { try { return statSync(workerData.file + '-wal').size; } catch { return 0; } };
const timer = setInterval(() => {
  try {
    db.pragma(walSize() > workerData.truncateAbove ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
}, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  db.close();
  parentPort.close();
});
`;

export interface SqliteCheckpointer {
  /** Stops the thread after a last checkpoint. */
  close(): Promise<void>;
}

/**
 * Checkpoints a WAL database from a worker thread, so that the request thread never does. By
 * default SQLite checkpoints inside the commit that pushes the WAL past 1,000 pages: that commit
 * then copies every page back and syncs the file, a 60-300 ms stall of the whole server (measured
 * under bench:api), and it costs the writing thread a third of its time. The writing connection
 * turns its own automatic checkpoints off only once the thread runs, and back on when the thread
 * fails (`onFailure`), so the WAL never grows without bound.
 */
export function startSqliteCheckpointer(file: string, onFailure: (reason: string) => void): SqliteCheckpointer {
  const worker = new Worker(WORKER_CODE, { eval: true, workerData: { file, everyMs: CHECKPOINT_EVERY_MS, truncateAbove: TRUNCATE_ABOVE_BYTES } });
  // A store nobody closed must not keep the process alive.
  worker.unref();
  let closing = false;
  let failed = false;
  const fail = (reason: string) => {
    if (failed || closing) return;
    failed = true;
    onFailure(reason);
  };
  worker.on('message', (m: { error?: string }) => m.error && fail(m.error));
  worker.on('error', (err) => fail(err.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  void exited.then(() => fail('checkpoint thread exited'));
  return {
    close: () => {
      if (closing) return exited;
      closing = true;
      worker.postMessage('close');
      return exited;
    },
  };
}
