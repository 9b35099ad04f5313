/// <reference types="@mini-types/my" />
import type { Transport } from '../../shared/client/Transport';
import type { FakeMy } from './componentHarness';

/** `my.getStorage`/`my.setStorage` over a Map, with Alipay's callback shapes. */
export function fakeStorageApis(data = new Map<string, string>()): FakeMy & { data: Map<string, string> } {
  return {
    data,
    getStorage: ((o: { key: string; success?: (r: { data: unknown }) => void; fail?: (e: unknown) => void }) => {
      if (data.has(o.key)) o.success?.({ data: data.get(o.key) });
      else o.success?.({ data: null });
    }) as unknown as typeof my.getStorage,
    setStorage: ((o: { key: string; data: string; success?: () => void }) => {
      data.set(o.key, o.data);
      o.success?.();
    }) as unknown as typeof my.setStorage,
  };
}

/**
 * `my.request` in front of a Transport (a fake backend, or real fetch): a 4xx/5xx answer goes to
 * `fail` as error 19 with status and data, the way Alipay reports it; no answer is error 12.
 */
export function fakeRequestApi(transport: Transport, calls: string[] = []): FakeMy {
  return {
    request: ((o: { url: string; method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; headers?: Record<string, string>; data?: string; timeout?: number; success?: (r: unknown) => void; fail?: (e: unknown) => void }) => {
      calls.push(`${o.method ?? 'GET'} ${o.url}`);
      transport
        .request({ method: o.method ?? 'GET', url: o.url, headers: o.headers ?? {}, ...(o.data !== undefined ? { body: o.data } : {}), timeoutMs: o.timeout ?? 30_000 })
        .then(
          (res) => (res.status < 400 ? o.success?.({ status: res.status, statusCode: res.status, data: res.body, headers: {}, header: {} }) : o.fail?.({ error: 19, errorMessage: 'http status error', status: res.status, data: res.body })),
          () => o.fail?.({ error: 12, errorMessage: 'network error' }),
        );
    }) as unknown as typeof my.request,
  };
}
