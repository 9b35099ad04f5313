import { canonicalText } from './faqText';
import { contentWords, matchText } from './faqTerms';
import { conceptsOf } from './faqConcepts';
import { FAQ_GAP_KINDS, type FaqGap, type FaqGapKind } from './faqGapRows';

/** Questions that need the same entry, as the merchant's list shows them. */
export interface FaqGapCluster {
  /** The typical question's gap id: names the cluster in the console. */
  readonly id: string;
  /** The phrasing most like the others (masked): the question of a new entry. */
  readonly typical: string;
  readonly count: number;
  readonly byKind: Readonly<Record<FaqGapKind, number>>;
  /** Distinct phrasings, the most asked first (at most EXAMPLES). */
  readonly examples: readonly { readonly text: string; readonly count: number }[];
  /** Every gap of the cluster: what an action removes. */
  readonly gapIds: readonly string[];
  /** Entries users got 没解决 on for these questions: not the home for them. */
  readonly unresolvedFaqIds: readonly string[];
  readonly lastAt: number;
}

/**
 * Mean cosine between two clusters' phrasings at or above which they are one need: the best
 * pairwise F1 with precision >= 0.9, joining at most one of 7 pairs of unrelated questions, on a
 * development set of gap questions (10 needs, 5 phrasings each, written for this; with ABSENT and
 * QUESTION_FRAME, its choices too). On two held-out sets
 * of 10 other needs each (faqGapClusters.test.ts), pairs of one need end in one cluster with
 * precision 0.89 and 0.93, recall 0.65 and 0.75 (15 and 14 clusters); of 10 held-out pairs of
 * unrelated questions that share a character, 1 is joined when the two are the only gaps (4
 * before QUESTION_FRAME). Character-bigram Dice grouped greedily at 0.4, the grouping before
 * this one, made 42 clusters on the first set, precision 1.00, recall 0.12.
 */
const SAME_NEED = 0.18;
const EXAMPLES = 6;
/**
 * How a question is asked, not what it is about: left out of the comparison (the FAQ keeps them,
 * faqTerms). With few gaps nothing tells the weighting they are common, and 怎么 with one more
 * character made 积分怎么兑换 and 怎么换头像 one need (walk finding).
 */
const QUESTION_FRAME = new Set(['怎么', '怎样', '如何', '为什么', '为啥', '什么', '哪里', '在哪', '在哪里', '哪', '多久', '多少', '几', '能', '可以', '能不能', '是不是', '怎么办', '怎么弄', '办', '弄', '要', '有', '会', '还', '吗', '没', '不']);
const EMPTY: Vector = { terms: new Int32Array(0), weights: new Float64Array(0) };
/**
 * Questions counted as if present that hold none of the terms: in a short list all on one need,
 * the need's own words (公积金 in every one of them) still weigh more than each one's other words.
 */
const ABSENT = 10;
/**
 * Phrasings grouped at the most (the most asked, then the newest): the grouping costs their
 * number squared: 0.15-0.25 s for 500 distinct ones and about 0.45 s for 1,000 on the dev machine.
 */
const GROUPED = 500;

/** A question's terms (ids, ascending) with their weights, scaled to length 1. */
interface Vector {
  readonly terms: Int32Array;
  readonly weights: Float64Array;
}

interface Phrasing {
  readonly text: string;
  readonly gaps: FaqGap[];
  vector: Vector;
}

/**
 * Groups gaps into clusters: the same words (after canonicalisation) are one phrasing; phrasings
 * are compared by their content characters and concepts (faqTerms: stop words out, 咋 read as 怎么,
 * 退钱 and 退款 one concept), each weighted by its inverse frequency among the gaps, so that 怎么 or
 * 付款 in many questions says little and 公积金 says much; then the two groups most alike on
 * average are merged while they are alike enough (average linkage, in any order of arrival).
 * Largest cluster first, then the most recent.
 */
export function faqGapClusters(gaps: readonly FaqGap[]): FaqGapCluster[] {
  const byWords = new Map<string, Phrasing>();
  for (const gap of gaps) {
    const canonical = canonicalText(gap.text);
    const p = byWords.get(canonical);
    if (p) p.gaps.push(gap);
    else byWords.set(canonical, { text: gap.text, gaps: [gap], vector: EMPTY });
  }
  const phrasings = [...byWords.values()].sort((a, b) => b.gaps.length - a.gaps.length || b.gaps[0]!.at - a.gaps[0]!.at).slice(0, GROUPED);
  weigh(phrasings);
  return averageLinkage(phrasings)
    .map(describe)
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
}

/**
 * Agglomerative clustering with average linkage by the nearest-neighbour chain: follow each
 * group's most similar other group until two are each other's nearest, merge them (or close the
 * group when nothing is alike enough). O(n²) time and memory for n phrasings.
 */
function averageLinkage(phrasings: Phrasing[]): Phrasing[][] {
  const n = phrasings.length;
  const sim = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sim[i * n + j] = sim[j * n + i] = cosine(phrasings[i]!.vector, phrasings[j]!.vector);
  const members: (Phrasing[] | undefined)[] = phrasings.map((p) => [p]);
  const active = new Set(phrasings.keys());
  const done: Phrasing[][] = [];
  const chain: number[] = [];
  while (active.size) {
    if (!chain.length) chain.push(active.values().next().value!);
    const a = chain.at(-1)!;
    const previous = chain.at(-2);
    // The nearest other group; the previous link of the chain wins a tie, so the chain ends.
    let b = -1;
    let best = -1;
    for (const x of active) {
      if (x === a) continue;
      const s = sim[a * n + x]!;
      if (s > best || (s === best && x === previous)) [b, best] = [x, s];
    }
    if (b < 0 || best < SAME_NEED) {
      // Alike enough to nothing left: a finished cluster (the chain before it starts anew).
      done.push(members[a]!);
      active.delete(a);
      chain.length = 0;
      continue;
    }
    if (b !== previous) {
      chain.push(b);
      continue;
    }
    chain.length -= 2;
    const [na, nb] = [members[a]!.length, members[b]!.length];
    for (const x of active) {
      if (x === a || x === b) continue;
      sim[a * n + x] = sim[x * n + a] = (na * sim[a * n + x]! + nb * sim[b * n + x]!) / (na + nb);
    }
    members[a] = [...members[a]!, ...members[b]!];
    members[b] = undefined;
    active.delete(b);
  }
  return done;
}

/**
 * Each phrasing's vector: its distinct content characters (without the question frame) and
 * concepts (the terms the FAQ matches on, without the pinyin it does not need here), log(1 + (n + ABSENT) / df) each, unit length.
 */
function weigh(phrasings: Phrasing[]): void {
  const ids = new Map<string, number>();
  const idOf = (term: string) => ids.get(term) ?? (ids.set(term, ids.size), ids.size - 1);
  const terms = phrasings.map((p) => {
    const matching = matchText(p.text);
    const chars = [...contentWords(matching).filter((w) => !QUESTION_FRAME.has(w)).join('')];
    return [...new Set([...chars.map((c) => idOf(`c:${c}`)), ...conceptsOf(matching).map((c) => idOf(`k:${c}`))])].sort((a, b) => a - b);
  });
  const df = new Map<number, number>();
  for (const list of terms) for (const id of list) df.set(id, (df.get(id) ?? 0) + 1);
  phrasings.forEach((p, i) => {
    const list = terms[i]!;
    const weights = Float64Array.from(list, (id) => Math.log(1 + (phrasings.length + ABSENT) / df.get(id)!));
    const norm = Math.hypot(...weights) || 1;
    p.vector = { terms: Int32Array.from(list), weights: weights.map((w) => w / norm) };
  });
}

/** The dot product of two unit vectors, by merging their ascending term ids. */
function cosine(a: Vector, b: Vector): number {
  let sum = 0;
  for (let i = 0, j = 0; i < a.terms.length && j < b.terms.length; ) {
    const d = a.terms[i]! - b.terms[j]!;
    if (d === 0) sum += a.weights[i++]! * b.weights[j++]!;
    else if (d < 0) i++;
    else j++;
  }
  return sum;
}

function describe(members: Phrasing[]): FaqGapCluster {
  const gaps = members.flatMap((m) => m.gaps);
  // The weighted medoid: the phrasing closest to all the cluster's questions, counted as asked;
  // one without masked data (a new entry's question should not read 139****5678) and the shorter first.
  const closeness = (p: Phrasing) => members.reduce((sum, m) => sum + m.gaps.length * (m === p ? 1 : cosine(m.vector, p.vector)), 0);
  const rank = (p: Phrasing): [number, number, number] => [p.text.includes('*') ? 0 : 1, closeness(p), -p.text.length];
  const typical = members.reduce((a, b) => (before(rank(b), rank(a)) ? b : a));
  const byKind = Object.fromEntries(FAQ_GAP_KINDS.map((k) => [k, gaps.filter((g) => g.kind === k).length])) as Record<FaqGapKind, number>;
  const newest = gaps.reduce((a, b) => (b.at > a.at ? b : a));
  return {
    id: typical.gaps[0]!.id,
    typical: typical.text,
    count: gaps.length,
    byKind,
    examples: [typical, ...members.filter((m) => m !== typical).sort((a, b) => b.gaps.length - a.gaps.length)].slice(0, EXAMPLES).map((m) => ({ text: m.text, count: m.gaps.length })),
    gapIds: gaps.map((g) => g.id),
    unresolvedFaqIds: [...new Set(gaps.filter((g) => g.kind === 'unresolved').flatMap((g) => g.faqIds))],
    lastAt: newest.at,
  };
}

/** Tuples compared in order, larger first. */
function before(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}
