import { stripCourtesy, stripNegated, type Classification } from '../classify';
import { extractTransactionContext, generaliseRegions } from '../extractTransactionContext';
import { toneless } from '../homophones';
import { normalize } from '../normalize';
import type { Scenario, ScenarioMatch } from './Scenario';

/** What separates words for the features: spaces, digits and punctuation. */
const SEPARATORS = /[\s\d,，。.!?！？、;；:：~～"'“”‘’()（）*【】-]+/g;

/** The text with every bank's name (工行, 招商银行, 汇丰) as 银行. */
function generaliseBanks(text: string): string {
  let out = text;
  const banks = extractTransactionContext(text).filter((s) => s.type === 'bank');
  for (let i = banks.length - 1; i >= 0; i--) out = out.slice(0, banks[i]!.start) + '银行' + out.slice(banks[i]!.end);
  return out;
}

/** Marks a feature as a pair of syllables (never a character of a message). */
const PINYIN = '\u0003';

const fuzzyCache = new Map<string, string>();
/**
 * A syllable as a speaker from the south says it or a speech recogniser hears it: zh/ch/sh as
 * z/c/s, n as l, and -ing/-eng/-ang as -in/-en/-an (not -iang/-uang: 想 is no 先, 光 no 关), so
 * 转账 said zuan zan still meets it.
 */
function fuzzy(syllable: string): string {
  let out = fuzzyCache.get(syllable);
  if (out === undefined) {
    out = syllable.replace(/^([zcs])h/, '$1').replace(/^n/, 'l').replace(/ing$/, 'in').replace(/eng$/, 'en').replace(/([^iu])ang$/, '$1an');
    fuzzyCache.set(syllable, out);
  }
  return out;
}

/**
 * Character unigrams and bigrams of a text, and bigrams of its toneless (and fuzzy) syllables,
 * with their counts. The syllables are what a pinyin keyboard or a speech transcript gets right when the
 * characters are wrong: 花被, 退宽 and 付宽 share hua_bei, tui_kuan and fu_kuan with 花呗, 退款
 * and 付款, so a homophone typo still meets its scenario's examples.
 */
function featureCounts(text: string): Map<string, number> {
  // 东京, 泰国 and 香港 all say "abroad" to a scenario, 工行 and 招商银行 "a bank": one word for
  // all of them generalises (工行卡 meets the examples' 银行卡).
  const spaced = generaliseRegions(generaliseBanks(text.toLowerCase())).replace(/支付宝/g, ' ').replace(SEPARATORS, ' ');
  const out = new Map<string, number>();
  // UTF-16 units: a surrogate half makes an unknown feature, which no scenario has.
  for (let i = 0; i < spaced.length; i++) {
    const c = spaced[i]!;
    if (c === ' ') continue;
    out.set(c, (out.get(c) ?? 0) + 1);
    const next = spaced[i + 1];
    if (next && next !== ' ') {
      const bigram = c + next;
      out.set(bigram, (out.get(bigram) ?? 0) + 1);
    }
  }
  for (const part of spaced.split(' ')) {
    if (part.length < 2) continue;
    const syllables = toneless(part).map(fuzzy);
    for (let i = 0; i + 1 < syllables.length; i++) {
      const pair = PINYIN + syllables[i] + '_' + syllables[i + 1];
      out.set(pair, (out.get(pair) ?? 0) + 1);
    }
  }
  return out;
}

/**
 * Syllable pairs weigh as much as character bigrams: on dev with two homophone typos per message
 * (generated from the same readings) scenario accuracy goes from 87.8 % to 95.5 % at this weight,
 * and the cross-validation over the taxonomy loses under a point.
 */
const PINYIN_WEIGHT = 1;
/**
 * Single characters weigh as much as bigrams: with 10+ phrasings per scenario, a shared character
 * (退, 卡) is evidence too, and unseen wordings share characters more often than bigrams.
 */
const UNIGRAM_WEIGHT = 1;
/**
 * How scores combine: the scenario's whole profile (all its phrasings together), its nearest single
 * phrasing, and an error-screen phrase of the scenario in the text. Set by a five-fold
 * cross-validation over the taxonomy's own examples and on eval/scenarios/dev.jsonl read by a
 * taxonomy without the examples written while looking at dev (so dev is not just recalled).
 */
const CENTROID_WEIGHT = 0.6;
const NEAREST_WEIGHT = 0.4;
const SCREEN_BONUS = 0.25;
/**
 * Weight of the category classifier's confidence in the scenario's category. It is trained on the
 * taxonomy's examples too (classify.ts), so it reads a category from all of a category's phrasings.
 */
const CATEGORY_WEIGHT = 0.3;
/** Softmax sharpness of the confidence (scores are cosines in [0, 1]). */
const SHARPNESS = 25;

/**
 * Postings of every feature packed in one pair of arrays (compressed rows): feature f's entries
 * are `docs[start[f]] .. docs[start[f + 1] - 1]` with their weights. A few typed arrays for the
 * whole taxonomy rather than four per feature: building one classifier allocated some 100,000 of
 * those, and a merchant's own taxonomy is built while requests wait.
 */
interface Postings {
  readonly start: Int32Array;
  readonly docs: Int32Array;
  readonly weights: Float64Array;
}

/** Packs (feature, doc, weight) entries, given in doc order, into postings by feature. */
function pack(featureCount: number, entries: { readonly f: number[]; readonly doc: number[]; readonly w: number[] }): Postings {
  const start = new Int32Array(featureCount + 1);
  for (const f of entries.f) start[f + 1]!++;
  for (let f = 0; f < featureCount; f++) start[f + 1]! += start[f]!;
  const fill = start.slice(0, featureCount);
  const docs = new Int32Array(entries.f.length);
  const weights = new Float64Array(entries.f.length);
  for (let i = 0; i < entries.f.length; i++) {
    const at = fill[entries.f[i]!]!++;
    docs[at] = entries.doc[i]!;
    weights[at] = entries.w[i]!;
  }
  return { start, docs, weights };
}

/**
 * Finds the scenario of a message among a taxonomy: TF-IDF vectors of character unigrams and
 * bigrams and syllable pairs, scored against each scenario's profile and its nearest example, plus
 * a bonus when the text carries one of the scenario's error-screen phrases (a screenshot's
 * 余额不足). Built once per taxonomy; classifying walks packed inverted indexes with reused scratch
 * arrays: about 0.2 ms of understand() (0.02 ms without the scenario step), most of it pinyin and
 * the transaction context of the text.
 */
export class ScenarioClassifier {
  /** Feature -> its index into `scale` and the postings. */
  private readonly ids = new Map<string, number>();
  /** Per feature: IDF times the weight of its kind. */
  private readonly scale: Float64Array;
  private readonly profiles: Postings;
  private readonly examples: Postings;
  /** Example index -> scenario index. */
  private readonly exampleOwner: Int32Array;
  private readonly screens: { readonly phrase: string; readonly scenario: number }[] = [];
  /** Scratch rows for one call at a time (classifying is synchronous). */
  private readonly profile: Float64Array;
  private readonly nearest: Float64Array;
  private readonly perExample: Float64Array;
  private readonly scores: Float64Array;
  private readonly touched: number[] = [];
  private readonly categoryOf: readonly string[];

  constructor(readonly scenarios: readonly Scenario[]) {
    // Messages arrive normalised (咋 -> 怎么, traditional -> simplified); the examples must be too.
    const perScenario = scenarios.map((s) => [s.name, ...s.examples].map((e) => featureCounts(normalize(e).text)));
    const { ids } = this;
    const df: number[] = [];
    const kind: number[] = [];
    const lastScenario: number[] = [];
    perScenario.forEach((list, si) => {
      for (const counts of list) {
        for (const f of counts.keys()) {
          let id = ids.get(f);
          if (id === undefined) {
            ids.set(f, (id = df.length));
            df.push(0);
            lastScenario.push(-1);
            kind.push(f.length === 1 ? UNIGRAM_WEIGHT : f[0] === PINYIN ? PINYIN_WEIGHT : 1);
          }
          // Document frequency over scenarios: count a feature once per scenario.
          if (lastScenario[id] !== si) {
            lastScenario[id] = si;
            df[id]!++;
          }
        }
      }
    });
    const scale = (this.scale = Float64Array.from(df, (d, id) => Math.log(1 + scenarios.length / d) * kind[id]!));
    const profileEntries = { f: [] as number[], doc: [] as number[], w: [] as number[] };
    const exampleEntries = { f: [] as number[], doc: [] as number[], w: [] as number[] };
    const owners: number[] = [];
    const centroid = new Float64Array(df.length);
    const inCentroid: number[] = [];
    perScenario.forEach((list, si) => {
      for (const counts of list) {
        const ei = owners.push(si) - 1;
        let norm = 0;
        const at = exampleEntries.f.length;
        for (const [f, c] of counts) {
          const id = ids.get(f)!;
          const w = (1 + Math.log(c)) * scale[id]!;
          exampleEntries.f.push(id);
          exampleEntries.doc.push(ei);
          exampleEntries.w.push(w);
          norm += w * w;
        }
        norm = Math.sqrt(norm) || 1;
        for (let i = at; i < exampleEntries.f.length; i++) {
          const id = exampleEntries.f[i]!;
          const w = (exampleEntries.w[i]! /= norm);
          if (centroid[id] === 0) inCentroid.push(id);
          centroid[id]! += w;
        }
      }
      let norm = 0;
      for (const id of inCentroid) norm += centroid[id]! * centroid[id]!;
      norm = Math.sqrt(norm) || 1;
      for (const id of inCentroid) {
        profileEntries.f.push(id);
        profileEntries.doc.push(si);
        profileEntries.w.push(centroid[id]! / norm);
        centroid[id] = 0;
      }
      inCentroid.length = 0;
      for (const phrase of scenarios[si]!.screenTexts ?? []) this.screens.push({ phrase, scenario: si });
    });
    this.profiles = pack(df.length, profileEntries);
    this.examples = pack(df.length, exampleEntries);
    this.exampleOwner = Int32Array.from(owners);
    this.profile = new Float64Array(scenarios.length);
    this.nearest = new Float64Array(scenarios.length);
    this.perExample = new Float64Array(owners.length);
    this.scores = new Float64Array(scenarios.length);
    this.categoryOf = scenarios.map((s) => s.category);
    // Longer phrases first: 可用余额不足 names its scenario before 余额不足 could name another.
    this.screens.sort((a, b) => b.phrase.length - a.phrase.length);
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
    const counts = featureCounts(stripNegated(stripCourtesy(text)));
    const found: number[] = [];
    const weights: number[] = [];
    let norm = 0;
    for (const [f, c] of counts) {
      const id = this.ids.get(f);
      if (id === undefined) continue;
      const w = (1 + Math.log(c)) * this.scale[id]!;
      found.push(id);
      weights.push(w);
      norm += w * w;
    }
    if (found.length === 0) return [];
    norm = Math.sqrt(norm);
    const { profile, nearest, perExample, touched, exampleOwner, scores, profiles, examples } = this;
    profile.fill(0);
    nearest.fill(0);
    touched.length = 0;
    for (let i = 0; i < found.length; i++) {
      const id = found[i]!;
      const w = weights[i]! / norm;
      for (let j = profiles.start[id]!, end = profiles.start[id + 1]!; j < end; j++) profile[profiles.docs[j]!]! += w * profiles.weights[j]!;
      for (let j = examples.start[id]!, end = examples.start[id + 1]!; j < end; j++) {
        const ei = examples.docs[j]!;
        if (perExample[ei] === 0) touched.push(ei);
        perExample[ei]! += w * examples.weights[j]!;
      }
    }
    for (let i = 0; i < touched.length; i++) {
      const ei = touched[i]!;
      const si = exampleOwner[ei]!;
      if (perExample[ei]! > nearest[si]!) nearest[si] = perExample[ei]!;
      perExample[ei] = 0;
    }
    let screen = -1;
    for (const s of this.screens) {
      if (text.includes(s.phrase)) {
        screen = s.scenario;
        break;
      }
    }
    const top: number[] = [];
    for (let si = 0; si < scores.length; si++) {
      const c = this.categoryOf[si]!;
      const prior = !byCategory ? 0 : c === byCategory.category ? byCategory.confidence : c === byCategory.runnerUp.category ? byCategory.runnerUp.confidence : 0;
      const score = CENTROID_WEIGHT * profile[si]! + NEAREST_WEIGHT * nearest[si]! + (screen === si ? SCREEN_BONUS : 0) + CATEGORY_WEIGHT * prior;
      scores[si] = score;
      // The best `limit` so far, best first (insertion into a short list).
      if (score <= 0 || (top.length === limit && score <= scores[top[limit - 1]!]!)) continue;
      let at = top.length === limit ? limit - 1 : top.length;
      while (at > 0 && scores[top[at - 1]!]! < score) {
        if (at < limit) top[at] = top[at - 1]!;
        at--;
      }
      top[at] = si;
      if (top.length > limit) top.length = limit;
    }
    if (top.length === 0) return [];
    const best = scores[top[0]!]!;
    let sum = 0;
    for (let si = 0; si < scores.length; si++) if (scores[si]! > 0) sum += Math.exp(SHARPNESS * (scores[si]! - best));
    return top.map((si) => {
      const s = this.scenarios[si]!;
      return { id: s.id, name: s.name, category: s.category, confidence: Math.round((Math.exp(SHARPNESS * (scores[si]! - best)) / sum) * 1000) / 1000 };
    });
  }

  /** The best scenario of a (normalised) message, or undefined when nothing in it is known. */
  classify(text: string, byCategory?: Classification): ScenarioMatch | undefined {
    return this.rank(text, 1, byCategory)[0];
  }
}
