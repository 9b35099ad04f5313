import type { Store } from '../store';
import { defaultNotifySettings, type NotifySettings } from '../schemas/notifySchema';

/** Where a merchant's reply notification settings live (beside its other settings). */
const table = 'merchantConfig';
const key = ['notify'] as const;

/** The merchant's reply notification settings; the defaults (no templates: nothing sent) when never set. */
export async function readNotifySettings(store: Store, tenant: string): Promise<NotifySettings> {
  const row = await store.tenant(tenant).get<NotifySettings & Record<string, unknown>>(table, key);
  return row ? { ...defaultNotifySettings, ...row.value } : defaultNotifySettings;
}

export async function writeNotifySettings(store: Store, tenant: string, settings: NotifySettings): Promise<NotifySettings> {
  await store.tenant(tenant).put(table, key, { ...settings });
  return settings;
}
