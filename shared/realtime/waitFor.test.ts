import { createInProcessNotifier } from './inProcessNotifier';
import { waitFor } from './waitFor';

describe('waitFor (long-poll loop)', () => {
  it('returns at once when the read finds something', async () => {
    const n = createInProcessNotifier();
    await expect(waitFor(n, 'c', () => Promise.resolve([1]), { timeoutMs: 5000 })).resolves.toEqual([1]);
    expect(n.subscriberCount('c')).toBe(0);
  });

  it('is woken by a notification long before the recheck interval', async () => {
    const n = createInProcessNotifier();
    const items: number[] = [];
    const started = Date.now();
    const pending = waitFor(n, 'c', () => Promise.resolve([...items]), { timeoutMs: 10_000, recheckMs: 10_000 });
    setTimeout(() => {
      items.push(7);
      n.notify('c');
    }, 30);
    await expect(pending).resolves.toEqual([7]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('finds writes from elsewhere by re-checking, and gives up empty at the deadline', async () => {
    const n = createInProcessNotifier();
    const items: number[] = [];
    setTimeout(() => items.push(1), 50);
    await expect(waitFor(n, 'c', () => Promise.resolve([...items]), { timeoutMs: 3000, recheckMs: 20 })).resolves.toEqual([1]);
    const started = Date.now();
    await expect(waitFor(n, 'x', () => Promise.resolve([]), { timeoutMs: 120, recheckMs: 50 })).resolves.toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(n.subscriberCount('x')).toBe(0);
  });

  it('stops waiting when aborted', async () => {
    const n = createInProcessNotifier();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 30);
    const started = Date.now();
    await expect(waitFor(n, 'c', () => Promise.resolve([]), { timeoutMs: 10_000, recheckMs: 10_000, signal: ac.signal })).resolves.toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
