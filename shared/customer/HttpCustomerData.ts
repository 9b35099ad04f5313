import { createHmac } from 'node:crypto';
import type { CustomerData, CustomerEvent, CustomerRecord } from './CustomerData';
import { GuardedFetcher, checkMerchantUrl } from '../net';
import { readEvents } from './readEvents';
import { readTransactions } from './readTransactions';

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
  /** The guarded way to merchant URLs (a default one: https only, public addresses only, 3 s). */
  readonly fetcher?: GuardedFetcher;
  readonly clock?: () => number;
  /**
   * What was left out of a merchant's answer and why (field names and positions, no values), for
   * the log: the merchant's mistake is visible without the user's data in it.
   */
  readonly onDropped?: (tenant: string, dropped: readonly string[]) => void;
}

/**
 * The merchant's own systems over HTTP: `GET {url}/customers/{userId}?since=` (the record) and
 * `GET {url}/customers/{userId}/events?since=`, each signed with HMAC-SHA256 over
 * `GET\n{path and query}\n{timestamp}` in `x-kefu-signature` (hex), with `x-kefu-timestamp` (ms)
 * and `x-kefu-tenant`, through the GuardedFetcher (public addresses only, no redirects, JSON up to
 * 1 MB, 3 s). A failed or refused record read rejects with its KefuError (the workbench then shows
 * 暂无数据); failed events count as none, so 猜你想问 still works. The transactions are checked
 * field by field (readTransactions): a bad field is dropped, a transaction without its id, time,
 * amount, type, status or counterparty is left out, and `onDropped` hears which and why.
 */
export class HttpCustomerData implements CustomerData {
  private readonly fetcher: GuardedFetcher;

  constructor(private readonly o: HttpCustomerDataOptions) {
    this.fetcher = o.fetcher ?? new GuardedFetcher();
  }

  async recentEvents(tenant: string, userId: string, since: Date): Promise<CustomerEvent[]> {
    const endpoint = await this.o.endpointFor(tenant);
    if (!endpoint) return this.o.fallback.recentEvents(tenant, userId, since);
    try {
      const body = await this.get<{ events?: unknown }>(endpoint, tenant, `/customers/${encodeURIComponent(userId)}/events?since=${encodeURIComponent(since.toISOString())}`);
      const { events, dropped } = readEvents(body.events);
      if (dropped) this.o.onDropped?.(tenant, [`events: ${dropped} left out (not an object with a known type and an ISO 8601 time)`]);
      return events;
    } catch {
      return [];
    }
  }

  async record(tenant: string, userId: string, since: Date): Promise<CustomerRecord> {
    const endpoint = await this.o.endpointFor(tenant);
    if (!endpoint) return this.o.fallback.record(tenant, userId, since);
    const body = await this.get<Record<keyof CustomerRecord, unknown>>(endpoint, tenant, `/customers/${encodeURIComponent(userId)}?since=${encodeURIComponent(since.toISOString())}`);
    const { transactions, dropped } = readTransactions(body.transactions);
    const list = <T>(field: 'devices' | 'logins'): T[] => {
      const v = body[field];
      if (v !== undefined && !Array.isArray(v)) dropped.push(`${field}: not a list, none read`);
      return Array.isArray(v) ? (v as T[]) : [];
    };
    const record: CustomerRecord = { ...(body.profile && typeof body.profile === 'object' ? { profile: body.profile as CustomerRecord['profile'] } : {}), transactions, devices: list('devices'), logins: list('logins') };
    if (dropped.length) this.o.onDropped?.(tenant, dropped);
    return record;
  }

  private async get<T>(endpoint: CustomerApiEndpoint, tenant: string, pathAndQuery: string): Promise<T> {
    // Checked again at each use: a URL saved before the save-time check existed gets no path cut off.
    const base = checkMerchantUrl(endpoint.url, { allowLocal: this.fetcher.allowLocal });
    const url = new URL(base.href.replace(/\/$/, '') + pathAndQuery);
    const timestamp = String((this.o.clock ?? Date.now)());
    const signature = createHmac('sha256', endpoint.secret).update(`GET\n${url.pathname}${url.search}\n${timestamp}`).digest('hex');
    const body = await this.fetcher.getJson(url, { 'x-kefu-timestamp': timestamp, 'x-kefu-signature': signature, 'x-kefu-tenant': tenant });
    // A JSON answer that is not an object (a number, a list) reads as an empty record.
    return (body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {}) as T;
  }
}
