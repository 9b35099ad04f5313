import type { KeyValueStorage } from './Transport';
import { singleFlight } from './singleFlight';

/** A session as the server issues it (`POST /v1/auth/*`). */
export interface StoredSession {
  readonly token: string;
  /** ISO 8601. */
  readonly expiresAt: string;
}

export interface SessionKeeperOptions {
  readonly storage: KeyValueStorage;
  /** A new session from the platform: Alipay's auth code in the mini-program, dev login locally. */
  readonly login: () => Promise<StoredSession>;
  /** Trades a still-valid token for a new one (`POST /v1/auth/refresh`). */
  readonly refresh: (token: string) => Promise<StoredSession>;
  readonly now?: () => number;
  /** Refresh when the token has less than this left (default 10 minutes). */
  readonly refreshBeforeMs?: number;
}

const KEY = 'kefu.session';

/**
 * Keeps the chat's session token: read from local storage at start (so reopening the chat does not
 * log in again), refreshed before it expires, and replaced by a fresh login when it is missing,
 * expired or refused by the server.
 */
export class SessionKeeper {
  private session: StoredSession | undefined;
  private readonly now: () => number;
  private readonly refreshBeforeMs: number;

  constructor(private readonly o: SessionKeeperOptions) {
    this.now = o.now ?? Date.now;
    this.refreshBeforeMs = o.refreshBeforeMs ?? 10 * 60_000;
  }

  /** The token for the next request (synchronous, for ApiClient's `token` option). */
  token(): string | undefined {
    return this.session?.token;
  }

  /** A token with time left: the stored one, a refreshed one, or a new login. Calls share one flight. */
  ensure(): Promise<string> {
    return this.ensureOnce();
  }

  private readonly ensureOnce = singleFlight(() => this.doEnsure());

  /** The server refused the token (TOKEN_EXPIRED, TOKEN_INVALID): forget it and log in again. */
  async renew(): Promise<string> {
    this.session = undefined;
    await this.o.storage.set(KEY, '');
    return this.ensure();
  }

  private async doEnsure(): Promise<string> {
    this.session ??= await this.load();
    const left = this.session ? Date.parse(this.session.expiresAt) - this.now() : -1;
    if (this.session && left > this.refreshBeforeMs) return this.session.token;
    let next: StoredSession | undefined;
    if (this.session && left > 0) {
      try {
        next = await this.o.refresh(this.session.token);
      } catch {
        // A refused refresh falls through to a new login.
      }
    }
    next ??= await this.o.login();
    this.session = next;
    await this.o.storage.set(KEY, JSON.stringify(next));
    return next.token;
  }

  private async load(): Promise<StoredSession | undefined> {
    const raw = await this.o.storage.get(KEY);
    if (!raw) return undefined;
    try {
      const s = JSON.parse(raw) as Partial<StoredSession>;
      return typeof s.token === 'string' && typeof s.expiresAt === 'string' ? { token: s.token, expiresAt: s.expiresAt } : undefined;
    } catch {
      return undefined;
    }
  }
}
