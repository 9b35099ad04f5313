import { defaultCannedReplies, defaultEntryConfig, type EntryConfig, defaultNotifySettings, type NotifySettings } from '../schemas';
import type { Store } from '../store';
import { createMemoryStore } from '../store/drivers';
import { MerchantSettings } from './MerchantSettings';
import { merchantConfigKeys, merchantTables } from './merchantTables';

function setup(): { store: Store; settings: MerchantSettings } {
  const store = createMemoryStore();
  return { store, settings: new MerchantSettings(store) };
}

const raw = (store: Store, tenant: string, key: readonly string[]) => store.tenant(tenant).get(merchantTables.config, key);

describe('MerchantSettings', () => {
  it('answers the defaults a merchant starts with until it saves its own', async () => {
    const { settings } = setup();
    expect(await settings.entryConfig('t1')).toEqual(defaultEntryConfig);
    expect(await settings.cannedReplies('t1')).toEqual(defaultCannedReplies);
    expect(await settings.customerApi('t1')).toBeUndefined();
    expect(await settings.notifySettings('t1')).toEqual(defaultNotifySettings);
    expect(await settings.eventSettings('t1')).toEqual({});
  });

  it('keeps the stored keys and shapes, so rows written before it still read', async () => {
    const { store, settings } = setup();
    const entry: EntryConfig = { ...defaultEntryConfig, label: '帮助', color: '#000000' };
    await settings.setEntryConfig('t1', entry);
    await settings.setCannedReplies('t1', [{ title: '你好', text: '您好' }]);
    await settings.setCustomerApi('t1', { url: 'https://api.example.com/kefu', secret: 's'.repeat(32) });
    const notify: NotifySettings = { ...defaultNotifySettings, replyTemplateIds: ['tpl1'] };
    await settings.setNotifySettings('t1', notify);
    await settings.updateEventSettings('t1', { secret: 'sec' });

    expect((await raw(store, 't1', ['entry']))?.value).toEqual(entry);
    expect((await raw(store, 't1', ['canned']))?.value).toEqual({ replies: [{ title: '你好', text: '您好' }] });
    expect((await raw(store, 't1', ['customerApi']))?.value).toEqual({ url: 'https://api.example.com/kefu', secret: 's'.repeat(32) });
    expect((await raw(store, 't1', ['notify']))?.value).toEqual(notify);
    expect((await raw(store, 't1', ['events']))?.value).toEqual({ secret: 'sec' });
    expect(Object.values(merchantConfigKeys).map((k) => k[0])).toEqual(['entry', 'canned', 'customerApi', 'notify', 'events', 'presence', 'actionLinks', 'flows']);
  });

  it('reads an older partial entry or notify row over the defaults', async () => {
    const { store, settings } = setup();
    await store.tenant('t1').put(merchantTables.config, ['entry'], { label: '旧' });
    await store.tenant('t1').put(merchantTables.config, ['notify'], { replyTemplateIds: ['a'] });
    expect(await settings.entryConfig('t1')).toEqual({ ...defaultEntryConfig, label: '旧' });
    expect(await settings.notifySettings('t1')).toEqual({ ...defaultNotifySettings, replyTemplateIds: ['a'] });
  });

  it('takes an empty list of canned replies as the merchant’s choice, not as unset', async () => {
    const { settings } = setup();
    await settings.setCannedReplies('t1', []);
    expect(await settings.cannedReplies('t1')).toEqual([]);
  });

  it('sets event settings column by column: rotating the secret keeps the rules', async () => {
    const { settings } = setup();
    const rule = { id: 'r1' } as never;
    await settings.updateEventSettings('t1', { rules: [rule] });
    await settings.updateEventSettings('t1', { secret: 'new', rotatedAt: '2026-12-01T10:00:00.000Z' });
    expect(await settings.eventSettings('t1')).toEqual({ rules: [rule], secret: 'new', rotatedAt: '2026-12-01T10:00:00.000Z' });
  });

  it('keeps each merchant’s settings apart', async () => {
    const { settings } = setup();
    await settings.setCannedReplies('t1', [{ title: 'a', text: 'b' }]);
    expect(await settings.cannedReplies('t2')).toEqual(defaultCannedReplies);
  });
});
