/**
 * The platform's HTTP call, injected so the client core has no `my.*` and no DOM: `my.request` in
 * the mini-program, `fetch` in the H5 page, a fake in tests. It rejects only when no HTTP answer
 * came back (network down, timeout); any HTTP status resolves.
 */
export interface Transport {
  request(req: TransportRequest): Promise<TransportResponse>;
}

export interface TransportRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
}

export interface TransportResponse {
  readonly status: number;
  /** The parsed JSON body (undefined when there was none). */
  readonly body: unknown;
}

/** Local key-value storage of the platform (`my.setStorage`, `localStorage`), injected likewise. */
export interface KeyValueStorage {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}
