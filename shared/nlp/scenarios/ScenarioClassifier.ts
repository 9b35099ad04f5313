import { stripNegated, type Classification } from '../classify';
import { generaliseRegions } from '../extractTransactionContext';
import type { Scenario, ScenarioMatch } from './Scenario';

/** What separates words for the features: spaces, digits and punctuation. */
const SEPARATORS = /[\s\d,，。.!?！？、;；:：~～"'“”‘’()（）*【】-]+/g;

/** Character unigrams and bigrams of a text, with their counts. */
function featureCounts(text: string): Map<string, number> {
  // 东京, 泰国 and 香港 all say "abroad" to a scenario: one word for all of them generalises.
  const chars = [...generaliseRegions(text.toLowerCase()).replace(/支付宝/g, ' ').replace(SEPARATORS, ' ')];
  const out = new Map<string, number>();
  const add = (f: string) => out.set(f, (out.get(f) ?? 0) + 1);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ' ') continue;
    add(c);
    const next = chars[i + 1];
    if (next && next !== ' ') add(c + next);
  }
  return out;
}

/** A sparse unit vector: feature -> weight. */
type Vector = Map<string, number>;

function unit(v: Vector): Vector {
  let norm = 0;
  for (const w of v.values()) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  for (const [f, w] of v) v.set(f, w / norm);
  return v;
}

/** Bigrams carry the meaning; single characters only a little of it. */
const UNIGRAM_WEIGHT = 0.35;
/**
 * How scores combine: the scenario's whole profile (all its phrasings together), its nearest single
 * phrasing, and an error-screen phrase of the scenario in the text. Set on eval/scenarios/dev.jsonl.
 */
const CENTROID_WEIGHT = 0.5;
const NEAREST_WEIGHT = 0.5;
const SCREEN_BONUS = 0.25;
/** Weight of the category classifier's confidence in the scenario's category. */
const CATEGORY_WEIGHT = 0.15;
/** Softmax sharpness of the confidence (scores are cosines in [0, 1]). */
const SHARPNESS = 25;

interface Posting {
  readonly doc: number;
  readonly weight: number;
}

/**
 * Finds the scenario of a message among a taxonomy: TF-IDF vectors of character unigrams and
 * bigrams, scored against each scenario's profile and its nearest example, plus a bonus when the
 * text carries one of the scenario's error-screen phrases (a screenshot's 余额不足). Built once per
 * taxonomy; classifying looks features up in inverted indexes, so it costs microseconds.
 */
export class ScenarioClassifier {
  private readonly idf = new Map<string, number>();
  private readonly centroids = new Map<string, Posting[]>();
  private readonly examples = new Map<string, Posting[]>();
  /** Example index -> scenario index. */
  private readonly exampleOwner: number[] = [];
  private readonly screens: { readonly phrase: string; readonly scenario: number }[] = [];

  constructor(readonly scenarios: readonly Scenario[]) {
    const texts = scenarios.map((s) => [s.name, ...s.examples]);
    const perScenario = texts.map((list) => list.map(featureCounts));
    const df = new Map<string, number>();
    for (const list of perScenario) for (const f of new Set(list.flatMap((m) => [...m.keys()]))) df.set(f, (df.get(f) ?? 0) + 1);
    const n = scenarios.length;
    for (const [f, d] of df) this.idf.set(f, Math.log(1 + n / d));
    perScenario.forEach((list, si) => {
      const centroid: Vector = new Map();
      for (const counts of list) {
        const v = this.vector(counts);
        for (const [f, w] of v) centroid.set(f, (centroid.get(f) ?? 0) + w);
        const ei = this.exampleOwner.push(si) - 1;
        for (const [f, w] of v) push(this.examples, f, { doc: ei, weight: w });
      }
      for (const [f, w] of unit(centroid)) push(this.centroids, f, { doc: si, weight: w });
      for (const phrase of scenarios[si]!.screenTexts ?? []) this.screens.push({ phrase, scenario: si });
    });
    // Longer phrases first: 可用余额不足 names its scenario before 余额不足 could name another.
    this.screens.sort((a, b) => b.phrase.length - a.phrase.length);
  }

  private vector(counts: Map<string, number>): Vector {
    const v: Vector = new Map();
    for (const [f, c] of counts) {
      const idf = this.idf.get(f);
      if (idf === undefined) continue;
      v.set(f, (1 + Math.log(c)) * idf * ([...f].length === 1 ? UNIGRAM_WEIGHT : 1));
    }
    return unit(v);
  }

  /** The scenario whose error-screen phrase the text shows (longest phrase first), if any. */
  screenScenario(text: string): Scenario | undefined {
    const hit = this.screens.find((s) => text.includes(s.phrase));
    return hit ? this.scenarios[hit.scenario] : undefined;
  }

  /**
   * The best scenarios for a (normalised) message, best first, with confidences summing to at most
   * 1. `byCategory`, the category classifier's reading of the same text, adds its confidence in
   * each scenario's category: the two models err on different messages.
   */
  rank(text: string, limit = 3, byCategory?: Classification): ScenarioMatch[] {
    const q = this.vector(featureCounts(stripNegated(text)));
    if (q.size === 0) return [];
    const k = this.scenarios.length;
    const centroid = new Float64Array(k);
    const nearest = new Float64Array(k);
    const perExample = new Float64Array(this.exampleOwner.length);
    for (const [f, w] of q) {
      for (const p of this.centroids.get(f) ?? []) centroid[p.doc]! += w * p.weight;
      for (const p of this.examples.get(f) ?? []) perExample[p.doc]! += w * p.weight;
    }
    perExample.forEach((s, ei) => {
      const si = this.exampleOwner[ei]!;
      if (s > nearest[si]!) nearest[si] = s;
    });
    const screen = this.screens.find((s) => text.includes(s.phrase));
    const scores: { si: number; score: number }[] = [];
    for (let si = 0; si < k; si++) {
      const c = this.scenarios[si]!.category;
      const prior = !byCategory ? 0 : c === byCategory.category ? byCategory.confidence : c === byCategory.runnerUp.category ? byCategory.runnerUp.confidence : 0;
      const score = CENTROID_WEIGHT * centroid[si]! + NEAREST_WEIGHT * nearest[si]! + (screen?.scenario === si ? SCREEN_BONUS : 0) + CATEGORY_WEIGHT * prior;
      if (score > 0) scores.push({ si, score });
    }
    if (scores.length === 0) return [];
    scores.sort((a, b) => b.score - a.score);
    const top = scores[0]!.score;
    let sum = 0;
    for (const s of scores) sum += Math.exp(SHARPNESS * (s.score - top));
    return scores.slice(0, limit).map(({ si, score }) => {
      const s = this.scenarios[si]!;
      return { id: s.id, name: s.name, category: s.category, confidence: Math.round((Math.exp(SHARPNESS * (score - top)) / sum) * 1000) / 1000 };
    });
  }

  /** The best scenario of a (normalised) message, or undefined when nothing in it is known. */
  classify(text: string, byCategory?: Classification): ScenarioMatch | undefined {
    return this.rank(text, 1, byCategory)[0];
  }
}

function push(index: Map<string, Posting[]>, f: string, p: Posting): void {
  const list = index.get(f);
  if (list) list.push(p);
  else index.set(f, [p]);
}
