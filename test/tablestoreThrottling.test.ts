import { randomBytes } from 'node:crypto';
import { startTablestoreEmulator, type TablestoreEmulator } from '../mock/tablestore/TablestoreEmulator';
import { initTablestoreTable } from '../shared/store';
import { startTestServer, userLogin, type TestServer } from './helpers/testServer';

describe('the API on Tablestore when Tablestore throttles', () => {
  const keys = { instance: 'kefu-api', accessKeyId: 'LTAI-api', accessKeySecret: randomBytes(18).toString('base64') };
  let tablestore: { emulator: TablestoreEmulator; url: string; close(): Promise<void> };
  let server: TestServer;
  beforeAll(async () => {
    tablestore = await startTablestoreEmulator(keys);
    await initTablestoreTable({ ...keys, endpoint: tablestore.url });
    server = await startTestServer({
      KEFU_STORE: 'tablestore',
      KEFU_TABLESTORE_ENDPOINT: tablestore.url,
      KEFU_TABLESTORE_INSTANCE: keys.instance,
      KEFU_TABLESTORE_ACCESS_KEY_ID: keys.accessKeyId,
      KEFU_TABLESTORE_ACCESS_KEY_SECRET: keys.accessKeySecret,
      KEFU_JOBS_INTERVAL_MS: '0',
    });
  });
  afterAll(async () => {
    await server.stop();
    await tablestore.close();
  });

  it('answers 503 STORE_BUSY in plain words after bounded retries, keeps nothing of the failed message, and works again after', async () => {
    const token = await userLogin(server, 'u002');
    const id = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
    tablestore.emulator.injectFault({ code: 'OTSServerBusy', times: 100_000, actions: ['BatchWriteRow', 'PutRow', 'UpdateRow', 'StartLocalTransaction'] });
    const started = Date.now();
    const busy = await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: 'm1', text: '转账没到账' } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(busy.status).toBe(503);
    expect(busy.json).toMatchObject({ code: 'STORE_BUSY', message: '系统繁忙,请稍后再试' });
    expect(JSON.stringify(busy.json)).not.toContain('OTS');
    tablestore.emulator.clearFaults();
    const history = await server.call('GET', `/v1/conversations/${id}/messages`, { token });
    expect(JSON.stringify(history.json)).not.toContain('转账没到账');
    const sent = await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: 'm1', text: '转账没到账' } });
    expect(sent.status).toBe(201);
  }, 60_000);
});
