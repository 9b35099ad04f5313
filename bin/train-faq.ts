/**
 * `npm run train:faq`: trains the FAQ ranker (listwise, over dense pair features and term weights) on ATEC and
 * AFQMC *train* pairs from ../shared/data, calibrates the answer/suggest thresholds on held-out
 * training questions, and writes shared/faq/faqRankerWeights.json. Deterministic: the same data
 * gives the same file. Pairs that also occur in AFQMC dev (the benchmark) are left out.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalText } from '../shared/faq/faqText';
import { FEATURE_NAMES, buildIdf, pairFeatures, viewOf, type TextView } from '../shared/faq/pairFeatures';

/** Smallest term weight worth shipping. */
const TERM_WEIGHT_FLOOR = 0.2;
import { FaqMatcher } from '../shared/faq/FaqMatcher';
import { UnionFind } from './bench/unionFind';
import { afqmcDev, afqmcTrain, atecTrain, faqDataAvailable, faqDataDir, pairKey } from './bench/faqData';

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Stable pseudo-random split from the text itself. */
function bucket(text: string, buckets: number): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % buckets;
}

function main(): void {
  if (!faqDataAvailable()) {
    log(`training data not found at ${faqDataDir}; nothing trained`);
    process.exitCode = 1;
    return;
  }
  const dev = new Set(afqmcDev().map((p) => pairKey(p.s1, p.s2)));
  const all = [...atecTrain(), ...afqmcTrain()].filter((p) => !dev.has(pairKey(p.s1, p.s2)));
  // One tenth of the questions (by s1) is held out for calibration.
  const train = all.filter((p) => bucket(p.s1, 10) !== 0);
  const held = all.filter((p) => bucket(p.s1, 10) === 0);
  log(`pairs: ${all.length} (train ${train.length}, held out ${held.length}); ${all.length - train.length - held.length} overlap`);

  const views = new Map<string, TextView>();
  const view = (s: string) => {
    let v = views.get(s);
    if (!v) views.set(s, (v = viewOf(canonicalText(s))));
    return v;
  };
  const texts = [...new Set(train.flatMap((p) => [p.s1, p.s2]))];
  // Term weights only for terms seen in at least 5 training questions: rarer ones would overfit.
  const seen = new Map<string, number>();
  for (const t of texts) for (const term of view(t).tokens) seen.set(term, (seen.get(term) ?? 0) + 1);
  const vocab = [...seen].filter(([, n]) => n >= 5).map(([t]) => t).sort();
  const termIndex = new Map(vocab.map((t, i) => [t, i]));
  const D = FEATURE_NAMES.length;
  const V = vocab.length;
  // Column of term i: D + 3i (in both), D + 3i + 1 (only in the query), D + 3i + 2 (only in the candidate).
  const sparseOf = (q: TextView, c: TextView): number[] => {
    const out: number[] = [];
    for (const x of q.tokens) {
      const i = termIndex.get(x);
      if (i !== undefined) out.push(D + 3 * i + (c.tokens.has(x) ? 0 : 1));
    }
    for (const x of c.tokens) {
      const i = termIndex.get(x);
      if (i !== undefined && !q.tokens.has(x)) out.push(D + 3 * i + 2);
    }
    return out;
  };

  // Training lists mirror how the ranker is used: knowledge bases of ~1,400 training questions,
  // each queried with a paraphrase (both directions of every positive pair); the ranker learns to
  // put a linked question first among the 20 the index retrieves (softmax over the list).
  log('building training lists...');
  const links = new UnionFind();
  for (const p of all) if (p.label === 1) links.union(p.s1, p.s2);
  const trainPositives = train.filter((p) => p.label === 1);
  const queriesOf = [...trainPositives, ...trainPositives.map((p) => ({ ...p, s1: p.s2, s2: p.s1 }))];
  const bankQuestions = [...new Set(queriesOf.map((p) => p.s1))];
  const chunks = Math.ceil(bankQuestions.length / 1400);
  type Candidate = { dense: number[]; sparse: number[]; right: boolean };
  const lists: Candidate[][] = [];
  for (let c = 0; c < chunks; c++) {
    const bank = bankQuestions.filter((q) => bucket(q, chunks) === c);
    const inBank = new Set(bank);
    const retriever = FaqMatcher.build(bank.map((q, i) => ({ id: String(i), question: q, similar: [], enabled: true })));
    const bankIdf = buildIdf(bank.map((q) => [...view(q).tokens]));
    for (const p of queriesOf) {
      if (!inBank.has(p.s1)) continue;
      const list = retriever.retrieve(p.s2, 20).map((id) => {
        const q = bank[Number(id)]!;
        return { dense: pairFeatures(view(p.s2), view(q), bankIdf), sparse: sparseOf(view(p.s2), view(q)), right: links.same(q, p.s1) };
      });
      if (list.some((x) => x.right) && list.some((x) => !x.right)) lists.push(list);
    }
  }
  log(`${lists.length} lists, ${V} terms`);

  // Listwise softmax loss with AdaGrad; a seeded shuffle keeps the run deterministic.
  const w = new Float64Array(D + 3 * V);
  const g2 = new Float64Array(w.length).fill(1e-8);
  const lr = 0.05;
  const l2 = 1e-5;
  const z = (x: Candidate) => {
    let v = 0;
    for (let i = 0; i < D; i++) v += w[i]! * x.dense[i]!;
    for (const j of x.sparse) v += w[j]!;
    return v;
  };
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
  const order = lists.map((_, i) => i);
  for (let epoch = 1; epoch <= 4; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let loss = 0;
    for (const li of order) {
      const list = lists[li]!;
      const zs = list.map(z);
      const max = Math.max(...zs);
      const e = zs.map((v) => Math.exp(v - max));
      const sum = e.reduce((a, b) => a + b, 0);
      const rights = list.filter((x) => x.right).length;
      list.forEach((x, k) => {
        const g = e[k]! / sum - (x.right ? 1 / rights : 0);
        if (x.right) loss -= Math.log(e[k]! / sum) / rights;
        const step = (j: number, grad: number) => {
          const gj = grad + l2 * w[j]!;
          g2[j]! += gj * gj;
          w[j]! -= (lr * gj) / Math.sqrt(g2[j]!);
        };
        for (let f = 0; f < D; f++) step(f, g * x.dense[f]!);
        for (const j of x.sparse) step(j, g);
      });
    }
    log(`epoch ${epoch}: listwise loss ${(loss / lists.length).toFixed(4)}`);
  }

  // Platt scaling: a confidence that a candidate is right, monotone in the ranking score.
  const zs = lists.flatMap((l) => l.map((x) => ({ z: z(x), y: x.right ? 1 : 0 })));
  let a = 1;
  let b = 0;
  for (let it = 0; it < 300; it++) {
    let ga = 0;
    let gb = 0;
    for (const { z: v, y } of zs) {
      const p = 1 / (1 + Math.exp(-(a * v + b)));
      ga += (p - y) * v;
      gb += p - y;
    }
    a -= (0.5 * ga) / zs.length;
    b -= (0.5 * gb) / zs.length;
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const weights = Array.from(w.subarray(0, D), round);
  // Terms whose weights all stay near zero are dropped: they change no ranking and keep the file small.
  const terms: Record<string, [number, number, number]> = {};
  vocab.forEach((t, i) => {
    const tw: [number, number, number] = [round(w[D + 3 * i]!), round(w[D + 3 * i + 1]!), round(w[D + 3 * i + 2]!)];
    if (tw.some((x) => Math.abs(x) >= TERM_WEIGHT_FLOOR)) terms[t] = tw;
  });
  const model = { weights, terms, platt: { a: round(a), b: round(b) } };

  // Calibration: a knowledge base of held-out questions, queried with their positive paraphrases.
  // A merchant's knowledge base holds tens to a few hundred questions, not thousands of near-
  // duplicates: calibrate on banks of 200 held-out questions with their positive paraphrases.
  const byQuestion = new Map<string, string[]>();
  for (const p of held) if (p.label === 1) byQuestion.set(p.s1, [...(byQuestion.get(p.s1) ?? []), p.s2]);
  const questions = [...byQuestion.keys()].sort((a, b) => bucket(a, 1_000_003) - bucket(b, 1_000_003)).slice(0, 200);
  const heldPositives = questions.flatMap((s1) => byQuestion.get(s1)!.map((s2) => ({ s1, s2 })));
  const bank = questions;
  const matcher = FaqMatcher.build(
    bank.map((q, i) => ({ id: `q${i}`, question: q, similar: [], enabled: true })),
    { ...model, thresholds: { answer: 1, answerMargin: 1, suggest: 1 } },
  );
  // A ranked question is right when it is linked to the gold one by positive pairs.
  const questionOf = (id: string) => bank[Number(id.slice(1))]!;
  const runs = heldPositives.slice(0, 3000).map((p) => {
    const ranked = matcher.rank(p.s2, 3);
    const right = (id: string) => links.same(questionOf(id), p.s1);
    return { margin: (ranked[0]?.score ?? 0) - (ranked[1]?.score ?? 0), top: ranked[0]?.score ?? 0, top1: ranked[0] ? right(ranked[0].faqId) : false, top3: ranked.some((r) => right(r.faqId)) };
  });
  log(`calibration: top-1 ${(runs.filter((r) => r.top1).length / runs.length).toFixed(3)}, top-3 ${(runs.filter((r) => r.top3).length / runs.length).toFixed(3)} over ${runs.length} held-out queries, ${bank.length} questions`);
  const inScope = runs.length;
  // Decisions must also stay away from questions the knowledge base does not cover: as many
  // held-out questions unrelated to any bank entry as there are in-scope queries join the runs;
  // answering or suggesting one of them is always wrong.
  const bankSet = new Set(bank);
  const outOfScope = [...new Set(held.flatMap((p) => [p.s1, p.s2]))]
    .filter((q) => !bankSet.has(q) && !bank.some((b) => links.same(b, q)))
    .sort((a, b) => bucket(a, 1_000_033) - bucket(b, 1_000_033))
    .slice(0, inScope)
    .map((q) => ({ margin: 0, top: matcher.rank(q, 1)[0]?.score ?? 0, top1: false, top3: false }));
  runs.push(...outOfScope);
  /** Lowest threshold at which the runs above it meet the precision target. */
  const threshold = (ok: (r: (typeof runs)[number]) => boolean, precision: number) => {
    for (let t = 0.05; t < 1; t += 0.01) {
      const above = runs.filter((r) => r.top >= t);
      if (above.length >= 20 && above.filter(ok).length / above.length >= precision) return Math.round(t * 100) / 100;
    }
    return 0.99;
  };
  // Answer when the best entry is both good and clearly ahead of the next one: of all (score,
  // margin) pairs whose answers are right at least 80 % of the time, the one that answers most.
  let answer = { score: 0.99, margin: 0.99, coverage: 0, precision: 0 };
  for (let t = 0.1; t <= 0.9; t += 0.02) {
    for (let mg = 0; mg <= 0.5; mg += 0.01) {
      const above = runs.filter((r) => r.top >= t && r.margin >= mg);
      if (above.length < 20) continue;
      const precision = above.filter((r) => r.top1).length / above.length;
      if (precision >= 0.8 && above.length / inScope > answer.coverage) {
        answer = { score: Math.round(t * 100) / 100, margin: Math.round(mg * 100) / 100, coverage: above.length / inScope, precision };
      }
    }
  }
  // A suggestion never needs more confidence than an answer.
  const suggest = Math.min(threshold((r) => r.top3, 0.6), answer.score);
  const thresholds = { answer: answer.score, answerMargin: answer.margin, suggest };
  log(`thresholds: answer at score >= ${answer.score} and margin >= ${answer.margin} (answers ${(answer.coverage * 100).toFixed(1)}% of queries, ${(answer.precision * 100).toFixed(1)}% right); suggest at >= ${suggest} (covers ${(runs.filter((r) => r.top >= suggest).length / runs.length).toFixed(3)})`);

  const file = path.resolve(__dirname, '../shared/faq/faqRankerWeights.json');
  const out = {
    features: FEATURE_NAMES,
    ...model,
    thresholds,
    trainedOn: { pairs: train.length, lists: lists.length, terms: V, source: 'ATEC train + AFQMC train, minus pairs in AFQMC dev' },
    calibration: {
      queries: runs.length,
      bankSize: bank.length,
      answerRule: 'score and margin thresholds answering the most held-out queries with top-1 precision >= 0.8',
      suggestRule: 'lowest score with top-3 precision >= 0.6 on held-out queries mixed 1:1 with out-of-scope questions',
      outOfScope: outOfScope.length,
      answered: Math.round(answer.coverage * 1000) / 1000,
      answerPrecision: Math.round(answer.precision * 1000) / 1000,
    },
  };
  // One line per term keeps the committed file compact and its diffs readable.
  const { terms: termTable, ...rest } = out;
  const termLines = Object.entries(termTable).map(([t, tw]) => `    ${JSON.stringify(t)}: ${JSON.stringify(tw)}`);
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
  writeFileSync(file, `${head},\n  "terms": {\n${termLines.join(',\n')}\n  }\n}\n`);
  log(`wrote ${path.relative(process.cwd(), file)}`);
}

main();
