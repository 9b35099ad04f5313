import type { EntryConfig } from '../../shared/schemas';
import type { KeyValueStorage, Transport } from '../../shared/client';

/** How long a fetched style is used before asking again (the server's cache-control says the same). */
export const ENTRY_CONFIG_TTL_MS = 5 * 60_000;

const KEY = 'kefu.entryConfig';

/**
 * The merchant's button style from `GET /v1/entry-config`, kept in storage for five minutes so a
 * change in the console reaches users without a release and without a request per page. When the
 * network fails the last stored style is used; undefined when there has never been one.
 */
export async function fetchEntryConfig(o: { apiOrigin: string; tenant: string; transport: Transport; storage: KeyValueStorage; now: number }): Promise<Partial<EntryConfig> | undefined> {
  let cached: { at: number; config: Partial<EntryConfig> } | undefined;
  try {
    const raw = await o.storage.get(KEY);
    cached = raw ? (JSON.parse(raw) as typeof cached) : undefined;
  } catch {
    cached = undefined;
  }
  if (cached && o.now - cached.at < ENTRY_CONFIG_TTL_MS) return cached.config;
  try {
    const res = await o.transport.request({ method: 'GET', url: `${o.apiOrigin}/v1/entry-config?tenant=${encodeURIComponent(o.tenant)}`, headers: {}, timeoutMs: 5000 });
    if (res.status !== 200 || typeof res.body !== 'object' || !res.body) return cached?.config;
    const config = res.body as Partial<EntryConfig>;
    await o.storage.set(KEY, JSON.stringify({ at: o.now, config }));
    return config;
  } catch {
    return cached?.config;
  }
}
