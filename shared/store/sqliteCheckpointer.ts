import { Worker } from 'node:worker_threads';

/** How often the checkpointing thread copies the WAL back into the database file. */
const CHECKPOINT_EVERY_MS = 200;
/** A WAL longer than this (pages) is restarted from its beginning once all of it is copied back. */
const RESTART_ABOVE_PAGES = 4000;

/**
 * The checkpointing thread's code: plain JavaScript (no TypeScript loader in a worker), its own
 * connection to the same file, better-sqlite3 loaded from where the store found it (the worker's
 * own `require` would look in the process's working folder). A PASSIVE checkpoint never blocks
 * the writing thread. Under steady writes it never catches up at the moment a write starts, so
 * the WAL would only grow: when it is long and a PASSIVE pass has just copied all of it, a
 * RESTART makes the next writer start the file again. RESTART blocks writers while it runs, but
 * there is next to nothing left to copy then, and its own busy timeout is short: it gives up
 * rather than wait for a writer (a TRUNCATE at 64 MB stalled the server for half a second).
 */
const WORKER_CODE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 20');
const timer = setInterval(() => {
  try {
    const [pass] = db.pragma('wal_checkpoint(PASSIVE)');
    if (pass && pass.busy === 0 && pass.log > workerData.restartAbove && pass.checkpointed === pass.log) db.pragma('wal_checkpoint(RESTART)');
  } catch (err) {
    if (!(err && err.code === 'SQLITE_BUSY')) parentPort.postMessage({ error: String(err && err.message || err) });
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
 * under bench:api), and it costs the writing thread a third of its time. A failing thread is
 * reported once (`onFailure`) and the writing connection's own checkpoints take over. The writing connection
 * turns its own automatic checkpoints off only once the thread runs, and back on when the thread
 * fails (`onFailure`), so the WAL never grows without bound.
 */
export function startSqliteCheckpointer(file: string, onFailure: (reason: string) => void): SqliteCheckpointer {
  const worker = new Worker(WORKER_CODE, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3'), everyMs: CHECKPOINT_EVERY_MS, restartAbove: RESTART_ABOVE_PAGES } });
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
      // Held while it stops: an unreferenced thread let the process end in the middle of a
      // close (npm run dev exited before saying 已停止).
      worker.ref();
      worker.postMessage('close');
      return exited;
    },
  };
}
