import { KefuError } from '../errors';
import { isConditionFailed, type Key, type Store, type TenantStore } from '../store';

/** When failures start to lock, and for how long. */
export interface ThrottlePolicy {
  /** Failures allowed before the first lock (the one that reaches this number locks). */
  readonly freeFailures: number;
  /** The first lock; every further failure doubles it. */
  readonly baseLockMs: number;
  readonly maxLockMs: number;
  /** A counter with no failure for this long starts over. */
  readonly forgetAfterMs: number;
}

/** 5 wrong passwords for one account, then 30 s, 1 min, 2 min ... up to 15 min. */
export const accountPolicy: ThrottlePolicy = { freeFailures: 5, baseLockMs: 30_000, maxLockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };
/**
 * Per client address, across usernames (guessing many accounts from one place). Looser than per
 * account: one office behind one NAT address shares it.
 */
export const addressPolicy: ThrottlePolicy = { freeFailures: 20, baseLockMs: 30_000, maxLockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };

interface CounterRow {
  [column: string]: unknown;
  failures: number;
  /** Epoch ms; 0 when not locked. */
  lockedUntil: number;
  lastFailureAt: number;
  /** The username, so the merchant's list of locks can show it (address rows leave it out). */
  username?: string;
}

interface Counter {
  readonly store: TenantStore;
  readonly key: Key;
  readonly policy: ThrottlePolicy;
  readonly username?: string;
}

/** A counted attempt, to be taken back when the password was right. */
interface Reservation {
  readonly counter: Counter;
  /** The row before this attempt (undefined: there was none) and the version this attempt wrote. */
  readonly before: CounterRow | undefined;
  readonly version: number;
}

export interface LoginAttempt {
  readonly reservations: readonly Reservation[];
}

/** A locked account as an admin sees it. */
export interface LoginLock {
  readonly username: string;
  readonly failures: number;
  readonly lockedUntil: string;
}

const TABLE = 'loginThrottle';
const CAS_TRIES = 8;

/**
 * Login throttling: failures are counted per account and per client address in the store, so every
 * function instance sees the same counters, and a lock answers 429 TOO_MANY_ATTEMPTS before the
 * password is even looked at (the right password does not bypass an active lock).
 *
 * Why not `hono-rate-limiter`: it is a fixed-window request counter in front of a route. It has no
 * backoff that grows with failures, keys only on what a middleware sees before the body is read (the
 * username is in the body), and has no notion of "this attempt was right, take it back", nor a list
 * of locked accounts for an admin to lift. Written on the Store port, a counter row with a
 * version-conditioned write is all it takes, on every driver.
 *
 * Each attempt is counted BEFORE the password is checked (and taken back when it was right), so a
 * burst of parallel guesses cannot all slip through while the first ones are still being verified.
 */
export class LoginThrottle {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly policies: { readonly account: ThrottlePolicy; readonly address: ThrottlePolicy } = { account: accountPolicy, address: addressPolicy },
    /** Where address counters live: not any merchant's, since one address may try many merchants. */
    private readonly systemTenant = '_system',
  ) {}

  /**
   * Counts an attempt for the account (when its merchant exists) and for the client address (when
   * the platform told us one), or TOO_MANY_ATTEMPTS with `details.retryAfterSeconds`.
   */
  async begin(target: { readonly tenant?: string; readonly username: string; readonly address?: string }): Promise<LoginAttempt> {
    const counters: Counter[] = [];
    if (target.tenant) counters.push({ store: this.store.tenant(target.tenant), key: [target.username], policy: this.policies.account, username: target.username });
    if (target.address) counters.push({ store: this.store.tenant(this.systemTenant), key: ['addr', target.address], policy: this.policies.address });
    const reservations: Reservation[] = [];
    try {
      for (const counter of counters) reservations.push(await this.reserve(counter));
    } catch (err) {
      await Promise.all(reservations.map((r) => this.takeBack(r)));
      throw err;
    }
    return { reservations };
  }

  /** The password was right: the account starts over, and the address gets this attempt back. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await Promise.all(attempt.reservations.map((r) => (r.counter.username !== undefined ? r.counter.store.delete(TABLE, r.counter.key) : this.takeBack(r))));
  }

  /** The merchant's accounts that are locked now. */
  async locks(tenant: string): Promise<LoginLock[]> {
    const now = this.clock().getTime();
    const page = await this.store.tenant(tenant).range<CounterRow>(TABLE, [], { limit: 1000 });
    return page.rows
      .filter((row) => typeof row.value.username === 'string' && row.value.lockedUntil > now)
      .map((row) => ({ username: row.value.username ?? '', failures: row.value.failures, lockedUntil: new Date(row.value.lockedUntil).toISOString() }));
  }

  /** An admin lifts the account's lock and its count; false when it had none. */
  async unlock(tenant: string, username: string): Promise<boolean> {
    const ts = this.store.tenant(tenant);
    if (!(await ts.get(TABLE, [username]))) return false;
    await ts.delete(TABLE, [username]);
    return true;
  }

  private async reserve(counter: Counter): Promise<Reservation> {
    const { policy } = counter;
    for (let i = 0; i < CAS_TRIES; i++) {
      const now = this.clock().getTime();
      const row = await counter.store.get<CounterRow>(TABLE, counter.key);
      const current = row && now - row.value.lastFailureAt < policy.forgetAfterMs ? row.value : undefined;
      if (current && current.lockedUntil > now) throw tooMany(current.lockedUntil - now);
      const failures = (current?.failures ?? 0) + 1;
      const next: CounterRow = {
        failures,
        lockedUntil: failures >= policy.freeFailures ? now + lockMs(policy, failures - policy.freeFailures) : 0,
        lastFailureAt: now,
        ...(counter.username !== undefined ? { username: counter.username } : {}),
      };
      try {
        const version = await counter.store.put(TABLE, counter.key, next, row ? { version: row.version } : 'notExists');
        return { counter, before: row?.value, version };
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
    }
    // This many writers on one counter at once is itself an attack.
    throw tooMany(policy.baseLockMs);
  }

  /**
   * Undoes one reservation: back to the row as it was when nobody wrote since; otherwise one failure
   * less, keeping a lock that others' failures still justify.
   */
  private async takeBack(r: Reservation): Promise<void> {
    const { store, key, policy } = r.counter;
    try {
      if (r.before) await store.put(TABLE, key, r.before, { version: r.version });
      else await store.delete(TABLE, key, { version: r.version });
      return;
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
    for (let i = 0; i < CAS_TRIES; i++) {
      const row = await store.get<CounterRow>(TABLE, key);
      if (!row) return;
      const failures = Math.max(0, row.value.failures - 1);
      try {
        await store.put(TABLE, key, { ...row.value, failures, lockedUntil: failures >= policy.freeFailures ? row.value.lockedUntil : 0 }, { version: row.version });
        return;
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
    }
    // Still contended: leaving one extra failure counted errs on the safe side.
  }
}

function lockMs(policy: ThrottlePolicy, beyond: number): number {
  return Math.min(policy.baseLockMs * 2 ** Math.min(beyond, 30), policy.maxLockMs);
}

function tooMany(remainingMs: number): KefuError {
  const retryAfterSeconds = Math.max(1, Math.ceil(remainingMs / 1000));
  return new KefuError('TOO_MANY_ATTEMPTS', `尝试次数过多,请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds });
}
