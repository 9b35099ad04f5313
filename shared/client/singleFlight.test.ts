import { singleFlightByKey } from './singleFlight';

describe('singleFlightByKey', () => {
  it('shares one flight per key while it is in flight, and runs again once it settled', async () => {
    const once = singleFlightByKey<number>();
    let runs = 0;
    const run = () => Promise.resolve(++runs);
    const [a, b, c] = await Promise.all([once('x', run), once('x', run), once('y', run)]);
    expect([a, b, c, runs]).toEqual([1, 1, 2, 2]);
    expect(await once('x', run)).toBe(3);
    // A failed flight is over too: the next call runs again.
    await expect(once('z', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await once('z', run)).toBe(4);
  });
});
