import { placeIn, type QueueSnapshot } from './queuePlace';

describe('placeIn (a place in a queue snapshot)', () => {
  const snapshot: QueueSnapshot = { keys: [[100, 'c1'], [100, 'c3'], [200, 'c2'], [300, 'c0']], seats: 2, handlingSeconds: 120 };

  it('counts the entries ahead by rank, then by id, whether the own row is in the snapshot or not', () => {
    expect(placeIn(snapshot, { rank: 100 }, 'c1').position).toBe(1);
    expect(placeIn(snapshot, { rank: 100 }, 'c3').position).toBe(2);
    expect(placeIn(snapshot, { rank: 200 }, 'c2').position).toBe(3);
    // Not written yet (a hand-off being decided): placed where its key will sort.
    expect(placeIn(snapshot, { rank: 150 }, 'c9').position).toBe(3);
    expect(placeIn(snapshot, { rank: 999 }, 'c9').position).toBe(5);
    // A VIP lead gives a lower rank: ahead of everyone.
    expect(placeIn(snapshot, { rank: 1 }, 'vip').position).toBe(1);
  });

  it('estimates the wait as the place times the handling time over the seats', () => {
    expect(placeIn(snapshot, { rank: 200 }, 'c2').estimatedWaitSeconds).toBe(180);
    expect(placeIn({ ...snapshot, keys: [] }, { rank: 1 }, 'x')).toEqual({ position: 1, estimatedWaitSeconds: 60 });
  });

  it('promises no wait while nobody serving the group is online', () => {
    expect(placeIn({ ...snapshot, seats: 0 }, { rank: 200 }, 'c2')).toEqual({ position: 3 });
  });
});
