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
