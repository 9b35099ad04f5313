import type { TablestoreEmulator } from '../../mock/tablestore/TablestoreEmulator';
import { startTablestoreTestServer } from '../helpers/backedTestServers';
import { userLogin, type TestServer } from '../helpers/testServer';

describe('the API on Tablestore when Tablestore throttles', () => {
  let tablestore: { emulator: TablestoreEmulator; url: string; close(): Promise<void> };
  let server: TestServer;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ tablestore, server, close } = await startTablestoreTestServer('kefu-api'));
  });
  afterAll(() => close());


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
