/** One caller's writes, waiting for the next group commit. */
export interface GroupedWrite {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: unknown) => void;
}

// Taken at load: the queue must flush on the real event loop whatever a test does to the globals.
const nextTurn = setImmediate;

export interface GroupCommit {
  /** Queues `work` for the next group; settles with its result once the group committed. */
  write<T>(work: () => T): Promise<T>;
  /** Resolves once the writes asked for so far are settled; undefined when none wait. */
  settled(): Promise<void> | undefined;
}

/**
 * Collects the writes asked for during one turn of the event loop and hands them to `commit` as
 * one group, on the next turn: under load, the requests one turn reads from many sockets share one
 * SQLite transaction (one BEGIN, one COMMIT, their WAL pages written once) instead of a transaction
 * each. A lone write waits only for that next turn. `commit` settles every write of the group.
 */
export function groupCommit(commit: (writes: readonly GroupedWrite[]) => void): GroupCommit {
  let queue: GroupedWrite[] = [];
  let flushed: Promise<void> | undefined;
  const flush = () => {
    const writes = queue;
    queue = [];
    flushed = undefined;
    commit(writes);
  };
  return {
    write: <T>(work: () => T) =>
      new Promise<T>((resolve, reject) => {
        if (queue.length === 0) flushed = new Promise<void>((done) => nextTurn(() => (flush(), done())));
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      }),
    settled: () => flushed,
  };
}
