import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromLocal } from '../../shared/nlp';

/** The public benchmark data lives beside the checkout, never inside it. */
export const dataDir = path.resolve(__dirname, '../../../shared/data');

export function dataAvailable(): boolean {
  return existsSync(path.join(dataDir, 'jionlp')) && existsSync(path.join(dataDir, 'recognizers-zh'));
}

function readJson<T>(relative: string): T {
  return JSON.parse(readFileSync(path.join(dataDir, relative), 'utf8')) as T;
}

/** A gold span: [start, end) in the input. */
export interface GoldSpan {
  readonly start: number;
  readonly end: number;
}

export interface TimeValueCase {
  readonly text: string;
  readonly now: Date;
  /** Inclusive bounds as 'YYYY-MM-DD HH:MM:SS' in Shanghai. */
  readonly start: string;
  readonly end: string;
}

export interface SpanCase {
  readonly text: string;
  readonly now: Date;
  readonly spans: GoldSpan[];
}

export interface RecognizerTimeCase extends SpanCase {
  /** Per gold span, acceptable readings: inclusive start/end at a precision ('day' | 'minute'). */
  readonly readings: { start: string; end?: string; precision: 'day' | 'minute' }[][];
}

export interface MoneyValueCase {
  readonly text: string;
  readonly currency: string;
  readonly min: number;
  readonly max: number;
}

export interface MoneySpanCase {
  readonly text: string;
  readonly spans: GoldSpan[];
  readonly values?: { amount: number; currency: string }[];
}

type JioCase = { case: unknown[] };

/** JioNLP time_base: unix seconds, a {year, ...} or {datetime: [...]} object, or a [y, m, d, ...] list. */
function jioNow(base: unknown): Date | undefined {
  if (typeof base === 'number') return new Date(base * 1000);
  const fields = (parts: number[]) => fromLocal(parts[0] ?? 1970, parts[1] ?? 1, parts[2] ?? 1, parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0);
  if (Array.isArray(base)) return fields(base as number[]);
  if (base && typeof base === 'object') {
    const o = base as Record<string, unknown>;
    if (Array.isArray(o['datetime'])) return fields(o['datetime'] as number[]);
    if (typeof o['year'] === 'number') return fields([o['year'], (o['month'] as number) ?? 1, (o['day'] as number) ?? 1, (o['hour'] as number) ?? 0]);
  }
  return undefined;
}

const CURRENCY_NAMES: Readonly<Record<string, string>> = {
  元: 'CNY', 港元: 'HKD', 日元: 'JPY', 泰铢: 'THB', 欧元: 'EUR', 美元: 'USD', 新台币: 'TWD', 卢布: 'RUB', 澳元: 'AUD', 韩元: 'KRW',
};

/** JioNLP time parser cases with finite inclusive bounds (points and spans; not deltas/periods). */
export function jionlpTimeParser(): { cases: TimeValueCase[]; skipped: number } {
  const raw = readJson<{ cases: JioCase[] }>('jionlp/test_time_parser.json').cases;
  const cases: TimeValueCase[] = [];
  let skipped = 0;
  for (const { case: c } of raw) {
    const [text, base] = c as [string, unknown];
    const expected = c[c.length - 1] as { type?: string; time?: unknown };
    const now = jioNow(base);
    const time = expected?.time;
    if (!now || !Array.isArray(time) || time.length !== 2 || typeof time[0] !== 'string' || typeof time[1] !== 'string' || /inf/.test(`${time[0]}${time[1]}`)) {
      skipped++;
      continue;
    }
    cases.push({ text, now, start: time[0], end: time[1] });
  }
  return { cases, skipped };
}

export function jionlpTimeExtractor(): SpanCase[] {
  const raw = readJson<{ cases: JioCase[] }>('jionlp/test_time_extractor.json').cases;
  // The extractor tests ran at "now" and only check spans; any reference time serves.
  return raw.map(({ case: c }) => ({
    text: c[0] as string,
    now: new Date('2021-06-14T01:06:40+08:00'),
    spans: (c[1] as { offset: [number, number] }[]).map((s) => ({ start: s.offset[0], end: s.offset[1] })),
  }));
}

export function jionlpMoneyParser(): MoneyValueCase[] {
  const raw = readJson<{ cases: JioCase[] }>('jionlp/test_money_parser.json').cases;
  return raw.map(({ case: c }) => {
    const [text, expected] = c as [string, { num: string | string[]; case: string }];
    const nums = Array.isArray(expected.num) ? expected.num.map(Number) : [Number(expected.num), Number(expected.num)];
    return { text, currency: CURRENCY_NAMES[expected.case] ?? expected.case, min: nums[0]!, max: nums[1]! };
  });
}

export function jionlpMoneyExtractor(): MoneySpanCase[] {
  const raw = readJson<{ cases: JioCase[] }>('jionlp/test_money_extractor.json').cases;
  return raw.map(({ case: c }) => ({
    text: c[0] as string,
    spans: (c[1] as { offset: [number, number] }[]).map((s) => ({ start: s.offset[0], end: s.offset[1] })),
  }));
}

interface RecognizerCase {
  Input: string;
  Context?: { ReferenceDateTime?: string };
  NotSupported?: string;
  Results: { Text: string; TypeName: string; Start: number; End: number; Resolution?: { values?: Record<string, string>[]; value?: string; isoCurrency?: string } }[];
}

const supportedInJs = (c: RecognizerCase) => !(c.NotSupported ?? '').toLowerCase().includes('javascript');

/** Recognizers DateTime cases the JavaScript port supports; reference times are Shanghai wall time. */
export function recognizersDateTime(): { cases: RecognizerTimeCase[]; skipped: number } {
  const raw = readJson<RecognizerCase[]>('recognizers-zh/DateTimeModel.json');
  const cases: RecognizerTimeCase[] = [];
  let skipped = 0;
  for (const c of raw) {
    if (!supportedInJs(c)) {
      skipped++;
      continue;
    }
    const ref = c.Context?.ReferenceDateTime ?? '2016-11-07T00:00:00';
    const now = new Date(`${ref}+08:00`);
    cases.push({
      text: c.Input,
      now,
      spans: c.Results.map((r) => ({ start: r.Start, end: r.End + 1 })),
      readings: c.Results.map((r) =>
        (r.Resolution?.values ?? []).flatMap((v): { start: string; end?: string; precision: 'day' | 'minute' }[] => {
          if (v['type'] === 'date' && v['value']) return [{ start: `${v['value']} 00:00:00`, end: `${v['value']} 23:59:59`, precision: 'day' as const }];
          if (v['type'] === 'daterange' && v['start']) return [{ start: `${v['start']} 00:00:00`, precision: 'day' as const }];
          if (v['type'] === 'datetime' && v['value']) return [{ start: v['value'], precision: 'minute' as const }];
          if (v['type'] === 'datetimerange' && v['start']) return [{ start: v['start'], precision: 'minute' as const }];
          return [];
        }),
      ),
    });
  }
  return { cases, skipped };
}

export function recognizersCurrency(): { cases: MoneySpanCase[]; skipped: number } {
  const raw = readJson<RecognizerCase[]>('recognizers-zh/CurrencyModel.json');
  const supported = raw.filter(supportedInJs);
  return {
    skipped: raw.length - supported.length,
    cases: supported.map((c) => ({
      text: c.Input,
      spans: c.Results.map((r) => ({ start: r.Start, end: r.End + 1 })),
      values: c.Results.map((r) => ({ amount: Number(r.Resolution?.value), currency: r.Resolution?.isoCurrency ?? '' })),
    })),
  };
}
