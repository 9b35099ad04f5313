import { createHmac } from 'node:crypto';
import type { CustomerData, CustomerEvent, CustomerRecord } from './CustomerData';

/** Where a merchant's customer-data API is and the secret both sides sign with. */
export interface CustomerApiEndpoint {
  /** e.g. https://api.merchant.example/kefu */
  readonly url: string;
  readonly secret: string;
}

export interface HttpCustomerDataOptions {
  /** The merchant's endpoint, or undefined when it has none (then `fallback` answers). */
  readonly endpointFor: (tenant: string) => Promise<CustomerApiEndpoint | undefined>;
  readonly fallback: CustomerData;
  readonly timeoutMs?: number;
  readonly clock?: () => number;
}

export class CustomerApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CustomerApiError';
  }
}

/**
 * The merchant's own systems over HTTP: `GET {url}/customers/{userId}?since=` (the record) and
 * `GET {url}/customers/{userId}/events?since=`, each signed with HMAC-SHA256 over
 * `GET\n{path and query}\n{timestamp}` in `x-kefu-signature` (hex), with `x-kefu-timestamp` (ms)
 * and `x-kefu-tenant`, and cut off after `timeoutMs` (default 3 s). A failed record read rejects
 * (the workbench then shows 暂无数据); failed events count as none, so 猜你想问 still works.
 */
export class HttpCustomerData implements CustomerData {
  constructor(private readonly o: HttpCustomerDataOptions) {}

  async recentEvents(tenant: string, userId: string, since: Date): Promise<CustomerEvent[]> {
    const endpoint = await this.o.endpointFor(tenant);
    if (!endpoint) return this.o.fallback.recentEvents(tenant, userId, since);
    try {
      const body = await this.get<{ events?: CustomerEvent[] }>(endpoint, tenant, `/customers/${encodeURIComponent(userId)}/events?since=${encodeURIComponent(since.toISOString())}`);
      return Array.isArray(body.events) ? body.events : [];
    } catch {
      return [];
    }
  }

  async record(tenant: string, userId: string, since: Date): Promise<CustomerRecord> {
    const endpoint = await this.o.endpointFor(tenant);
    if (!endpoint) return this.o.fallback.record(tenant, userId, since);
    const body = await this.get<Partial<CustomerRecord>>(endpoint, tenant, `/customers/${encodeURIComponent(userId)}?since=${encodeURIComponent(since.toISOString())}`);
    return { ...(body.profile ? { profile: body.profile } : {}), transactions: body.transactions ?? [], devices: body.devices ?? [], logins: body.logins ?? [] };
  }

  private async get<T>(endpoint: CustomerApiEndpoint, tenant: string, pathAndQuery: string): Promise<T> {
    const url = new URL(endpoint.url.replace(/\/$/, '') + pathAndQuery);
    const timestamp = String((this.o.clock ?? Date.now)());
    const signature = createHmac('sha256', endpoint.secret).update(`GET\n${url.pathname}${url.search}\n${timestamp}`).digest('hex');
    let res: Response;
    try {
      res = await fetch(url, { headers: { 'x-kefu-timestamp': timestamp, 'x-kefu-signature': signature, 'x-kefu-tenant': tenant, accept: 'application/json' }, signal: AbortSignal.timeout(this.o.timeoutMs ?? 3000) });
    } catch (err) {
      throw new CustomerApiError(`merchant customer API unreachable: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!res.ok) throw new CustomerApiError(`merchant customer API answered HTTP ${res.status}`);
    try {
      return (await res.json()) as T;
    } catch {
      throw new CustomerApiError('merchant customer API answered without JSON');
    }
  }
}
