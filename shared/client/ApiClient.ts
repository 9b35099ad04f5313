import type { Transport, TransportResponse } from './Transport';

/** What the chat shows about the connection: fine, on the backup domain, or nothing reachable. */
export type ConnectionState = 'primary' | 'backup' | 'degraded';

/** The text the chat shows when neither domain answers. */
export const DEGRADED_TEXT = '客服繁忙,请稍后再试';

/**
 * One upload to one origin: resolves with any HTTP answer, rejects when none came back (tried
 * again), or with an ApiError for a refusal that trying again would not change.
 */
export type UploadAttempt = (url: string, headers: Readonly<Record<string, string>>) => Promise<TransportResponse>;

/** An answer from the server that is an error (4xx): not retried, shown by its code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** No domain answered (after retries and failover): the call may be tried again later. */
export class UnreachableError extends Error {
  constructor() {
    super(DEGRADED_TEXT);
    this.name = 'UnreachableError';
  }
}

export interface ApiClientOptions {
  /** Base URLs, e.g. https://kefu.example.com and https://kefu-backup.example.com. */
  readonly primary: string;
  readonly backup?: string;
  readonly transport: Transport;
  /** The session token for `Authorization`, when logged in. */
  readonly token?: () => string | undefined;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Attempts per domain for one call (default 3), with exponential backoff from `backoffMs`. */
  readonly attempts?: number;
  readonly backoffMs?: number;
  /** Consecutive failed calls on the primary before switching to the backup (default 2). */
  readonly failoverAfter?: number;
  /** While on the backup, how often the primary's health is probed to switch back (default 30 s). */
  readonly probeIntervalMs?: number;
  readonly timeoutMs?: number;
  readonly onStateChange?: (state: ConnectionState) => void;
}

/**
 * The chat's API client: each call is retried with backoff on network errors and 5xx; repeated
 * failures of the primary domain move it to the backup domain, which it leaves again once a probe
 * of the primary's health succeeds; when neither answers the state is `degraded` and calls throw
 * UnreachableError, so the caller keeps what it could not send.
 */
export class ApiClient {
  private active: 'primary' | 'backup' = 'primary';
  private primaryFailures = 0;
  private lastProbe = 0;
  private state: ConnectionState = 'primary';
  private readonly o: Required<Omit<ApiClientOptions, 'backup' | 'token' | 'onStateChange'>> & Pick<ApiClientOptions, 'backup' | 'token' | 'onStateChange'>;

  constructor(options: ApiClientOptions) {
    this.o = {
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      now: () => Date.now(),
      attempts: 3,
      backoffMs: 300,
      failoverAfter: 2,
      probeIntervalMs: 30_000,
      timeoutMs: 30_000,
      ...options,
    };
  }

  get connection(): ConnectionState {
    return this.state;
  }

  /** The origin calls go to now (the backup while the primary is down), for links and uploads. */
  get origin(): string {
    return this.active === 'backup' && this.o.backup ? this.o.backup : this.o.primary;
  }

  async call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, options: { timeoutMs?: number } = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.o.timeoutMs;
    return this.acrossDomains<T>((base) =>
      this.o.transport.request({
        method,
        url: base + path,
        headers: { 'content-type': 'application/json', ...this.authorization() },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        timeoutMs,
      }),
    );
  }

  /**
   * A file upload through the platform's own uploader (`my.uploadFile`, a browser FormData POST),
   * with the same retries, failover and connection state as `call`: `send` gets the absolute URL on
   * the origin in use and the session header, and resolves with any HTTP answer.
   */
  async upload<T>(path: string, send: UploadAttempt): Promise<T> {
    return this.acrossDomains<T>((base) => send(base + path, this.authorization()));
  }

  private authorization(): Record<string, string> {
    const token = this.o.token?.();
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  /** The active domain first, then the other; `degraded` and UnreachableError when neither answers. */
  private async acrossDomains<T>(attempt: (base: string) => Promise<TransportResponse>): Promise<T> {
    if (this.active === 'backup') await this.maybeProbePrimary();
    const order: ('primary' | 'backup')[] = this.active === 'primary' ? ['primary', 'backup'] : ['backup', 'primary'];
    for (const domain of order) {
      const base = domain === 'primary' ? this.o.primary : this.o.backup;
      if (!base) continue;
      const res = await this.tryDomain(() => attempt(base));
      if (res) {
        this.succeeded(domain);
        return this.unwrap<T>(res);
      }
      // One bad call can be a blip: this call still tries the backup, but later calls start there
      // only after `failoverAfter` failed calls of the primary in a row.
      if (domain === 'primary') this.primaryFailures++;
    }
    this.setState('degraded');
    throw new UnreachableError();
  }

  /** Attempts with backoff; a response that is not a 5xx ends it (4xx included). */
  private async tryDomain(attempt: () => Promise<TransportResponse>): Promise<TransportResponse | undefined> {
    for (let i = 0; i < this.o.attempts; i++) {
      if (i > 0) await this.o.sleep(this.o.backoffMs * 2 ** (i - 1));
      try {
        const res = await attempt();
        if (res.status < 500) return res;
      } catch (err) {
        // An ApiError from the attempt itself is a refusal that would repeat (an upload of a file
        // that is gone): not retried. Anything else is the network or a timeout: try again.
        if (err instanceof ApiError) throw err;
      }
    }
    return undefined;
  }

  private succeeded(domain: 'primary' | 'backup'): void {
    if (domain === 'primary') {
      this.primaryFailures = 0;
      this.active = 'primary';
    } else if (this.primaryFailures >= this.o.failoverAfter) {
      this.active = 'backup';
      this.lastProbe = this.o.now();
    }
    this.setState(this.active === 'primary' && domain === 'primary' ? 'primary' : 'backup');
  }

  /** On the backup, look at the primary's health now and then, and go back when it answers. */
  private async maybeProbePrimary(): Promise<void> {
    if (this.o.now() - this.lastProbe < this.o.probeIntervalMs) return;
    this.lastProbe = this.o.now();
    try {
      const res = await this.o.transport.request({ method: 'GET', url: `${this.o.primary}/v1/health`, headers: {}, timeoutMs: 5000 });
      if (res.status < 500) {
        this.active = 'primary';
        this.primaryFailures = 0;
      }
    } catch {
      // Still down: stay on the backup.
    }
  }

  private unwrap<T>(res: TransportResponse): T {
    if (res.status >= 400) {
      const b = (res.body ?? {}) as { code?: string; message?: string };
      throw new ApiError(res.status, b.code ?? 'HTTP_ERROR', b.message ?? `HTTP ${res.status}`);
    }
    return res.body as T;
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.o.onStateChange?.(state);
  }
}
