import { KefuError } from '../errors';
import type { Principal } from '../auth';

/** What a session check needs to know about the account behind a token. */
export interface AccountSessionState {
  /** The account's current session epoch; a token issued under another one is revoked. */
  readonly epoch: number;
  /** False when the account is disabled (staff) or blocked (users). */
  readonly active: boolean;
  /** The staff member's current role; a token naming another role is stale. */
  readonly role: Principal['role'];
}

export interface SessionGuardOptions {
  /**
   * How long one instance trusts what it read about an account. Revocation reaches other
   * instances within this window; the instance that revoked knows at once. At most 30 s.
   */
  readonly maxAgeMs?: number;
  /** Accounts remembered per instance; the cache starts over beyond this. */
  readonly maxEntries?: number;
}

const MAX_AGE_LIMIT_MS = 30_000;

/**
 * Checks every authenticated request's token against its account (epoch, disabled/blocked, role),
 * with a short per-instance cache so a busy client costs one store read per account per window,
 * not one per request. Stateless tokens alone cannot be revoked; this makes them revocable.
 */
export class SessionGuard {
  private readonly cache = new Map<string, { state: AccountSessionState | undefined; readAtMs: number }>();
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly load: (principal: Principal) => Promise<AccountSessionState | undefined>,
    private readonly clock: () => Date,
    options: SessionGuardOptions = {},
  ) {
    this.maxAgeMs = Math.min(options.maxAgeMs ?? MAX_AGE_LIMIT_MS, MAX_AGE_LIMIT_MS);
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** SESSION_REVOKED unless the account exists, is active, and still has the token's epoch and role. */
  async check(principal: Principal, epoch: number): Promise<void> {
    const key = keyOf(principal);
    const now = this.clock().getTime();
    let entry = this.cache.get(key);
    if (!entry || now - entry.readAtMs >= this.maxAgeMs || now < entry.readAtMs) {
      entry = { state: await this.load(principal), readAtMs: now };
      if (this.cache.size >= this.maxEntries) this.cache.clear();
      this.cache.set(key, entry);
    }
    if (!isCurrent(entry.state, principal, epoch)) throw new KefuError('SESSION_REVOKED');
  }

  /** The same check without the cache, for decisions that must see the latest state (refresh). */
  async checkFresh(principal: Principal, epoch: number): Promise<void> {
    const state = await this.load(principal);
    this.cache.set(keyOf(principal), { state, readAtMs: this.clock().getTime() });
    if (!isCurrent(state, principal, epoch)) throw new KefuError('SESSION_REVOKED');
  }

  /** After this instance changed an account: the next check reads it again. */
  forget(tenant: string, kind: 'staff' | 'user', id: string): void {
    this.cache.delete(`${kind}\u0000${tenant}\u0000${id}`);
  }
}

function keyOf(principal: Principal): string {
  return `${principal.role === 'user' ? 'user' : 'staff'}\u0000${principal.tenant}\u0000${principal.id}`;
}

function isCurrent(state: AccountSessionState | undefined, principal: Principal, epoch: number): boolean {
  return !!state && state.active && state.epoch === epoch && state.role === principal.role;
}
