import { describeOpening, isOpen, nextOpening } from './businessHours';

const weekdays = { days: [1, 2, 3, 4, 5], open: '09:00', close: '21:00' };
const at = (iso: string) => new Date(iso);

describe('business hours (Beijing time)', () => {
  it('is open inside the hours on service days only', () => {
    expect(isOpen(weekdays, at('2026-11-25T09:00:00+08:00'))).toBe(true); // Wednesday
    expect(isOpen(weekdays, at('2026-11-25T08:59:00+08:00'))).toBe(false);
    expect(isOpen(weekdays, at('2026-11-25T21:00:00+08:00'))).toBe(false);
    expect(isOpen(weekdays, at('2026-11-28T12:00:00+08:00'))).toBe(false); // Saturday
    expect(isOpen(undefined, at('2026-11-28T03:00:00+08:00'))).toBe(true);
  });

  it('finds the next opening and says it the way a user reads it', () => {
    const evening = at('2026-11-25T22:30:00+08:00');
    const next = nextOpening(weekdays, evening)!;
    expect(next.toISOString()).toBe('2026-11-26T01:00:00.000Z');
    expect(describeOpening(next, evening)).toBe('明天 09:00');
    const early = at('2026-11-25T07:00:00+08:00');
    expect(describeOpening(nextOpening(weekdays, early)!, early)).toBe('今天 09:00');
    const friday = at('2026-11-27T21:30:00+08:00');
    expect(describeOpening(nextOpening(weekdays, friday)!, friday)).toBe('周一 09:00');
    expect(nextOpening(weekdays, at('2026-11-25T10:00:00+08:00'))).toBeUndefined();
  });
});
