import { MerchantSettings } from '../merchant';
import { defaultNotifySettings } from '../schemas';
import { createMemoryStore } from '../store/drivers';
import { readNotifySettings, writeNotifySettings } from './notifySettings';

describe('notifySettings', () => {
  it('reads and writes the same row as MerchantSettings, the defaults until set', async () => {
    const store = createMemoryStore();
    expect(await readNotifySettings(store, 't1')).toEqual(defaultNotifySettings);
    const settings = { ...defaultNotifySettings, replyTemplateIds: ['tpl'], kind: 'long' as const };
    expect(await writeNotifySettings(store, 't1', settings)).toEqual(settings);
    expect(await new MerchantSettings(store).notifySettings('t1')).toEqual(settings);
    expect(await readNotifySettings(store, 't1')).toEqual(settings);
  });
});
