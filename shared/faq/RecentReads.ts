import type { FaqSettings } from '../schemas';

/**
 * How long this process trusts its copy of a merchant's knowledge-base version and thresholds (ms),
 * read on every message otherwise: another instance's change shows within it, this process's own
 * at once.
 */
const FRESH_MS = 2000;

type Facts = { version?: number; settings?: FaqSettings };

/** What FaqService read of each tenant's knowledge-base version and thresholds, and when. */
export class RecentReads {
  private readonly fresh = new Map<string, { at: number } & Facts>();
  private readonly changeCount = new Map<string, number>();

  constructor(private readonly clock: () => Date) {}

  /** What this process read of the tenant less than FRESH_MS ago (nothing once that is older). */
  of(tenant: string): ({ at: number } & Facts) | Record<string, never> {
    const known = this.fresh.get(tenant);
    return known && this.clock().getTime() - known.at < FRESH_MS ? known : {};
  }

  /**
   * Adds to what is known; the age stays that of the first read of the set. Not when this process
   * changed the tenant's knowledge base since the read began (`since`): the read may predate it.
   */
  remember(tenant: string, facts: Facts, since: number): void {
    if (this.changes(tenant) !== since) return;
    const known = this.of(tenant);
    this.fresh.set(tenant, { ...known, ...facts, at: 'at' in known ? known.at : this.clock().getTime() });
  }

  /** How many changes this process made to the tenant's knowledge base or thresholds. */
  changes(tenant: string): number {
    return this.changeCount.get(tenant) ?? 0;
  }

  /** This process changed the tenant's knowledge base or thresholds: what it read is stale. */
  forget(tenant: string): void {
    this.fresh.delete(tenant);
    this.changeCount.set(tenant, this.changes(tenant) + 1);
  }
}
