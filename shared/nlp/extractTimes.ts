import type { Span, TimeGrain, TimeValue } from './Entity';
import { parseNumber } from './chineseNumber';
import { daysInMonth, fromLocal, localParts, toShanghaiIso, type LocalParts } from './shanghaiTime';

/**
 * Time expressions in a (normalised) customer message, resolved against `now` in Asia/Shanghai to
 * inclusive bounds of the whole unit named (昨天 -> that day 00:00:00..23:59:59). Without a year or
 * a future word, a date means its most recent past occurrence: customer service talks about what
 * already happened.
 */

type Part = readonly [fromHour: number, toHour: number];
const PARTS: Readonly<Record<string, Part>> = {
  凌晨: [0, 5], 半夜: [0, 2], 深夜: [23, 23], 清晨: [5, 7], 早晨: [6, 8], 早上: [6, 8], 一早: [6, 8], 上午: [6, 11],
  中午: [11, 12], 下午: [12, 17], 傍晚: [17, 18], 晚上: [18, 23], 夜里: [19, 23], 夜间: [19, 23], 晚间: [18, 23],
};
const PM_PARTS = new Set(['下午', '傍晚', '晚上', '夜里', '夜间', '晚间', '深夜']);

type Component =
  | { k: 'relDay'; n: number }
  | { k: 'ago'; unit: 'day' | 'week' | 'month' | 'year' | 'hour' | 'minute'; n: number; future: boolean }
  | { k: 'week'; n: number }
  | { k: 'weekday'; w: number }
  | { k: 'month'; n: number }
  | { k: 'year'; n: number }
  | { k: 'date'; y?: number; m?: number; d?: number }
  | { k: 'part'; name: string }
  | { k: 'clock'; h: number; mi?: number; s?: number; strong: boolean }
  | { k: 'range' };

interface Token {
  readonly start: number;
  readonly end: number;
  readonly comps: Component[];
}

const N_CN = '[零〇一二两三四五六七八九十]{1,3}';
const N = `(?:\\d{1,3}|${N_CN})`;
const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : parseNumber(s));

interface Rule {
  readonly re: RegExp;
  /** Every character a match can start with, so a position tries only the rules that may match there. */
  readonly first: string;
  readonly make: (m: RegExpExecArray) => Component[] | undefined;
}

/** First characters of a number (`N`): Arabic digits and the Chinese numerals it allows. */
const N_FIRST = '0123456789零〇一二两三四五六七八九十';
const DIGIT_FIRST = '0123456789';
const firstChars = (words: Iterable<string>): string => [...words].map((w) => w[0]!).join('');

const REL_DAYS: Readonly<Record<string, number>> = {
  大前天: -3, 大前儿: -3, 前天: -2, 前日: -2, 前儿个: -2, 前儿: -2, 昨天: -1, 昨日: -1, 昨儿个: -1, 昨儿: -1, 昨个儿: -1, 昨个: -1,
  今天: 0, 今日: 0, 今儿个: 0, 今儿: 0, 今个儿: 0, 今个: 0, 明天: 1, 明日: 1, 明儿个: 1, 明儿: 1, 后天: 2, 大后天: 3,
};
const REL_DAY_PARTS: Readonly<Record<string, [number, string]>> = {
  今早: [0, '早上'], 今晨: [0, '早上'], 今晚: [0, '晚上'], 昨晚: [-1, '晚上'], 昨夜: [-1, '晚上'], 昨早: [-1, '早上'],
  明早: [1, '早上'], 明晚: [1, '晚上'],
};
const WEEKDAYS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };

function alt(words: Iterable<string>): string {
  return [...words].sort((a, b) => b.length - a.length).join('|');
}

/** Tried in order at each position (sticky); the first that matches wins there. */
const RULES: Rule[] = [
  // 3天前, 两个小时前, 半小时前, 10分钟前, 2周前, 3个月前, 一年前, 3天后
  {
    re: new RegExp(`(${N}|半)(?:个)?(半)?(天|日|周|星期|礼拜|月|年|小时|钟头|分钟)(之前|以前|前|之后|以后|后)`, 'y'),
    first: `${N_FIRST}半`,
    make: (m) => {
      const half = m[1] === '半' ? 0.5 : 0;
      const base = half ? 0 : num(m[1]);
      if (base === undefined) return undefined;
      const n = base + half + (m[2] ? 0.5 : 0);
      const unitWord = m[3]!;
      const unit = unitWord === '天' || unitWord === '日' ? 'day' : unitWord === '月' ? 'month' : unitWord === '年' ? 'year' : unitWord === '小时' || unitWord === '钟头' ? 'hour' : unitWord === '分钟' ? 'minute' : 'week';
      if (n % 1 !== 0 && unit !== 'hour') return undefined;
      return [{ k: 'ago', unit, n, future: m[4]!.endsWith('后') }];
    },
  },
  // 2026-10-01, 2026/10/1, 2026.10.1 (optionally with a time)
  {
    re: /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[日号])?(?![\d])/y,
    first: DIGIT_FIRST,
    make: (m) => [{ k: 'date', y: +m[1]!, m: +m[2]!, d: +m[3]! }],
  },
  // 2026年10月1日, 10月1号, 2026年10月, 3月份, 2026年
  {
    re: new RegExp(`(?:(\\d{4}|\\d{2}|[零〇一二三四五六七八九]{4})年)?(?:(${N})月份?)?(?:(${N})[日号](?![元线楼])|(?<=月)(${N})(?![\\d个天]))?`, 'y'),
    // Every part is optional, but a non-empty match starts with a year, month or day number.
    first: N_FIRST,
    make: (m) => {
      if (!m[0]) return undefined;
      let y = m[1] !== undefined ? num(m[1]) : undefined;
      if (y !== undefined && y < 100) y += 2000;
      const mo = num(m[2]);
      const d = num(m[3] ?? m[4]);
      if (y === undefined && mo === undefined && d === undefined) return undefined;
      if (mo !== undefined && (mo < 1 || mo > 12)) return undefined;
      if (d !== undefined && (d < 1 || d > 31)) return undefined;
      // "3月5" without 号 only counts with a month; a bare "5" is not a date.
      if (m[4] !== undefined && mo === undefined) return undefined;
      return [{ k: 'date', ...(y !== undefined ? { y } : {}), ...(mo !== undefined ? { m: mo } : {}), ...(d !== undefined ? { d } : {}) }];
    },
  },
  { re: new RegExp(`(${alt(Object.keys(REL_DAY_PARTS))})`, 'y'), first: firstChars(Object.keys(REL_DAY_PARTS)), make: (m) => { const [n, part] = REL_DAY_PARTS[m[1]!]!; return [{ k: 'relDay', n }, { k: 'part', name: part }]; } },
  { re: new RegExp(`(${alt(Object.keys(REL_DAYS))})`, 'y'), first: firstChars(Object.keys(REL_DAYS)), make: (m) => [{ k: 'relDay', n: REL_DAYS[m[1]!]! }] },
  // 上周五, 这周, 下个星期一, 上上周
  {
    re: /(上上|上|这|本|下下|下)(?:个)?(周|星期|礼拜)([一二三四五六日天1-7])?/y,
    first: '上这本下',
    make: (m) => {
      const n = { 上上: -2, 上: -1, 这: 0, 本: 0, 下: 1, 下下: 2 }[m[1]!]!;
      return m[3] ? [{ k: 'week', n }, { k: 'weekday', w: WEEKDAYS[m[3]]! }] : [{ k: 'week', n }];
    },
  },
  { re: /(?:周|星期|礼拜)([一二三四五六日天1-7])/y, first: '周星礼', make: (m) => [{ k: 'weekday', w: WEEKDAYS[m[1]!]! }] },
  { re: /(上上|上|这|本|下)(?:个)?月(?!份?[\d])/y, first: '上这本下', make: (m) => [{ k: 'month', n: { 上上: -2, 上: -1, 这: 0, 本: 0, 下: 1 }[m[1]!]! }] },
  { re: /(前年|去年|今年|明年|后年)/y, first: '前去今明后', make: (m) => [{ k: 'year', n: { 前年: -2, 去年: -1, 今年: 0, 明年: 1, 后年: 2 }[m[1]!]! }] },
  { re: new RegExp(`(${alt(Object.keys(PARTS))})`, 'y'), first: firstChars(Object.keys(PARTS)), make: (m) => [{ k: 'part', name: m[1]! }] },
  // 15:30, 15:30:20
  {
    re: /(\d{1,2})[:：](\d{2})(?::(\d{2}))?(?!\d)/y,
    first: DIGIT_FIRST,
    make: (m) => {
      const h = +m[1]!;
      const mi = +m[2]!;
      const s = m[3] !== undefined ? +m[3] : undefined;
      if (h > 24 || mi > 59 || (s !== undefined && s > 59)) return undefined;
      return [{ k: 'clock', h, mi, ...(s !== undefined ? { s } : {}), strong: true }];
    },
  },
  // 3点, 三点半, 8点20, 晚上八点一刻, 10点05分
  {
    re: new RegExp(`(${N})[点時时](?:(半)|(一刻)|(三刻)|(${N})分?(?![\\d元块毛角%]))?(钟|整)?`, 'y'),
    first: N_FIRST,
    make: (m) => {
      const h = num(m[1]);
      if (h === undefined || h > 24) return undefined;
      const mi = m[2] ? 30 : m[3] ? 15 : m[4] ? 45 : m[5] !== undefined ? num(m[5]) : undefined;
      if (mi !== undefined && mi > 59) return undefined;
      // Chinese-numeral hours alone are too often not times (一点点, 有一点): they need a minute
      // with 分, 半/刻, 钟/整, or a date or day part next to them (checked when grouping).
      const strong = /\d/.test(m[1]!) || m[2] !== undefined || m[3] !== undefined || m[4] !== undefined || m[6] !== undefined || (m[5] !== undefined && m[0].includes('分'));
      return [{ k: 'clock', h, ...(mi !== undefined ? { mi } : {}), strong }];
    },
  },
  { re: /(?:到|至|~|～|—|-)(?=\S)/y, first: '到至~～—-', make: () => [{ k: 'range' }] },
];

/** The rules that may match at a position, by its character, in RULES order; no entry: skip it. */
const RULES_BY_FIRST = new Map<number, Rule[]>();
for (const rule of RULES) for (const ch of new Set(rule.first)) RULES_BY_FIRST.set(ch.charCodeAt(0), [...(RULES_BY_FIRST.get(ch.charCodeAt(0)) ?? []), rule]);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rules = RULES_BY_FIRST.get(text.charCodeAt(i));
    if (!rules) {
      i++;
      continue;
    }
    let matched: Token | undefined;
    for (const rule of rules) {
      rule.re.lastIndex = i;
      const m = rule.re.exec(text);
      if (!m || m[0].length === 0) continue;
      const comps = rule.make(m);
      if (!comps) continue;
      matched = { start: i, end: i + m[0].length, comps };
      break;
    }
    if (matched) {
      tokens.push(matched);
      i = matched.end;
    } else {
      i++;
    }
  }
  return tokens;
}

const GLUE = /^[\s的]{0,2}$/;

interface Resolved {
  start: Date;
  end: Date;
  grain: TimeGrain;
  /** The calendar day it lies in, for a range's second half to inherit. */
  day?: { y: number; m: number; d: number };
  part?: string;
}

function dayBounds(y: number, m: number, d: number): [Date, Date] {
  return [fromLocal(y, m, d), fromLocal(y, m, d, 23, 59, 59)];
}

/** The first component of each kind, in one pass (a closure per call cost more than the lookups). */
type ByKind = { [K in Component['k']]?: Extract<Component, { k: K }> };
function firstOfEachKind(comps: readonly Component[]): ByKind {
  const out: Partial<Record<Component['k'], Component>> = {};
  for (const c of comps) out[c.k] ??= c;
  return out as ByKind;
}

/** Resolves one group of adjacent components; undefined when they do not make a time. */
function resolve(comps: Component[], now: Date, inherit?: Resolved): Resolved | undefined {
  const today = localParts(now);
  const { relDay: rel, ago, week, weekday, month, year, date, part, clock } = firstOfEachKind(comps);

  if (ago) {
    const sign = ago.future ? 1 : -1;
    if (ago.unit === 'hour' || ago.unit === 'minute') {
      const ms = ago.n * (ago.unit === 'hour' ? 3600_000 : 60_000) * sign;
      const at = new Date(now.getTime() + ms);
      const p = localParts(at);
      const grain: TimeGrain = ago.unit === 'hour' && ago.n % 1 === 0 ? 'hour' : 'minute';
      const start = grain === 'hour' ? fromLocal(p.year, p.month, p.day, p.hour) : fromLocal(p.year, p.month, p.day, p.hour, p.minute);
      return { start, end: new Date(start.getTime() + (grain === 'hour' ? 3599_000 : 59_000)), grain };
    }
    if (ago.unit === 'day') {
      const t = fromLocal(today.year, today.month, today.day + sign * ago.n);
      const p = localParts(t);
      return withinDay(p.year, p.month, p.day, part, clock, comps, now);
    }
    if (ago.unit === 'week') return weekRange(today, sign * ago.n);
    if (ago.unit === 'month') return monthRange(today.year, today.month + sign * ago.n);
    return yearRange(today.year + sign * ago.n);
  }

  // Calendar anchor: the most specific of the date words present.
  let y: number | undefined;
  let m: number | undefined;
  let d: number | undefined;
  if (year) y = today.year + year.n;
  if (month) {
    const t = new Date(Date.UTC(today.year, today.month - 1 + month.n, 1));
    y = t.getUTCFullYear();
    m = t.getUTCMonth() + 1;
  }
  if (date) {
    if (date.y !== undefined) y = date.y;
    if (date.m !== undefined) m = date.m;
    if (date.d !== undefined) d = date.d;
    if (date.y === undefined && !year && !month) {
      // Most recent past occurrence.
      if (date.m !== undefined) {
        y = today.year;
        if (date.m > today.month || (date.m === today.month && (date.d ?? 1) > today.day)) y--;
      } else if (date.d !== undefined) {
        y = today.year;
        m = today.month;
        if (date.d > today.day) {
          m--;
          if (m === 0) {
            m = 12;
            y--;
          }
        }
      }
    } else if (date.m === undefined && date.d !== undefined && m === undefined && y !== undefined) {
      return undefined;
    }
    if (m === undefined && date.d !== undefined) m = today.month;
  }
  if (rel) {
    const t = localParts(fromLocal(today.year, today.month, today.day + rel.n));
    return withinDay(t.year, t.month, t.day, part, clock, comps, now);
  }
  if (week && weekday) {
    const monday = today.day - (today.weekday - 1) + 7 * week.n;
    const t = localParts(fromLocal(today.year, today.month, monday + weekday.w - 1));
    return withinDay(t.year, t.month, t.day, part, clock, comps, now);
  }
  if (week) return part || clock ? undefined : weekRange(today, week.n);
  if (weekday) {
    const back = (today.weekday - weekday.w + 7) % 7;
    const t = localParts(fromLocal(today.year, today.month, today.day - back));
    return withinDay(t.year, t.month, t.day, part, clock, comps, now);
  }
  if (y !== undefined && m !== undefined && d !== undefined) {
    if (d > daysInMonth(y, m)) return undefined;
    return withinDay(y, m, d, part, clock, comps, now);
  }
  if (y !== undefined && m !== undefined) return part || clock ? undefined : monthRange(y, m);
  if (y !== undefined) return part || clock ? undefined : yearRange(y);
  if (part || clock) {
    if (inherit?.day) return withinDay(inherit.day.y, inherit.day.m, inherit.day.d, part ?? (inherit.part ? { k: 'part', name: inherit.part } : undefined), clock, comps, now);
    // A time of day alone: today's, or yesterday's if today's has not come yet.
    if (clock && !clock.strong && !part) return undefined;
    const todayRes = withinDay(today.year, today.month, today.day, part, clock, comps, now);
    if (todayRes && todayRes.start.getTime() <= now.getTime()) return todayRes;
    const y1 = localParts(fromLocal(today.year, today.month, today.day - 1));
    return withinDay(y1.year, y1.month, y1.day, part, clock, comps, now);
  }
  return undefined;
}

function withinDay(
  y: number,
  m: number,
  d: number,
  part: Extract<Component, { k: 'part' }> | undefined,
  clock: Extract<Component, { k: 'clock' }> | undefined,
  _comps: Component[],
  now: Date,
): Resolved {
  const day = { y, m, d };
  if (clock) {
    let h = clock.h;
    if (part && PM_PARTS.has(part.name) && h < 12) h += 12;
    else if (part?.name === '中午' && h >= 1 && h <= 3) h += 12;
    else if ((part?.name === '凌晨' || part?.name === '半夜') && h === 12) h = 0;
    else if (!part && h < 12) {
      // No day part: on the day in question, take the later reading if it has already passed; on
      // an earlier day (昨天三点), one to six o'clock is the afternoon's: few pay or transfer at 3 a.m.
      const today = localParts(now);
      const isToday = today.year === y && today.month === m && today.day === d;
      if (isToday ? h + 12 <= today.hour : h >= 1 && h <= 6 && fromLocal(y, m, d).getTime() < fromLocal(today.year, today.month, today.day).getTime()) h += 12;
    }
    const grain: TimeGrain = clock.s !== undefined ? 'second' : clock.mi !== undefined ? 'minute' : 'hour';
    const start = fromLocal(y, m, d, h, clock.mi ?? 0, clock.s ?? 0);
    const span = grain === 'second' ? 0 : grain === 'minute' ? 59_000 : 3599_000;
    return { start, end: new Date(start.getTime() + span), grain, day, ...(part ? { part: part.name } : {}) };
  }
  if (part) {
    const [from, to] = PARTS[part.name]!;
    return { start: fromLocal(y, m, d, from), end: fromLocal(y, m, d, to, 59, 59), grain: 'halfDay', day, part: part.name };
  }
  const [start, end] = dayBounds(y, m, d);
  return { start, end, grain: 'day', day };
}

function weekRange(today: LocalParts, n: number): Resolved {
  const monday = today.day - (today.weekday - 1) + 7 * n;
  return { start: fromLocal(today.year, today.month, monday), end: fromLocal(today.year, today.month, monday + 6, 23, 59, 59), grain: 'week' };
}

function monthRange(y: number, m: number): Resolved {
  const t = new Date(Date.UTC(y, m - 1, 1));
  const yy = t.getUTCFullYear();
  const mm = t.getUTCMonth() + 1;
  return { start: fromLocal(yy, mm, 1), end: fromLocal(yy, mm, daysInMonth(yy, mm), 23, 59, 59), grain: 'month' };
}

function yearRange(y: number): Resolved {
  return { start: fromLocal(y, 1, 1), end: fromLocal(y, 12, 31, 23, 59, 59), grain: 'year' };
}

const GRAIN_ORDER: readonly TimeGrain[] = ['second', 'minute', 'hour', 'halfDay', 'day', 'week', 'month', 'year'];

function value(r: Resolved, grain = r.grain): TimeValue {
  return { start: toShanghaiIso(r.start), end: toShanghaiIso(r.end), grain };
}

export function extractTimes(text: string, now: Date): Span<'time'>[] {
  const tokens = tokenize(text);
  // Group adjacent tokens (spaces or 的 between them), keeping range markers as separators.
  const groups: { start: number; end: number; comps: Component[] }[] = [];
  for (const t of tokens) {
    const last = groups[groups.length - 1];
    const isRange = t.comps[0]?.k === 'range';
    const lastIsRange = last?.comps[0]?.k === 'range';
    const adjacent = last && GLUE.test(text.slice(last.end, t.start));
    const clash = last && !isRange && !lastIsRange && t.comps.some((c) => last.comps.some((l) => l.k === c.k));
    if (last && adjacent && !isRange && !lastIsRange && !clash) {
      last.end = t.end;
      last.comps.push(...t.comps);
    } else {
      groups.push({ start: t.start, end: t.end, comps: [...t.comps] });
    }
  }

  const spans: Span<'time'>[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (g.comps[0]?.k === 'range') continue;
    const first = resolve(g.comps, now);
    if (!first) continue;
    const marker = groups[i + 1];
    const second = groups[i + 2];
    if (marker?.comps[0]?.k === 'range' && marker.start === g.end && second && second.start === marker.end) {
      const other = resolve(second.comps, now, first);
      if (other && other.end.getTime() >= first.start.getTime()) {
        const finer = GRAIN_ORDER.indexOf(first.grain) <= GRAIN_ORDER.indexOf(other.grain) ? first.grain : other.grain;
        spans.push({ type: 'time', start: g.start, end: second.end, value: { start: toShanghaiIso(first.start), end: toShanghaiIso(other.end), grain: finer } });
        i += 2;
        continue;
      }
    }
    spans.push({ type: 'time', start: g.start, end: g.end, value: value(first) });
  }
  return spans;
}
