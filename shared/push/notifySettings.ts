import type { Store } from '../store';
import type { NotifySettings } from '../schemas';
import { MerchantSettings } from '../merchant';

// The settings live beside the merchant's others, in the rows MerchantSettings owns; these two
// functions stay for the callers that hold only a store (ReplyNotifier, the demo seed, tests).

/** The merchant's reply notification settings; the defaults (no templates: nothing sent) when never set. */
export function readNotifySettings(store: Store, tenant: string): Promise<NotifySettings> {
  return new MerchantSettings(store).notifySettings(tenant);
}

export function writeNotifySettings(store: Store, tenant: string, settings: NotifySettings): Promise<NotifySettings> {
  return new MerchantSettings(store).setNotifySettings(tenant, settings);
}
