import { KefuError } from '../errors';
import type { FaqEntry, FaqGapDismissRequest, FaqGapNewEntryRequest, FaqGapSimilarRequest } from '../schemas';
import type { FaqService } from './FaqService';
import { canonicalText } from './faqText';
import { faqGapClusters, type FaqGapCluster } from './faqGapClusters';
import { readGaps, removeGaps } from './faqGapRows';

/** The existing entry closest to a cluster's typical question: where its phrasings may belong. */
export interface FaqGapTarget {
  readonly faqId: string;
  readonly question: string;
  readonly score: number;
}

export interface FaqGapView extends FaqGapCluster {
  readonly target?: FaqGapTarget;
  /** The entries users got 没解决 on, by question: their answer may be what needs the work. */
  readonly unresolvedEntries: readonly { readonly faqId: string; readonly question: string }[];
}

/** Clusters listed at most (the largest). */
const LISTED = 100;
/** Clusters given a target: each costs one match. */
const TARGETED = 30;
/** Similar questions an entry holds at most (FaqEntry's schema). */
const SIMILAR_MAX = 50;

/**
 * Learning from gaps: what the bot handed off, suggested without a tap or got 没解决 on, grouped
 * for the merchant, and the two ways to close a gap through the FAQ's own write path — or
 * dismissing it. The next question worded like an accepted one gets its entry at once, without
 * waiting for the index rebuild (FaqService's PendingEdits). Each action removes the gaps it settled.
 */
export const faqGapActions = {
  async list(faq: FaqService, tenant: string, now: number): Promise<{ clusters: FaqGapView[]; total: number }> {
    const clusters = faqGapClusters(await readGaps(faq.storeOf(tenant), now));
    // Near enough to offer as the gap's home: what the bot itself would suggest for it. Half of that
    // offered 红包和优惠券怎么用 for 数字人民币硬钱包能用吗 once the calibration was fitted on more
    // trades; a handed-off question rarely has a target, and the merchant picks any entry by search.
    const floor = (await faq.settings(tenant)).suggest;
    const questionOf = new Map((await faq.all(tenant)).map((e) => [e.id, e.question]));
    const listed = await Promise.all(
      clusters.slice(0, LISTED).map(async (c, i): Promise<FaqGapView> => {
        const target = i < TARGETED ? await targetOf(faq, tenant, c, floor) : undefined;
        // An entry deleted since is no longer one to look at.
        const unresolvedEntries = c.unresolvedFaqIds.flatMap((faqId) => {
          const question = questionOf.get(faqId);
          return question === undefined ? [] : [{ faqId, question }];
        });
        return { ...c, unresolvedEntries, ...(target ? { target } : {}) };
      }),
    );
    return { clusters: listed, total: clusters.length };
  },

  async acceptAsEntry(faq: FaqService, tenant: string, r: FaqGapNewEntryRequest): Promise<{ entry: FaqEntry; removed: number }> {
    const entry = await faq.create(tenant, r.entry);
    return { entry, removed: await removeGaps(faq.storeOf(tenant), r.gapIds) };
  },

  async acceptAsSimilar(faq: FaqService, tenant: string, r: FaqGapSimilarRequest): Promise<{ entry: FaqEntry; added: number; removed: number }> {
    const current = await faq.get(tenant, r.faqId);
    const known = new Set([current.question, ...current.similar].map(canonicalText));
    const added: string[] = [];
    for (const q of r.questions.map((x) => x.trim()).filter(Boolean)) {
      const c = canonicalText(q);
      if (known.has(c)) continue;
      known.add(c);
      added.push(q);
    }
    const similar = [...current.similar, ...added];
    if (similar.length > SIMILAR_MAX) {
      throw new KefuError('VALIDATION_FAILED', `条目最多 ${SIMILAR_MAX} 条相似问法,还能添加 ${Math.max(0, SIMILAR_MAX - current.similar.length)} 条`, { field: 'questions', reason: 'maxItems' });
    }
    // A PUT replaces the entry: everything else goes back as it was read.
    const { category, question, answer, actions, enabled } = current;
    const entry = added.length ? await faq.update(tenant, r.faqId, { category, question, similar, answer, actions, enabled }) : current;
    return { entry, added: added.length, removed: await removeGaps(faq.storeOf(tenant), r.gapIds) };
  },

  async dismiss(faq: FaqService, tenant: string, r: FaqGapDismissRequest): Promise<{ removed: number }> {
    return { removed: await removeGaps(faq.storeOf(tenant), r.gapIds) };
  },
};

/** The best match of the typical question that users did not say 没解决 to, if it is near enough. */
async function targetOf(faq: FaqService, tenant: string, c: FaqGapCluster, floor: number): Promise<FaqGapTarget | undefined> {
  const { result, entries } = await faq.decideWithEntries(tenant, c.typical);
  for (const [i, m] of result.matches.entries()) {
    const e = entries[i];
    if (m.score < floor) break;
    if (e && !c.unresolvedFaqIds.includes(m.faqId)) return { faqId: m.faqId, question: e.question, score: Math.round(m.score * 1000) / 1000 };
  }
  return undefined;
}
