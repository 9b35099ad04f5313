/**
 * `npm run train:faq`: trains the FAQ ranker (logistic regression over pair features) on ATEC and
 * AFQMC *train* pairs from ../shared/data, calibrates the answer/suggest thresholds on held-out
 * training questions, and writes shared/faq/faqRankerWeights.json. Deterministic: the same data
 * gives the same file. Pairs that also occur in AFQMC dev (the benchmark) are left out.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalText, charTokens } from '../shared/faq/faqText';
import { FEATURE_NAMES, buildIdf, pairFeatures, score, viewOf, type TextView } from '../shared/faq/pairFeatures';
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
  const idf = buildIdf([...new Set(train.flatMap((p) => [p.s1, p.s2]))].map((s) => [...new Set(charTokens(view(s).canonical))]));
  log('computing features...');
  const X = train.map((p) => pairFeatures(view(p.s2), view(p.s1), idf));
  const y = train.map((p) => p.label);

  // Full-batch gradient descent with Adam; positives are rarer, so weight them to balance classes.
  const positives = y.filter((v) => v === 1).length;
  const posWeight = (y.length - positives) / Math.max(positives, 1);
  const w = new Array<number>(FEATURE_NAMES.length).fill(0);
  const m = new Array<number>(w.length).fill(0);
  const v2 = new Array<number>(w.length).fill(0);
  const lr = 0.05;
  for (let epoch = 1; epoch <= 200; epoch++) {
    const grad = new Array<number>(w.length).fill(0);
    let loss = 0;
    for (let i = 0; i < X.length; i++) {
      const p = score(w, X[i]!);
      const weight = y[i] === 1 ? posWeight : 1;
      const err = (p - y[i]!) * weight;
      for (let j = 0; j < w.length; j++) grad[j]! += err * X[i]![j]!;
      loss -= weight * (y[i] === 1 ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12));
    }
    for (let j = 0; j < w.length; j++) {
      const g = grad[j]! / X.length + (j === 0 ? 0 : 1e-4 * w[j]!);
      m[j] = 0.9 * m[j]! + 0.1 * g;
      v2[j] = 0.999 * v2[j]! + 0.001 * g * g;
      const mh = m[j]! / (1 - 0.9 ** epoch);
      const vh = v2[j]! / (1 - 0.999 ** epoch);
      w[j]! -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
    if (epoch % 50 === 0) log(`epoch ${epoch}: loss ${(loss / X.length).toFixed(4)}`);
  }
  const weights = w.map((x) => Math.round(x * 10000) / 10000);

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
    { weights, thresholds: { answer: 1, answerMargin: 1, suggest: 1 } },
  );
  // A ranked question is right when it is linked to the gold one by positive pairs.
  const links = new UnionFind();
  for (const p of all) if (p.label === 1) links.union(p.s1, p.s2);
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
  for (let t = 0.3; t <= 0.9; t += 0.05) {
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
    weights,
    thresholds,
    trainedOn: { pairs: train.length, positives, source: 'ATEC train + AFQMC train, minus pairs in AFQMC dev' },
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
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), file)}`);
}

main();
