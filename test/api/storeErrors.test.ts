import { errorResponse } from '../../functions/_http/errorResponse';
import type { TablestoreEmulator } from '../../mock/tablestore/TablestoreEmulator';
import { startTablestoreTestServer } from '../helpers/backedTestServers';
import { isKefuError } from '../../shared/errors';
import { createTablestoreStore } from '../../shared/store/drivers';
import { staffLogin, userLogin, type TestServer } from '../helpers/testServer';

const LONG = 'a'.repeat(2000);
/** What a store says about itself, which no client answer may carry. */
const STORE_TALK = /OTS|Tablestore|MaxLength|primary key|key part|sqlite/i;

describe('over-long ids and store errors on Tablestore', () => {
  let keys: { instance: string; accessKeyId: string; accessKeySecret: string };
  let tablestore: { emulator: TablestoreEmulator; url: string; close(): Promise<void> };
  let server: TestServer;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ keys, tablestore, server, close } = await startTablestoreTestServer('kefu-ids'));
  });
  afterAll(() => close());


  it('answers a 2000-character id in a path with a 4xx from the catalogue: never 5xx, never the store’s words, nothing in the error log', async () => {
    const user = await userLogin(server, 'u001');
    const agent = await staffLogin(server, 'xiaowang');
    const admin = await staffLogin(server, 'admin');
    const cases: [string, string, string, unknown, number, string][] = [
      ['GET', `/v1/conversations/${LONG}`, user, undefined, 404, 'CONVERSATION_NOT_FOUND'],
      ['POST', `/v1/conversations/${LONG}/messages`, user, { clientMessageId: 'm1', text: '你好' }, 404, 'CONVERSATION_NOT_FOUND'],
      ['GET', `/v1/conversations/${LONG}/messages`, user, undefined, 404, 'CONVERSATION_NOT_FOUND'],
      ['GET', `/v1/conversations/${LONG}/events?timeout=0`, user, undefined, 404, 'CONVERSATION_NOT_FOUND'],
      ['GET', `/v1/conversations/${LONG}/queue`, user, undefined, 404, 'CONVERSATION_NOT_FOUND'],
      ['POST', `/v1/agent/conversations/${LONG}/claim`, agent, undefined, 404, 'CONVERSATION_NOT_FOUND'],
      ['GET', `/v1/agent/conversations/${LONG}/analysis`, agent, undefined, 404, 'CONVERSATION_NOT_FOUND'],
      ['GET', `/v1/merchant/faq/${LONG}`, admin, undefined, 404, 'FAQ_NOT_FOUND'],
      ['POST', `/v1/merchant/faq/${LONG}/disable`, admin, undefined, 404, 'FAQ_NOT_FOUND'],
      ['PUT', `/v1/merchant/faq/${LONG}`, admin, { category: '支付', question: '长 id', answer: '答案' }, 400, 'ID_TOO_LONG'],
      ['DELETE', `/v1/merchant/faq/${LONG}`, admin, undefined, 400, 'ID_TOO_LONG'],
      ['DELETE', `/v1/merchant/groups/${LONG}`, admin, undefined, 404, 'GROUP_NOT_FOUND'],
      ['POST', `/v1/merchant/staff/${LONG}/disable`, admin, undefined, 404, 'NOT_FOUND'],
      ['POST', `/v1/merchant/staff/${LONG}/reset-password`, admin, undefined, 404, 'NOT_FOUND'],
    ];
    for (const [method, route, token, body, status, code] of cases) {
      const res = await server.call(method, route, { token, body });
      const short = route.replace(LONG, '<2000>');
      expect({ short, status: res.status, code: res.json['code'] }).toEqual({ short, status, code });
      expect({ short, text: JSON.stringify(res.json) }).not.toEqual({ short, text: expect.stringMatching(STORE_TALK) as unknown });
    }
    // Ids in bodies are limited by their schemas before any store sees them.
    const conversation = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    for (const body of [{ clientMessageId: LONG, text: '你好' }, { clientMessageId: 'm2', faqId: LONG, resolved: true }]) {
      const route = 'text' in body ? `/v1/conversations/${conversation}/messages` : `/v1/conversations/${conversation}/faq-feedback`;
      const res = await server.call('POST', route, { token: user, body });
      expect({ status: res.status, code: res.json['code'] }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    }
    expect(server.logText()).not.toContain('"level":"error"');
    // What the answers left out is in the log, as a warning with its code.
    expect(server.logText()).toMatch(/"level":"warn"[^\n]*"code":"ID_TOO_LONG"/);
    // The service itself was never sent an over-long key.
    expect(server.logText()).not.toContain('MaxLength');
  });

  it('treats a key beyond the 1 KB primary-key limit as naming no row, without asking the service', async () => {
    const db = createTablestoreStore({ ...keys, endpoint: tablestore.url }).tenant('demo');
    const sent = () => [...tablestore.emulator.calls.values()].reduce((a, b) => a + b, 0);
    const before = sent();
    expect(await db.get('faq', [LONG])).toBeUndefined();
    expect(await db.range('faq', [LONG])).toEqual({ rows: [] });
    await expect(db.delete('faq', [LONG])).resolves.toBeUndefined();
    expect(sent()).toBe(before);
    const codeOf = (p: Promise<unknown>) => p.then(() => 'written', (err: unknown) => (isKefuError(err) ? err.code : String(err)));
    expect(await codeOf(db.delete('faq', [LONG], 'exists'))).toBe('STORE_CONDITION_FAILED');
    expect(await codeOf(db.put('faq', [LONG], { a: 1 }))).toBe('ID_TOO_LONG');
    expect(await codeOf(db.update('faq', [LONG], { a: 1 }))).toBe('ID_TOO_LONG');
    expect(await codeOf(db.increment('faq', [LONG], 'n'))).toBe('ID_TOO_LONG');
    expect(await codeOf(db.batchWrite([{ op: 'put', table: 'faq', key: ['ok'], value: {} }, { op: 'put', table: 'faq', key: [LONG], value: {} }]))).toBe('ID_TOO_LONG');
    // Nothing of the refused batch was written.
    expect(await db.get('faq', ['ok'])).toBeUndefined();
    // A key at the limit still works: 's' + 1022 characters + the separator is 1024 bytes.
    const edge = 'b'.repeat(1022);
    await db.put('faq', [edge], { a: 1 });
    expect((await db.get('faq', [edge]))?.value).toEqual({ a: 1 });
  });

  it('maps a request the service refuses (OTSParameterInvalid) to STORE_REJECTED, whose answer is the catalogue’s words', async () => {
    const store = createTablestoreStore({ ...keys, endpoint: tablestore.url });
    let caught: unknown;
    try {
      // A start key beyond the primary-key limit: the one request shape that still reaches the service.
      await store.tenant('demo').range('faq', [], { start: [LONG] });
    } catch (err) {
      caught = err;
    }
    expect(isKefuError(caught) && caught.code).toBe('STORE_REJECTED');
    // The store's words stay on the error, for the log ...
    expect((caught as Error).message).toContain('OTSParameterInvalid');
    // ... and never reach the client.
    const res = errorResponse('STORE_REJECTED', 'req-1', (caught as Error).message, { code: 'OTSParameterInvalid' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'STORE_REJECTED', message: '请求的数据超出存储限制', requestId: 'req-1' });
  });
});

describe('errorResponse', () => {
  it('keeps a message of ours, and replaces any message in a store’s words with the catalogue’s', async () => {
    const ours = await errorResponse('VALIDATION_FAILED', 'r', '参数 text 不合法', { field: 'text' }).json();
    expect(ours).toEqual({ code: 'VALIDATION_FAILED', message: '参数 text 不合法', requestId: 'r', details: { field: 'text' } });
    for (const leaked of [
      "Tablestore 拒绝了请求: OTSParameterInvalid BThe length of primary key column: 'k' exceeds the MaxLength: 1024.",
      'key part must be a non-negative safe integer, got -1000',
      'SQLITE_TOOBIG: string or blob too big',
    ]) {
      expect(await errorResponse('VALIDATION_FAILED', 'r', leaked, { reason: 'store' }).json()).toEqual({ code: 'VALIDATION_FAILED', message: '请求参数不合法', requestId: 'r' });
    }
    expect(await errorResponse('STORE_CONDITION_FAILED', 'r', 'Condition exists failed on table staff', { table: 'staff' }).json()).toEqual({ code: 'STORE_CONDITION_FAILED', message: '数据已被修改,请重试', requestId: 'r' });
  });
});
