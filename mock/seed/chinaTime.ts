/** A timestamp `minutes` before now (negative: after), written in China time (+08:00) as the merchant's systems do. */
export function ago(now: Date, minutes: number): string {
  const local = new Date(now.getTime() - minutes * 60_000 + 8 * 3600_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

/** At a China-time hour on a day `days` before now (the day before, if that moment is still ahead). */
export function at(now: Date, days: number, hour: number, minute: number): string {
  const local = new Date(now.getTime() + 8 * 3600_000 - days * 86_400_000);
  local.setUTCHours(hour, minute, 0, 0);
  if (local.getTime() - 8 * 3600_000 > now.getTime()) local.setTime(local.getTime() - 86_400_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}
