import type { Notifier, Subscription } from './Notifier';

interface Entry<T> {
  readonly value: Promise<T>;
  readonly at: number;
  /** When the read began, in the order of `mark` and of other reads (not the clock: a millisecond holds many). */
  readonly seq: number;
  readonly sub: Subscription;
}

export interface ViewCacheOptions {
  /**
   * How long a read serves without a notification: writes from other processes only show through
   * the long-polls' recheck, so this stays below the recheck interval.
   */
  readonly maxAgeMs: number;
  /** Views kept at once; the oldest goes first beyond it. */
  readonly maxEntries?: number;
}

/**
 * One read of a view shared by everyone watching it: when a commit wakes the 20 consoles on the
 * 全部 inbox, or the 300 users waiting in one queue, the store is read once, not once per poller.
 * A read serves until its channel is notified (a change in this process) or `maxAgeMs` passes (a
 * change elsewhere), whichever comes first. The subscription is taken before the read starts, so a
 * write that lands during the read leaves the result stale, never cached as current.
 */
export class ViewCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly maxEntries: number;
  private seq = 0;

  constructor(
    private readonly notifier: Notifier,
    private readonly options: ViewCacheOptions,
    private readonly clock: () => number = Date.now,
  ) {
    this.maxEntries = options.maxEntries ?? 1000;
  }

  /** A point in the order of reads: `get(..., after)` then serves only reads begun after it. */
  mark(): number {
    return ++this.seq;
  }

  /**
   * The view's shared read, or a new one. `after` (a `mark`): only a read begun after it is served.
   * A caller whose cached answer differs from what it already has asks again with the mark of its
   * arrival: what it saw, possibly on another instance, may be newer than a read begun before.
   */
  get(channel: string, key: string, read: () => Promise<T>, after = 0): Promise<T> {
    const id = `${channel}\u0000${key}`;
    const current = this.entries.get(id);
    if (current && current.seq > after && this.clock() - current.at < this.options.maxAgeMs) return current.value;
    if (current) this.drop(id, current);
    const sub = this.notifier.subscribe(channel);
    const seq = ++this.seq;
    const at = this.clock();
    const value = read();
    const entry: Entry<T> = { value, at, seq, sub };
    this.entries.set(id, entry);
    void sub.fired.then(() => this.drop(id, entry));
    // A failed read is not kept: the next caller tries again (and sees the error itself).
    value.catch(() => this.drop(id, entry));
    while (this.entries.size > this.maxEntries) {
      const [oldest, e] = this.entries.entries().next().value as [string, Entry<T>];
      this.drop(oldest, e);
    }
    return value;
  }

  /** Views held now (for tests of the bound). */
  get size(): number {
    return this.entries.size;
  }

  private drop(id: string, entry: Entry<T>): void {
    entry.sub.cancel();
    if (this.entries.get(id) === entry) this.entries.delete(id);
  }
}

/**
 * What a long-poll of a shared view answers: nothing while the shared read shows what the caller
 * already has (`same`), so it waits; else a read begun after its arrival (`arrived`, a mark), if that
 * differs too. The shared read may be older than what the caller saw on another instance, so only
 * a read made after the request counts as a change. `read(after)` reads through the cache.
 */
export async function changedView<R>(arrived: number, read: (after: number) => Promise<R>, same: (view: R) => boolean): Promise<R | undefined> {
  if (same(await read(0))) return undefined;
  const fresh = await read(arrived);
  return same(fresh) ? undefined : fresh;
}

