import { createInProcessNotifier } from './inProcessNotifier';
import { changedView, ViewCache } from './ViewCache';

describe('ViewCache (one read per view, whatever the pollers)', () => {
  const counted = () => {
    let reads = 0;
    return { read: () => Promise.resolve(++reads), reads: () => reads };
  };

  it('serves every poller of a view from one read until the channel is notified', async () => {
    const n = createInProcessNotifier();
    const cache = new ViewCache<number>(n, { maxAgeMs: 60_000 });
    const r = counted();
    const first = await Promise.all(Array.from({ length: 20 }, () => cache.get('c', 'k', r.read)));
    expect(new Set(first)).toEqual(new Set([1]));
    expect(r.reads()).toBe(1);
    n.notify('c');
    await Promise.resolve();
    expect(await cache.get('c', 'k', r.read)).toBe(2);
    // Another view of the same channel is read on its own.
    expect(await cache.get('c', 'other', r.read)).toBe(3);
  });

  it('reads again once the age runs out (a write from another process is never notified here)', async () => {
    const n = createInProcessNotifier();
    let now = 0;
    const cache = new ViewCache<number>(n, { maxAgeMs: 500 }, () => now);
    const r = counted();
    await cache.get('c', 'k', r.read);
    now = 499;
    expect(await cache.get('c', 'k', r.read)).toBe(1);
    now = 500;
    expect(await cache.get('c', 'k', r.read)).toBe(2);
    // The replaced entry gave its subscription back: only the current one listens.
    expect(n.subscriberCount('c')).toBe(1);
  });

  it('serves a caller only reads begun after its mark when it asks so (it may have seen newer elsewhere)', async () => {
    const n = createInProcessNotifier();
    const cache = new ViewCache<number>(n, { maxAgeMs: 60_000 });
    const r = counted();
    await cache.get('c', 'k', r.read);
    const arrived = cache.mark();
    // Without the mark the earlier read serves (to wait on it); with it, a new read is made.
    expect(await cache.get('c', 'k', r.read)).toBe(1);
    expect(await cache.get('c', 'k', r.read, arrived)).toBe(2);
    // Callers that marked before that read share it.
    expect(await cache.get('c', 'k', r.read, arrived)).toBe(2);
  });

  it('does not keep a read that a write overtook, nor one that failed', async () => {
    const n = createInProcessNotifier();
    const cache = new ViewCache<number>(n, { maxAgeMs: 60_000 });
    let release!: (v: number) => void;
    const slow = cache.get('c', 'k', () => new Promise<number>((resolve) => (release = resolve)));
    n.notify('c');
    release(99);
    expect(await slow).toBe(99);
    const r = counted();
    expect(await cache.get('c', 'k', r.read)).toBe(1);
    expect(r.reads()).toBe(1);
    await expect(cache.get('d', 'k', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    await Promise.resolve();
    expect(await cache.get('d', 'k', () => Promise.resolve(5))).toBe(5);
  });

  it('holds at most maxEntries views, releasing the subscriptions of those it drops', async () => {
    const n = createInProcessNotifier();
    const cache = new ViewCache<number>(n, { maxAgeMs: 60_000, maxEntries: 3 });
    for (const k of ['a', 'b', 'c', 'd', 'e']) await cache.get(`ch-${k}`, k, () => Promise.resolve(1));
    expect(cache.size).toBe(3);
    expect(n.subscriberCount('ch-a')).toBe(0);
    expect(n.subscriberCount('ch-e')).toBe(1);
  });

  it('changedView waits while the shared read matches, and answers a change only from a read made after the caller arrived', async () => {
    const asked: number[] = [];
    const reads = (values: number[]) => (after: number) => (asked.push(after), Promise.resolve(values.shift()!));
    expect(await changedView(7, reads([1]), (v) => v === 1)).toBeUndefined();
    // The shared read says 2, the caller's own-time read says 1 again: no change to answer.
    expect(await changedView(7, reads([2, 1]), (v) => v === 1)).toBeUndefined();
    expect(await changedView(7, reads([2, 3]), (v) => v === 1)).toBe(3);
    expect(asked).toEqual([0, 0, 7, 0, 7]);
  });
});
