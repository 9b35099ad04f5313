import { canonicalText, charBigrams } from './faqText';
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

/** Character-bigram Dice at or above which two questions are taken as the same need. */
const SAME_NEED = 0.4;
/** Members a question is compared with to join a cluster (the most asked ones). */
const COMPARED = 8;
const EXAMPLES = 6;

interface Phrasing {
  readonly text: string;
  readonly grams: Set<string>;
  readonly gaps: FaqGap[];
}

/**
 * Groups gaps into clusters: the same words (after canonicalisation) are one phrasing; phrasings,
 * most asked first, join the cluster they are most like (by its most asked members) or start one.
 * Largest cluster first, then the most recent.
 */
export function faqGapClusters(gaps: readonly FaqGap[]): FaqGapCluster[] {
  const byWords = new Map<string, Phrasing>();
  for (const gap of gaps) {
    const canonical = canonicalText(gap.text);
    const p = byWords.get(canonical);
    if (p) p.gaps.push(gap);
    else byWords.set(canonical, { text: gap.text, grams: new Set(charBigrams(canonical)), gaps: [gap] });
  }
  const phrasings = [...byWords.values()].sort((a, b) => b.gaps.length - a.gaps.length || b.gaps[0]!.at - a.gaps[0]!.at);
  const clusters: Phrasing[][] = [];
  for (const p of phrasings) {
    let home: Phrasing[] | undefined;
    let best = SAME_NEED;
    for (const c of clusters) {
      const s = Math.max(...c.slice(0, COMPARED).map((m) => dice(m.grams, p.grams)));
      if (s >= best) [home, best] = [c, s];
    }
    if (home) home.push(p);
    else clusters.push([p]);
  }
  return clusters.map(describe).sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
}

function describe(members: Phrasing[]): FaqGapCluster {
  const gaps = members.flatMap((m) => m.gaps);
  // The weighted medoid: the phrasing closest to all the cluster's questions, counted as asked;
  // one without masked data (a new entry's question should not read 139****5678) and the shorter first.
  const closeness = (p: Phrasing) => members.reduce((sum, m) => sum + m.gaps.length * (m === p ? 1 : dice(m.grams, p.grams)), 0);
  const rank = (p: Phrasing): [number, number, number] => [p.text.includes('*') ? 0 : 1, closeness(p), -p.text.length];
  const typical = members.reduce((a, b) => (before(rank(b), rank(a)) ? b : a));
  const byKind = Object.fromEntries(FAQ_GAP_KINDS.map((k) => [k, gaps.filter((g) => g.kind === k).length])) as Record<FaqGapKind, number>;
  const newest = gaps.reduce((a, b) => (b.at > a.at ? b : a));
  return {
    id: typical.gaps[0]!.id,
    typical: typical.text,
    count: gaps.length,
    byKind,
    examples: [typical, ...members.filter((m) => m !== typical)].slice(0, EXAMPLES).map((m) => ({ text: m.text, count: m.gaps.length })),
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

export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}
