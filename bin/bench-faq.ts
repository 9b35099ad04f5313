/**
 * `npm run bench:faq [-- --json]`: the AFQMC retrieval recipe of ../shared/data/README.md for Kefu's
 * matcher and a plain BM25 peer (minisearch over character tokens), in the same run: top-1,
 * recall@5 and MRR@10 on the 1,338-question bank, and again with 2,000 ATEC distractors; query
 * latency p50/p99 at 2,000 and 10,000 entries; index build time and saved-index load time.
 */
import MiniSearch from 'minisearch';
import { FaqMatcher } from '../shared/faq/FaqMatcher';
import { normalize } from '../shared/nlp/normalize';
import { afqmcDev, afqmcTrain, atecTrain, faqDataAvailable, faqDataDir } from './bench/faqData';
import { UnionFind } from './bench/unionFind';

interface Ranker {
  rank(query: string, limit: number): string[];
}

interface Quality {
  top1: number;
  recall5: number;
  mrr10: number;
}

function plainBm25(bank: string[]): Ranker {
  const chars = (t: string) => [...normalize(t).text.replace(/[\s\p{P}]/gu, '')];
  const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], tokenize: chars, processTerm: (t) => t, searchOptions: { combineWith: 'OR' } });
  ms.addAll(bank.map((text, id) => ({ id, text })));
  return { rank: (q, limit) => ms.search(q).slice(0, limit).map((r) => bank[r.id as number]!) };
}

function kefu(bank: string[]): Ranker {
  const matcher = FaqMatcher.build(bank.map((q, i) => ({ id: String(i), question: q, similar: [], enabled: true })));
  return { rank: (q, limit) => matcher.rank(q, limit).map((m) => bank[Number(m.faqId)]!) };
}

function evaluate(ranker: Ranker, queries: { query: string; gold: string }[], links: UnionFind): Quality {
  let top1 = 0;
  let recall5 = 0;
  let mrr = 0;
  for (const { query, gold } of queries) {
    const ranked = ranker.rank(query, 10);
    const at = ranked.findIndex((q) => q === gold || links.same(q, gold));
    if (at === 0) top1++;
    if (at >= 0 && at < 5) recall5++;
    if (at >= 0) mrr += 1 / (at + 1);
  }
  const n = queries.length;
  const r = (x: number) => Math.round((x / n) * 1000) / 10;
  return { top1: r(top1), recall5: r(recall5), mrr10: Math.round((mrr / n) * 1000) / 1000 };
}

function latency(bankSize: number, pool: string[], queries: string[]): { entries: number; p50Ms: number; p99Ms: number; buildMs: number; loadMs: number } {
  const bank = pool.slice(0, bankSize);
  const t0 = performance.now();
  const matcher = FaqMatcher.build(bank.map((q, i) => ({ id: String(i), question: q, similar: [], enabled: true })));
  const buildMs = performance.now() - t0;
  const saved = JSON.stringify(matcher.toJSON());
  const t1 = performance.now();
  const loaded = FaqMatcher.fromJSON(JSON.parse(saved));
  if (!loaded) throw new Error("saved index did not load");
  const loadMs = performance.now() - t1;
  for (let i = 0; i < 200; i++) loaded.match(queries[i % queries.length]!); // warm-up
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    loaded.match(queries[i % queries.length]!);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => Math.round(times[Math.floor(p * (times.length - 1))]! * 1000) / 1000;
  return { entries: bankSize, p50Ms: q(0.5), p99Ms: q(0.99), buildMs: Math.round(buildMs), loadMs: Math.round(loadMs) };
}

function main(): void {
  const json = process.argv.includes('--json');
  if (!faqDataAvailable()) {
    const message = `benchmark data not found at ${faqDataDir}; nothing measured`;
    process.stdout.write(json ? `${JSON.stringify({ skipped: message })}\n` : `${message}\n`);
    return;
  }
  const dev = afqmcDev();
  const atec = atecTrain();
  const links = new UnionFind();
  for (const p of [...atec, ...afqmcTrain(), ...dev]) if (p.label === 1) links.union(p.s1, p.s2);
  const positives = dev.filter((p) => p.label === 1);
  const bank = [...new Set(positives.map((p) => p.s1))];
  const queries = positives.map((p) => ({ query: p.s2, gold: p.s1 }));
  const inBank = new Set(bank);
  const distractors = [...new Set(atec.map((p) => p.s1))].filter((q) => !inBank.has(q)).slice(0, 2000);

  process.stderr.write(`bank ${bank.length} questions, ${queries.length} queries, ${distractors.length} distractors\n`);
  const quality = {
    kefu: evaluate(kefu(bank), queries, links),
    bm25: evaluate(plainBm25(bank), queries, links),
    kefuWithDistractors: evaluate(kefu([...bank, ...distractors]), queries, links),
    bm25WithDistractors: evaluate(plainBm25([...bank, ...distractors]), queries, links),
  };
  const pool = [...new Set([...atec.flatMap((p) => [p.s1, p.s2]), ...afqmcTrain().map((p) => p.s1)])];
  const speed = [latency(2000, pool, queries.map((q) => q.query)), latency(10000, pool, queries.map((q) => q.query))];
  const result = {
    quality,
    top1Ratio: Math.round((quality.kefu.top1 / quality.bm25.top1) * 100) / 100,
    latency: speed,
    targets: { top1Ratio: 1.5, p99MsAt2000: 2, buildMsAt10000: 1000 },
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const row = (name: string, q: Quality) => `${name.padEnd(26)} ${String(q.top1).padStart(6)} ${String(q.recall5).padStart(9)} ${String(q.mrr10).padStart(7)}`;
  process.stdout.write(`${'system'.padEnd(26)} ${'top-1%'.padStart(6)} ${'recall@5%'.padStart(9)} ${'MRR@10'.padStart(7)}\n`);
  for (const [name, q] of Object.entries(quality)) process.stdout.write(`${row(name, q)}\n`);
  process.stdout.write(`\ntop-1 ratio kefu/bm25: ${result.top1Ratio} (target >= 1.5)\n`);
  for (const s of speed) {
    process.stdout.write(`${s.entries} entries: query p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms; build ${s.buildMs} ms; load saved index ${s.loadMs} ms\n`);
  }
}

main();
