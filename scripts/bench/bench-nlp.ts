/**
 * `npm run bench:nlp [-- --json]`: Kefu's time and money extraction on the public JioNLP and
 * Recognizers-Text cases in ../shared/data (span F1 and value accuracy per slice), chrono-node's
 * Chinese parser on the same time cases as the peer, and understand() throughput and p99 latency on
 * 30-character customer messages, single-threaded; and the scenario level on Kefu's own labelled
 * set (eval/scenarios, dev and held-out; constants are set on dev, held-out is the figure to quote).
 */
import * as chrono from 'chrono-node';
import type { ParsedComponents } from 'chrono-node';
import { extractAmounts, extractTimes, normalize, toOriginalSpan, understand, fromLocal, toShanghaiIso } from '../../shared/nlp';
import {
  dataAvailable,
  dataDir,
  jionlpMoneyExtractor,
  jionlpMoneyParser,
  jionlpTimeExtractor,
  jionlpTimeParser,
  recognizersCurrency,
  recognizersDateTime,
  type GoldSpan,
} from './nlpBenchData';
import { scenarioSet, scenarioTable } from './scenarioBench';

interface Predicted {
  readonly start: number;
  readonly end: number;
  /** Inclusive bounds 'YYYY-MM-DD HH:MM:SS' in Shanghai. */
  readonly from: string;
  readonly to: string;
}

type TimeSystem = (text: string, now: Date) => Predicted[];

const local = (iso: string) => iso.slice(0, 19).replace('T', ' ');

const kefuTimes: TimeSystem = (text, now) => {
  const n = normalize(text);
  return extractTimes(n.text, now).map((s) => ({ ...toOriginalSpan(n, s.start, s.end), from: local(s.value.start), to: local(s.value.end) }));
};

/** chrono's components to inclusive bounds at the precision it is certain of, in Shanghai time. */
function chronoBounds(c: ParsedComponents): [string, string] {
  const y = c.get('year') ?? 1970;
  const m = c.get('month') ?? 1;
  const d = c.get('day') ?? 1;
  if (!c.isCertain('hour')) return [local(toShanghaiIso(fromLocal(y, m, d))), local(toShanghaiIso(fromLocal(y, m, d, 23, 59, 59)))];
  const h = c.get('hour') ?? 0;
  if (!c.isCertain('minute')) return [local(toShanghaiIso(fromLocal(y, m, d, h))), local(toShanghaiIso(fromLocal(y, m, d, h, 59, 59)))];
  const mi = c.get('minute') ?? 0;
  return [local(toShanghaiIso(fromLocal(y, m, d, h, mi))), local(toShanghaiIso(fromLocal(y, m, d, h, mi, 59)))];
}

const chronoTimes: TimeSystem = (text, now) =>
  chrono.zh.parse(text, { instant: now, timezone: 480 }).map((r) => {
    const [from, startEnd] = chronoBounds(r.start);
    const to = r.end ? chronoBounds(r.end)[1] : startEnd;
    return { start: r.index, end: r.index + r.text.length, from, to };
  });

interface SpanScore {
  tp: number;
  fp: number;
  fn: number;
}

function scoreSpans(gold: readonly GoldSpan[], predicted: readonly { start: number; end: number }[], s: SpanScore): boolean[] {
  const hit = gold.map((g) => predicted.some((p) => p.start === g.start && p.end === g.end));
  const tp = hit.filter(Boolean).length;
  s.tp += tp;
  s.fn += gold.length - tp;
  s.fp += predicted.filter((p) => !gold.some((g) => p.start === g.start && p.end === g.end)).length;
  return hit;
}

const f1 = (s: SpanScore) => (s.tp === 0 ? 0 : (2 * s.tp) / (2 * s.tp + s.fp + s.fn));
const pct = (x: number) => Math.round(x * 1000) / 10;

interface SliceResult {
  cases: number;
  spanF1?: number;
  valueAccuracy?: number;
}

function timeSlices(system: TimeSystem): Record<string, SliceResult> {
  const out: Record<string, SliceResult> = {};

  // JioNLP time parser: the whole input is one expression; value = exact inclusive bounds.
  const parser = jionlpTimeParser().cases;
  let spanOk = 0;
  let valueOk = 0;
  for (const c of parser) {
    const predicted = system(c.text, c.now);
    const widest = [...predicted].sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    if (widest && widest.start === 0 && widest.end === c.text.length) spanOk++;
    if (widest && widest.from === c.start && widest.to === c.end) valueOk++;
  }
  out['jionlp.timeParser'] = { cases: parser.length, spanF1: pct(spanOk / parser.length), valueAccuracy: pct(valueOk / parser.length) };

  const extractor = jionlpTimeExtractor();
  const s1: SpanScore = { tp: 0, fp: 0, fn: 0 };
  for (const c of extractor) scoreSpans(c.spans, system(c.text, c.now), s1);
  out['jionlp.timeExtractor'] = { cases: extractor.length, spanF1: pct(f1(s1)) };

  const rec = recognizersDateTime().cases;
  const s2: SpanScore = { tp: 0, fp: 0, fn: 0 };
  let readings = 0;
  let readingsOk = 0;
  for (const c of rec) {
    const predicted = system(c.text, c.now);
    const hits = scoreSpans(c.spans, predicted, s2);
    c.spans.forEach((g, i) => {
      const options = c.readings[i] ?? [];
      if (options.length === 0) return;
      readings++;
      const p = hits[i] ? predicted.find((x) => x.start === g.start && x.end === g.end) : undefined;
      if (!p) return;
      const ok = options.some((o) =>
        o.precision === 'day'
          ? p.from.slice(0, 10) === o.start.slice(0, 10) && (!o.end || p.to.slice(0, 10) === o.end.slice(0, 10))
          : p.from.slice(0, 16) === o.start.slice(0, 16),
      );
      if (ok) readingsOk++;
    });
  }
  out['recognizers.dateTime'] = { cases: rec.length, spanF1: pct(f1(s2)), valueAccuracy: pct(readings ? readingsOk / readings : 0) };
  return out;
}

function amountsIn(text: string) {
  const n = normalize(text);
  return extractAmounts(n.text).map((s) => ({ ...toOriginalSpan(n, s.start, s.end), value: s.value }));
}

function moneySlices(): Record<string, SliceResult> {
  const out: Record<string, SliceResult> = {};
  const parser = jionlpMoneyParser();
  let ok = 0;
  for (const c of parser) {
    const first = amountsIn(c.text)[0]?.value;
    if (!first || first.currency !== c.currency) continue;
    if ('approx' in first) {
      const v = first;
      if (Math.abs(v.min - c.min) < 0.01 && (Math.abs(v.max - c.max) < 0.01 || Math.abs(v.max + 1 - c.max) < 0.01)) ok++;
    } else if (Math.abs((first).amount - c.min) < 0.01 && c.min === c.max) ok++;
  }
  out['jionlp.moneyParser'] = { cases: parser.length, valueAccuracy: pct(ok / parser.length) };

  const extractor = jionlpMoneyExtractor();
  const s1: SpanScore = { tp: 0, fp: 0, fn: 0 };
  for (const c of extractor) scoreSpans(c.spans, amountsIn(c.text), s1);
  out['jionlp.moneyExtractor'] = { cases: extractor.length, spanF1: pct(f1(s1)) };

  const rec = recognizersCurrency().cases;
  const s2: SpanScore = { tp: 0, fp: 0, fn: 0 };
  let values = 0;
  let valuesOk = 0;
  for (const c of rec) {
    const predicted = amountsIn(c.text);
    const hits = scoreSpans(c.spans, predicted, s2);
    c.spans.forEach((g, i) => {
      values++;
      const p = hits[i] ? predicted.find((x) => x.start === g.start && x.end === g.end) : undefined;
      const want = c.values?.[i];
      if (p && want && !('approx' in p.value) && Math.abs(p.value.amount - want.amount) < 1e-6 * Math.max(1, want.amount) && p.value.currency === want.currency) valuesOk++;
    });
  }
  out['recognizers.currency'] = { cases: rec.length, spanF1: pct(f1(s2)), valueAccuracy: pct(values ? valuesOk / values : 0) };
  return out;
}

/** Realistic ~30-character messages with a time, an amount and some filler. */
function sampleMessages(count: number): string[] {
  const times = ['昨天下午三点', '前天晚上八点半', '上周五', '今天上午10点', '3天前', '两个小时前', '11月20号', '昨晚'];
  const amounts = ['350块', '￥20.5', '1,299元', '三百五十块', '两千三', '88.8元', '5毛', '20美元'];
  const bodies = [
    '给朋友转了{a},对方一直说没收到,这该怎么办',
    '在超市扫码付款{a}失败了,但是银行卡的钱扣了',
    '网上申请退款{a}到现在还没到账,帮我查查',
    '花呗还款{a}一直显示失败,麻烦帮我查一下原因',
    '余额宝转出{a}一直没到银行卡,是不是出问题了',
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(times[i % times.length]! + bodies[(i * 7) % bodies.length]!.replace('{a}', amounts[(i * 3) % amounts.length]!));
  }
  return out;
}

function throughput(): { textsPerSecond: number; p50Ms: number; p99Ms: number; avgChars: number; samples: number } {
  const texts = sampleMessages(1000);
  const now = new Date('2026-11-23T10:30:00+08:00');
  for (let i = 0; i < 2000; i++) understand(texts[i % texts.length]!, { now }); // warm-up
  const latencies: number[] = [];
  const started = performance.now();
  let i = 0;
  while (performance.now() - started < 3000) {
    const t = performance.now();
    understand(texts[i++ % texts.length]!, { now });
    latencies.push(performance.now() - t);
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! * 1000) / 1000;
  return {
    textsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: q(0.5),
    p99Ms: q(0.99),
    avgChars: Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length),
    samples: latencies.length,
  };
}

function main(): void {
  const json = process.argv.includes('--json');
  if (!dataAvailable()) {
    const message = `benchmark data not found at ${dataDir} (it lives in ../shared/data beside the checkout); nothing measured`;
    if (json) process.stdout.write(`${JSON.stringify({ skipped: message })}\n`);
    else process.stdout.write(`${message}\n`);
    return;
  }
  const kefu = { ...timeSlices(kefuTimes), ...moneySlices() };
  const peer = timeSlices(chronoTimes);
  const speed = throughput();
  // fresh: written by a session that saw only the scenario names, after the classifier's constants were set (eval/scenarios/README.md).
  const scenarios = { dev: scenarioSet('dev'), heldout: scenarioSet('heldout'), fresh: scenarioSet('fresh') };
  const skipped = { jionlpTimeParser: jionlpTimeParser().skipped, recognizersDateTime: recognizersDateTime().skipped, recognizersCurrency: recognizersCurrency().skipped };
  const result = { kefu, chrono: peer, throughput: speed, scenarios, skippedCases: skipped, targets: { aheadOfChronoOnEveryTimeSlice: true, textsPerSecond: 20000, p99Ms: 1, heldoutScenarioAccuracy: 85, heldoutCategoryAccuracy: 95 } };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const rows = Object.entries(kefu).map(([slice, k]) => {
    const c = peer[slice];
    return [slice, k.cases, k.spanF1 ?? '-', k.valueAccuracy ?? '-', c?.spanF1 ?? '-', c?.valueAccuracy ?? '-'];
  });
  const head = ['slice', 'cases', 'kefu span F1 %', 'kefu value %', 'chrono span F1 %', 'chrono value %'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r: (string | number)[]) => r.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]!) : String(v).padStart(widths[i]!))).join('  ');
  process.stdout.write(`${fmt(head)}\n${rows.map(fmt).join('\n')}\n\n`);
  process.stdout.write(`${scenarioTable(scenarios)}\n`);
  process.stdout.write(`understand() on ${speed.avgChars}-character messages, one core: ${speed.textsPerSecond} texts/s, p50 ${speed.p50Ms} ms, p99 ${speed.p99Ms} ms (${speed.samples} samples)\n`);
  process.stdout.write(`skipped cases (unsupported shapes: deltas, periods, open bounds, no reference time; JS-unsupported Recognizers cases): ${JSON.stringify(skipped)}\n`);
}

main();
