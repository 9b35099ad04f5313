/**
 * Rules that flag what looks wrong on an account, for the account-security view. Pure functions
 * over the merchant's data (no I/O), so each reason can be tested on a hand-built history.
 */

export interface RiskTransaction {
  readonly id: string;
  /** ISO 8601 with the user's offset (+08:00): "night" is the user's night. */
  readonly at: string;
  readonly amountFen: number;
  readonly deviceId: string;
  readonly city: string;
}

export interface RiskDevice {
  readonly id: string;
  readonly trusted: boolean;
  readonly fingerprint: Readonly<Record<string, string>>;
}

export type RiskReason = 'newDevice' | 'newCity' | 'nightTime' | 'largeAmount' | 'rapidSuccession';

/** Why each reason is raised, as the agent reads it. */
export const riskReasonText: Record<RiskReason, string> = {
  newDevice: '新设备:不在用户常用设备中',
  newCity: '新城市:此前 30 天未在该城市交易',
  nightTime: '夜间:当地时间 0-6 点',
  largeAmount: '金额远高于用户平时(超过近期中位数的 5 倍且不少于 1000 元)',
  rapidSuccession: '短时连续:10 分钟内 3 笔及以上',
};

const RAPID_WINDOW_MS = 10 * 60_000;
const RAPID_COUNT = 3;
const LARGE_FACTOR = 5;
const LARGE_MIN_FEN = 100_000;
const CITY_LOOKBACK_MS = 30 * 24 * 3600_000;

function localHour(iso: string): number {
  // The offset in the timestamp is the user's: read the hour as written.
  const m = /T(\d{2}):/.exec(iso);
  return m ? Number(m[1]) : new Date(iso).getUTCHours();
}

function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The reasons each transaction looks abnormal (empty when it does not), judged against the user's
 * own history before it: trusted devices, cities of the previous 30 days, the median amount.
 */
export function flagTransactions(transactions: readonly RiskTransaction[], devices: readonly RiskDevice[]): Map<string, RiskReason[]> {
  const trusted = new Set(devices.filter((d) => d.trusted).map((d) => d.id));
  const sorted = [...transactions].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const flags = new Map<string, RiskReason[]>();
  sorted.forEach((t, i) => {
    const at = Date.parse(t.at);
    const before = sorted.slice(0, i);
    const reasons: RiskReason[] = [];
    if (!trusted.has(t.deviceId)) reasons.push('newDevice');
    const seenCities = new Set(before.filter((b) => at - Date.parse(b.at) <= CITY_LOOKBACK_MS).map((b) => b.city));
    if (before.length && !seenCities.has(t.city)) reasons.push('newCity');
    if (localHour(t.at) < 6) reasons.push('nightTime');
    const usual = median(before.map((b) => b.amountFen));
    if (before.length >= 3 && t.amountFen >= LARGE_MIN_FEN && t.amountFen > usual * LARGE_FACTOR) reasons.push('largeAmount');
    const burst = sorted.filter((o) => Math.abs(Date.parse(o.at) - at) <= RAPID_WINDOW_MS);
    if (burst.length >= RAPID_COUNT) reasons.push('rapidSuccession');
    flags.set(t.id, reasons);
  });
  return flags;
}

/** One fingerprint attribute of the current device next to each trusted device, and whether they differ. */
export interface FingerprintRow {
  readonly attribute: string;
  readonly current: string;
  readonly trusted: readonly { readonly deviceId: string; readonly value: string; readonly differs: boolean }[];
}

/** The current device's fingerprint beside the user's trusted devices, attribute by attribute. */
export function compareFingerprints(current: RiskDevice, devices: readonly RiskDevice[]): FingerprintRow[] {
  const trusted = devices.filter((d) => d.trusted && d.id !== current.id);
  const attributes = [...new Set([current, ...trusted].flatMap((d) => Object.keys(d.fingerprint)))].sort();
  return attributes.map((attribute) => {
    const value = current.fingerprint[attribute] ?? '';
    return { attribute, current: value, trusted: trusted.map((d) => ({ deviceId: d.id, value: d.fingerprint[attribute] ?? '', differs: (d.fingerprint[attribute] ?? '') !== value })) };
  });
}
