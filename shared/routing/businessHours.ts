import type { BusinessHours } from '../schemas';

/** Beijing time has no daylight saving: a fixed +08:00 offset. */
const OFFSET_MS = 8 * 3600_000;
const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** Day of week (1 = Monday) and minute of day in Beijing time. */
function local(at: Date): { day: number; minute: number; midnightMs: number } {
  const shifted = at.getTime() + OFFSET_MS;
  const dayIndex = Math.floor(shifted / 86_400_000);
  // 1970-01-01 was a Thursday (4).
  const day = ((dayIndex + 3) % 7) + 1;
  return { day, minute: Math.floor((shifted % 86_400_000) / 60_000), midnightMs: dayIndex * 86_400_000 - OFFSET_MS };
}

/**
 * Why these hours cannot be saved, or undefined: a day's service ends after it starts (the same
 * day; 09:00-09:00 saved and then told users 人工客服将于周一 09:00起 forever: walk finding).
 */
export function businessHoursProblem(hours: BusinessHours | undefined): string | undefined {
  return hours && minutesOf(hours.close) <= minutesOf(hours.open) ? '服务时间的结束须晚于开始' : undefined;
}

/** Whether humans serve at `at`; always when the tenant set no hours. */
export function isOpen(hours: BusinessHours | undefined, at: Date): boolean {
  if (!hours) return true;
  const { day, minute } = local(at);
  return hours.days.includes(day) && minute >= minutesOf(hours.open) && minute < minutesOf(hours.close);
}

/** The next moment service opens after `at` (undefined when open now or without hours). */
export function nextOpening(hours: BusinessHours | undefined, at: Date): Date | undefined {
  if (!hours || isOpen(hours, at)) return undefined;
  const { midnightMs } = local(at);
  for (let d = 0; d <= 7; d++) {
    const candidate = new Date(midnightMs + d * 86_400_000 + minutesOf(hours.open) * 60_000);
    if (candidate > at && hours.days.includes(local(candidate).day)) return candidate;
  }
  return undefined;
}

/** "周一 09:00" for a user-facing notice, or "今天 09:00" / "明天 09:00" when near. */
export function describeOpening(opening: Date, now: Date): string {
  const o = local(opening);
  const n = local(now);
  const hhmm = `${String(Math.floor(o.minute / 60)).padStart(2, '0')}:${String(o.minute % 60).padStart(2, '0')}`;
  const days = Math.round((o.midnightMs - n.midnightMs) / 86_400_000);
  return `${days === 0 ? '今天' : days === 1 ? '明天' : WEEKDAYS[o.day]} ${hhmm}`;
}
