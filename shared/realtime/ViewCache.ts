import type { Notifier, Subscription } from './Notifier';

interface Entry<T> {
  readonly value: Promise<T>;
  readonly at: number;
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

  constructor(
    private readonly notifier: Notifier,
    private readonly options: ViewCacheOptions,
    private readonly clock: () => number = Date.now,
  ) {
    this.maxEntries = options.maxEntries ?? 1000;
  }

  /**
   * The view's shared read, or a new one. `notBefore`: a read begun earlier is not served (the
   * caller's request time: what it already saw, possibly from another instance, may be newer than
   * a read this process began before the request arrived).
   */
  get(channel: string, key: string, read: () => Promise<T>, notBefore = -Infinity): Promise<T> {
    const id = `${channel}\u0000${key}`;
    const current = this.entries.get(id);
    if (current && current.at >= notBefore && this.clock() - current.at < this.options.maxAgeMs) return current.value;
    if (current) this.drop(id, current);
    const sub = this.notifier.subscribe(channel);
    const value = read();
    const entry: Entry<T> = { value, at: this.clock(), sub };
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
