import type { CustomerApiEndpoint } from '../customer';
import { type ProactiveRule, defaultCannedReplies, type CannedRepliesRequest, defaultEntryConfig, type EntryConfig, defaultNotifySettings, type NotifySettings } from '../schemas';
import type { Store, TenantStore } from '../store';
import { merchantConfigKeys as keys, merchantTables } from './merchantTables';
import { defaultActionLinkSettings, type ActionLinkSettings } from './actionLinks';
import { defaultPresenceSettings, type PresenceSettings } from './presenceSettings';
import { defaultFlowSettings, type FlowSettingsRequest } from './flowSettings';

/** One canned reply of the agents' composer. */
export type CannedReply = CannedRepliesRequest['replies'][number];

/** The merchant's business-event settings (ProactiveService): each column is set on its own. */
export interface EventSettings {
  readonly secret?: string;
  readonly rotatedAt?: string;
  readonly rules?: ProactiveRule[];
}

/**
 * The one owner of the `merchantConfig` rows (layout in merchantTables.ts): typed reads, with the
 * defaults a merchant starts with, and writes in the shapes already stored, so existing rows keep
 * working. Routes and services go through it instead of naming the table, so a key or a default is
 * decided here once.
 */
export class MerchantSettings {
  constructor(private readonly store: Store) {}

  /** The entry button's look: the stored columns over the defaults (older rows may lack some). */
  async entryConfig(tenant: string): Promise<EntryConfig> {
    const row = await this.db(tenant).get<EntryConfig>(merchantTables.config, keys.entry);
    return { ...defaultEntryConfig, ...row?.value };
  }

  async setEntryConfig(tenant: string, config: EntryConfig): Promise<EntryConfig> {
    await this.db(tenant).put(merchantTables.config, keys.entry, { ...config });
    return config;
  }

  /** The canned replies, or the defaults until the merchant saved its own (an empty list included). */
  async cannedReplies(tenant: string): Promise<CannedReply[]> {
    const row = await this.db(tenant).get<{ replies: CannedReply[] }>(merchantTables.config, keys.canned);
    return row?.value.replies ?? defaultCannedReplies;
  }

  async setCannedReplies(tenant: string, replies: readonly CannedReply[]): Promise<void> {
    await this.db(tenant).put(merchantTables.config, keys.canned, { replies: [...replies] });
  }

  /** Where the merchant's customer-data API is; undefined until the merchant set one up. */
  async customerApi(tenant: string): Promise<CustomerApiEndpoint | undefined> {
    return (await this.db(tenant).get<CustomerApiEndpoint & { [column: string]: unknown }>(merchantTables.config, keys.customerApi))?.value;
  }

  /** Stores the endpoint as given: the caller has already checked the URL (checkMerchantUrl). */
  async setCustomerApi(tenant: string, endpoint: CustomerApiEndpoint): Promise<void> {
    await this.db(tenant).put(merchantTables.config, keys.customerApi, { url: endpoint.url, secret: endpoint.secret });
  }

  /** Reply notification settings: the stored columns over the defaults (no templates: nothing sent). */
  async notifySettings(tenant: string): Promise<NotifySettings> {
    const row = await this.db(tenant).get<NotifySettings & { [column: string]: unknown }>(merchantTables.config, keys.notify);
    return row ? { ...defaultNotifySettings, ...row.value } : defaultNotifySettings;
  }

  async setNotifySettings(tenant: string, settings: NotifySettings): Promise<NotifySettings> {
    await this.db(tenant).put(merchantTables.config, keys.notify, { ...settings });
    return settings;
  }

  /** The business-event secret and rules as stored; an empty object when never set. */
  async eventSettings(tenant: string): Promise<EventSettings> {
    return (await this.db(tenant).get<EventSettings & { [column: string]: unknown }>(merchantTables.config, keys.events))?.value ?? {};
  }

  /**
   * Sets only the given columns of the event settings (an update, not a put): rotating the secret
   * must not drop the rules, nor saving the rules the secret.
   */
  async updateEventSettings(tenant: string, set: EventSettings): Promise<void> {
    await this.db(tenant).update(merchantTables.config, keys.events, { ...set });
  }

  /** How agents' presence follows their session: the stored columns over the defaults. */
  async presenceSettings(tenant: string): Promise<PresenceSettings> {
    const row = await this.db(tenant).get<PresenceSettings & { [column: string]: unknown }>(merchantTables.config, keys.presence);
    return { ...defaultPresenceSettings, ...row?.value };
  }

  async setPresenceSettings(tenant: string, settings: PresenceSettings): Promise<PresenceSettings> {
    await this.db(tenant).put(merchantTables.config, keys.presence, { ...settings });
    return settings;
  }

  /** The H5 addresses of FAQ actions; none until the merchant saved some. */
  async actionLinks(tenant: string): Promise<ActionLinkSettings> {
    const row = await this.db(tenant).get<ActionLinkSettings & { [column: string]: unknown }>(merchantTables.config, keys.actionLinks);
    return row ? { links: row.value.links } : defaultActionLinkSettings;
  }

  /** Stores the links as given: the caller has already checked them (shared/merchant/checkActionLinks). */
  async setActionLinks(tenant: string, settings: ActionLinkSettings): Promise<ActionLinkSettings> {
    await this.db(tenant).put(merchantTables.config, keys.actionLinks, { links: settings.links.map((l) => ({ ...l })) });
    return settings;
  }

  /** The self-service flows switched off and the merchant's card titles; none of either until saved. */
  async flowSettings(tenant: string): Promise<FlowSettingsRequest> {
    const row = await this.db(tenant).get<FlowSettingsRequest & { [column: string]: unknown }>(merchantTables.config, keys.flows);
    return row ? { disabled: row.value.disabled ?? [], titles: row.value.titles ?? {} } : defaultFlowSettings;
  }

  /** Stores the settings as given: the caller has already checked them (shared/merchant/flowSettings). */
  async setFlowSettings(tenant: string, settings: FlowSettingsRequest): Promise<FlowSettingsRequest> {
    await this.db(tenant).put(merchantTables.config, keys.flows, { disabled: [...settings.disabled], titles: { ...settings.titles } });
    return settings;
  }

  private db(tenant: string): TenantStore {
    return this.store.tenant(tenant);
  }
}
