/**
 * Table name and key layout of a merchant's settings, in one place so the Tablestore schema (one
 * physical table per name) can be derived from it and every reader and writer agrees on the keys.
 * Only {@link MerchantSettings} reads or writes this table.
 *
 * - merchantConfig [setting] -> one row per setting of the merchant:
 *   - ['entry']       -> EntryConfig: the mini-program's service button (read over the defaults)
 *   - ['canned']      -> { replies: { title, text }[] }: the agents' canned replies
 *   - ['customerApi'] -> { url, secret }: the merchant's customer-data API and its signing secret
 *   - ['notify']      -> NotifySettings: reply notification templates (read over the defaults)
 *   - ['events']      -> { secret?, rotatedAt?, rules? }: the business-event secret and proactive
 *                        rules, written column by column (rotating the secret keeps the rules)
 *   - ['presence']    -> PresenceSettings: online on login, automatic away (read over the defaults)
 *   - ['actionLinks'] -> ActionLinkSettings: { links: { path, url }[] }, the H5 address of each
 *                        FAQ action's mini-program page
 *   - ['flows']       -> { disabled: FlowId[], titles: { [flow]: title } }: the self-service flows
 *                        switched off and the merchant's card titles
 */
export const merchantTables = {
  config: 'merchantConfig',
} as const;

/** The row key of each setting in `merchantConfig`; these are stored keys, never rename them. */
export const merchantConfigKeys = {
  entry: ['entry'],
  canned: ['canned'],
  customerApi: ['customerApi'],
  notify: ['notify'],
  events: ['events'],
  presence: ['presence'],
  actionLinks: ['actionLinks'],
  flows: ['flows'],
} as const;
