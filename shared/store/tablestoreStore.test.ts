import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config';
import { startTablestoreEmulator, type TablestoreEmulator } from '../../mock/tablestore/TablestoreEmulator';
import { describeStoreContract } from './storeContract';
import { createTablestoreStore, initTablestoreTable, type TablestoreStoreOptions } from './tablestoreStore';

const credentials = { instance: 'kefu-test', accessKeyId: 'LTAI-test', accessKeySecret: randomBytes(18).toString('base64') };
let emulator: { emulator: TablestoreEmulator; url: string; close(): Promise<void> };
let counter = 0;

beforeAll(async () => {
  emulator = await startTablestoreEmulator(credentials);
});
afterAll(() => emulator.close());

/** Each store gets its own physical table, so contract cases never see each other's rows. */
async function emulatedOptions(): Promise<TablestoreStoreOptions> {
  const options = { ...credentials, endpoint: emulator.url, table: `t${++counter}`, retryBudgetMs: 1500 };
  await initTablestoreTable(options);
  return options;
}

describeStoreContract('tablestore (emulator)', async () => createTablestoreStore(await emulatedOptions()));

// Against a real instance only when one is configured; otherwise say so and run nothing.
const real = loadConfig().tablestore;
if (real) {
  describeStoreContract('tablestore (real instance)', async () => {
    const options = { ...real, table: `kefu_contract_${Date.now().toString(36)}_${++counter}` };
    await initTablestoreTable(options);
    return createTablestoreStore(options);
  });
} else {
  console.info('tablestore (real instance): not run, KEFU_TABLESTORE_ENDPOINT / _INSTANCE / _ACCESS_KEY_ID / _ACCESS_KEY_SECRET are not set');
}

describe('tablestore driver under failure', () => {
  afterEach(() => emulator.emulator.clearFaults());

  it('retries throttled requests and succeeds when the service recovers', async () => {
    const db = createTablestoreStore(await emulatedOptions()).tenant('t1');
    emulator.emulator.injectFault({ code: 'OTSServerBusy', times: 2, actions: ['UpdateRow'] });
    emulator.emulator.injectFault({ code: 'OTSNotEnoughCapacityUnit', times: 1, actions: ['GetRow'] });
    expect(await db.update('item', ['a'], { n: 1 })).toBe(1);
    expect((await db.get('item', ['a']))!.value).toEqual({ n: 1 });
  });

  it('gives up within the retry budget with STORE_BUSY when throttling persists', async () => {
    const db = createTablestoreStore(await emulatedOptions()).tenant('t1');
    emulator.emulator.injectFault({ code: 'OTSServerBusy', times: 1000, actions: ['PutRow'] });
    const started = Date.now();
    const err = await db.put('item', ['a'], { n: 1 }, 'notExists').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'STORE_BUSY', status: 503 });
    expect(Date.now() - started).toBeLessThan(1500 + 500);
  });

  it('leaves nothing half-written when a batch fails midway, and releases the partition', async () => {
    const db = createTablestoreStore(await emulatedOptions()).tenant('t1');
    emulator.emulator.injectFault({ code: 'OTSServerBusy', times: 1000, actions: ['UpdateRow'] });
    const err = await db
      .batchWrite([
        { op: 'put', table: 'conv', key: ['c1'], value: { state: 'open' } },
        { op: 'update', table: 'queue', key: ['g1', 'c1'], set: { at: 1 } },
      ])
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'STORE_BUSY' });
    emulator.emulator.clearFaults();
    expect(await db.get('conv', ['c1'])).toBeUndefined();
    expect(await db.get('queue', ['g1', 'c1'])).toBeUndefined();
    expect(await db.put('conv', ['c1'], { state: 'open' })).toBe(1);
  });

  it('names the cause when the table is missing or the keys are wrong', async () => {
    const missing = createTablestoreStore({ ...credentials, endpoint: emulator.url, table: 'never_created' }).tenant('t1');
    const missingErr = (await missing.get('item', ['a']).catch((e: unknown) => e)) as { code: string; message: string };
    expect(missingErr.code).toBe('STORE_UNAVAILABLE');
    expect(missingErr.message).toContain('store init');
    const wrongKey = createTablestoreStore({ ...(await emulatedOptions()), accessKeySecret: 'wrong' }).tenant('t1');
    const keyErr = (await wrongKey.get('item', ['a']).catch((e: unknown) => e)) as { code: string; message: string };
    expect(keyErr.code).toBe('STORE_UNAVAILABLE');
    expect(keyErr.message).toContain('OTSAuthFailed');
  });
});
