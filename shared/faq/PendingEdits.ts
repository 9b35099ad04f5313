import type { FaqEntry } from '../schemas';
import type { FaqMatchResult } from './FaqMatcher';
import { canonicalText } from './faqText';

/** A decision with its matches' entries, as FaqService.decideWithEntries returns it. */
export interface DecidedWithEntries {
  readonly result: FaqMatchResult;
  readonly entries: (FaqEntry | undefined)[];
}

/**
 * The merchant's edits this process made that the serving matcher does not hold yet: the matcher
 * is rebuilt off the request (in slices, seconds for a large base) while the previous one keeps
 * answering. Until the new one serves, a question worded exactly like a phrasing just written is
 * answered with its entry, a deleted or disabled entry is no longer offered, and an edited entry
 * answers with its new text: what the merchant saved takes effect at once, nobody waits for the
 * rebuild. Other instances see the change when their matcher catches up with the version.
 */
export class PendingEdits {
  /**
   * By tenant: each edited entry (null: deleted or disabled) with the knowledge-base version its
   * write was conditioned on; a matcher of a later version holds it. `after` is the latest of them.
   */
  private readonly byTenant = new Map<string, { after: number; entries: Map<string, { entry: FaqEntry | null; after: number }> }>();

  /**
   * An entry as a write conditioned on version `after` left it. Writes of one base are serialised
   * by that condition, so of two edits of one entry the one on the later version is the newer,
   * whichever is recorded first.
   */
  record(tenant: string, after: number, id: string, entry: FaqEntry | null): void {
    const pending = this.byTenant.get(tenant) ?? { after, entries: new Map<string, { entry: FaqEntry | null; after: number }>() };
    const known = pending.entries.get(id);
    if (!known || known.after <= after) pending.entries.set(id, { entry: entry && entry.enabled ? entry : null, after });
    this.byTenant.set(tenant, { after: Math.max(pending.after, after), entries: pending.entries });
  }

  /** Forgets the tenant's pending edits (an import replaced the base they were made in). */
  clear(tenant: string): void {
    this.byTenant.delete(tenant);
  }

  /** The decision of a matcher of knowledge-base version `serving`, corrected by the edits it does not hold. */
  apply(tenant: string, serving: number | undefined, text: string, decided: DecidedWithEntries): DecidedWithEntries {
    const pending = this.unheld(tenant, serving);
    if (!pending) return decided;
    const shown = decided.result.matches
      .map((m, i) => ({ m, e: pending.entries.has(m.faqId) ? pending.entries.get(m.faqId)!.entry : decided.entries[i] }))
      .filter((x) => x.e !== null);
    const key = canonicalText(text);
    const exact = [...pending.entries.values()].map((p) => p.entry).find((e): e is FaqEntry => e !== null && [e.question, ...e.similar].some((q) => canonicalText(q) === key));
    const size = Math.max(1, decided.result.matches.length);
    if (exact && decided.result.reason !== 'explicitRequest') {
      const rest = shown.filter((x) => x.m.faqId !== exact.id);
      const list = [{ m: { faqId: exact.id, score: 1 }, e: exact as FaqEntry | undefined }, ...rest].slice(0, size);
      return { result: { decision: 'answer', reason: 'confident', matches: list.map((x) => x.m) }, entries: list.map((x) => x.e ?? undefined) };
    }
    const topGone = decided.result.matches[0] !== undefined && shown[0]?.m.faqId !== decided.result.matches[0].faqId;
    // The entry the matcher would have answered with is gone: the rest were not sure enough to answer.
    const result: FaqMatchResult = topGone && decided.result.decision === 'answer'
      ? { decision: shown.length ? 'suggest' : 'handoff', reason: 'lowConfidence', matches: shown.map((x) => x.m) }
      : { ...decided.result, matches: shown.map((x) => x.m) };
    return { result, entries: shown.map((x) => x.e ?? undefined) };
  }

  /** An entry as this process last wrote it: null when deleted or disabled, undefined when not pending. */
  entry(tenant: string, serving: number | undefined, id: string): FaqEntry | null | undefined {
    return this.unheld(tenant, serving)?.entries.get(id)?.entry;
  }

  /**
   * The tenant's edits the serving matcher does not hold: none once it holds the latest (they are
   * forgotten), else those written on its version or later (an older one may be outdone by an
   * edit from another instance that the matcher holds).
   */
  private unheld(tenant: string, serving: number | undefined): { entries: Map<string, { entry: FaqEntry | null; after: number }> } | undefined {
    const pending = this.byTenant.get(tenant);
    if (!pending || serving === undefined) return pending;
    if (serving > pending.after) {
      this.byTenant.delete(tenant);
      return undefined;
    }
    return { entries: new Map([...pending.entries].filter(([, e]) => e.after >= serving)) };
  }
}
