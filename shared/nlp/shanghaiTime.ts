/**
 * Calendar arithmetic in Asia/Shanghai (UTC+8, no daylight saving since 1991), independent of the
 * machine's time zone: a local date-time is kept as a UTC Date shifted by +8 h.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

export interface LocalParts {
  readonly year: number;
  /** 1-12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 1 = Monday ... 7 = Sunday */
  readonly weekday: number;
}

export function localParts(instant: Date): LocalParts {
  const d = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  const wd = d.getUTCDay();
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: wd === 0 ? 7 : wd,
  };
}

/** The instant of a Shanghai wall-clock time; out-of-range fields roll over (day 0 = last of previous month). */
export function fromLocal(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - SHANGHAI_OFFSET_MS);
}

/** Module-level rather than a closure per call: the build keeps function names, at a cost per closure. */
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 with the +08:00 offset, second precision. */
export function toShanghaiIso(instant: Date): string {
  const d = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses an ISO 8601 time with an explicit offset or Z; undefined for anything else. */
export function parseIsoInstant(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/.test(text)) return undefined;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
