import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { loadConfig } from '../../shared/config';
import { startTablestoreEmulator, type TablestoreEmulator } from '../../mock/tablestore/TablestoreEmulator';
import { startRotatingTablestoreEmulator } from '../helpers/rotatingTablestoreEmulator';
import { describeStoreContract } from './storeContract';
import { createTablestoreStore, initTablestoreTable, type TablestoreStoreOptions } from '../../shared/store/drivers';

const credentials = { instance: 'kefu-test', accessKeyId: 'LTAI-test', accessKeySecret: randomBytes(18).toString('base64') };
let emulator: { emulator: TablestoreEmulator; url: string; connections(): number; close(): Promise<void> };
let counter = 0;

beforeAll(async () => {
  emulator = await startTablestoreEmulator({ ...credentials, localTransactionsFor: [/^t\d+$/] });
});
afterAll(() => emulator.close());

/** Each store gets its own physical table, so contract cases never see each other's rows. */
async function emulatedOptions(): Promise<TablestoreStoreOptions> {
  const options = { ...credentials, endpoint: emulator.url, table: `t${++counter}`, retryBudgetMs: 1500 };
  await initTablestoreTable(options);
  return options;
}

describeStoreContract('tablestore (emulator)', async () => createTablestoreStore(await emulatedOptions()));

// Against a real instance only when one is configured; otherwise say so and run nothing. It uses
// the configured table (made with `store init`, local transactions enabled) and keeps each case
// apart under tenant ids of its own, so nothing is created or dropped on the instance.
const real = loadConfig().tablestore;
if (real) {
  const run = `contract-${Date.now().toString(36)}`;
  let n = 0;
  describeStoreContract('tablestore (real instance)', async () => {
    await initTablestoreTable(real);
    const store = createTablestoreStore(real);
    const prefix = `${run}-${++n}`;
    return { tenant: (id: string) => store.tenant(id ? `${prefix}-${id}` : id), close: () => store.close() };
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
    // One BatchWriteRow in a transaction...
    emulator.emulator.injectFault({ code: 'OTSServerBusy', times: 1000, actions: ['BatchWriteRow'] });
    const batch = [
      { op: 'put', table: 'conv', key: ['c1'], value: { state: 'open' } },
      { op: 'update', table: 'queue', key: ['g1', 'c1'], set: { at: 1 } },
    ] as const;
    expect(await db.batchWrite(batch).catch((e: unknown) => e)).toMatchObject({ code: 'STORE_BUSY' });
    // ... and row by row when a row repeats: the second write fails after the first went in.
    emulator.emulator.clearFaults();
    emulator.emulator.injectFault({ code: 'OTSServerBusy', times: 1000, actions: ['UpdateRow'] });
    const repeated = await db.batchWrite([...batch, { op: 'update', table: 'conv', key: ['c1'], set: { state: 'queued' } }]).catch((e: unknown) => e);
    expect(repeated).toMatchObject({ code: 'STORE_BUSY' });
    emulator.emulator.clearFaults();
    expect(await db.get('conv', ['c1'])).toBeUndefined();
    expect(await db.get('queue', ['g1', 'c1'])).toBeUndefined();
    expect(await db.put('conv', ['c1'], { state: 'open' })).toBe(1);
  });

  it('writes a batch of one partition in one BatchWriteRow, reading the versions it needs in one BatchGetRow', async () => {
    const db = createTablestoreStore(await emulatedOptions()).tenant('t1');
    await db.put('conversation', ['c2'], { n: 1 });
    const calls = (action: string) => emulator.emulator.calls.get(action) ?? 0;
    const before = { get: calls('BatchGetRow'), write: calls('BatchWriteRow'), put: calls('PutRow') };
    // One conversation's rows share its partition (partitions.ts).
    await db.batchWrite([
      { op: 'put', table: 'conversation', key: ['c2'], value: { n: 2 } },
      { op: 'put', table: 'event', key: ['c2', 1], value: { text: 'hi' }, condition: 'notExists' },
      { op: 'update', table: 'analysis', key: ['c2', 1], set: { at: 5 } },
    ]);
    expect([calls('BatchGetRow') - before.get, calls('BatchWriteRow') - before.write, calls('PutRow') - before.put]).toEqual([1, 1, 0]);
    expect(await db.get('conversation', ['c2'])).toMatchObject({ value: { n: 2 }, version: 2 });
    expect(await db.get('analysis', ['c2', 1])).toMatchObject({ value: { at: 5 }, version: 1 });
  });

  // A batch across partitions (tablestoreBatch.ts): local transactions cover one partition key
  // value each (https://www.alibabacloud.com/help/doc-detail/120983.html), so the conversation's
  // partition commits last of the locked ones and what a crash cuts off after it is finished by
  // recover().
  const handoff = (id: string, presenceVersion: number) =>
    [
      { op: 'put', table: 'conversation', key: [id], value: { status: 'queued' }, condition: 'notExists' },
      { op: 'put', table: 'waiting', key: [1, id], value: { conversationId: id } },
      { op: 'update', table: 'presence', key: ['a1'], set: { active: 1 }, condition: { version: presenceVersion } },
    ] as const;

  it('locks only the partitions of a batch: another conversation of the merchant writes meanwhile', async () => {
    const db = createTablestoreStore(await emulatedOptions()).tenant('t1');
    const v = await db.put('presence', ['a1'], { active: 0 });
    const calls = (action: string) => emulator.emulator.calls.get(action) ?? 0;
    const starts = calls('StartLocalTransaction');
    await Promise.all([
      db.batchWrite(handoff('c1', v)),
      db.batchWrite([
        { op: 'put', table: 'conversation', key: ['c2'], value: { n: 1 }, condition: 'notExists' },
        { op: 'put', table: 'event', key: ['c2', 1], value: { text: 'hi' }, condition: 'notExists' },
      ]),
    ]);
    // c1's batch: the presence partition and c1's; c2's batch: c2's. The waiting row needs no lock.
    expect(calls('StartLocalTransaction') - starts).toBe(3);
    expect(await db.get('waiting', [1, 'c1'])).toMatchObject({ value: { conversationId: 'c1' } });
    expect(await db.get('event', ['c2', 1])).toMatchObject({ value: { text: 'hi' } });
  });

  it('finishes with recover() a batch cut off after its home partition committed', async () => {
    const db = createTablestoreStore(await emulatedOptions()).tenant('t1');
    const v = await db.put('presence', ['a1'], { active: 0 });
    // The unconditional row of another partition cannot be written (its version read fails until
    // the budget is spent): the batch has happened, the waiting row is missing.
    emulator.emulator.injectFault({ code: 'OTSInternalServerError', times: 1000, actions: ['GetRow'] });
    await db.batchWrite(handoff('c3', v));
    emulator.emulator.clearFaults();
    expect(await db.get('conversation', ['c3'])).toMatchObject({ value: { status: 'queued' } });
    expect(await db.get('presence', ['a1'])).toMatchObject({ value: { active: 1 } });
    expect(await db.get('waiting', [1, 'c3'])).toBeUndefined();
    // A batch younger than a transaction's life may still be running: left alone.
    expect(await db.recover()).toBe(0);
    expect(await db.recover(0)).toBe(1);
    expect(await db.get('waiting', [1, 'c3'])).toMatchObject({ value: { conversationId: 'c3' } });
    expect(await db.recover(0)).toBe(0);
  });

  // The SDK sends HTTPS through an agent of its own without keep-alive (node_modules/tablestore/
  // lib/http/node.js, sslAgent), so each call to the service would open a TCP and TLS connection.
  // The driver hands it a keep-alive agent; with the process's default agent made one that does not
  // keep connections (as the SDK's HTTPS one), the calls still share one connection.
  it('keeps its connections alive: 40 calls, one after another, open one connection', async () => {
    const options = await emulatedOptions();
    const original = http.globalAgent;
    http.globalAgent = new http.Agent({ keepAlive: false });
    try {
      const store = createTablestoreStore(options);
      const db = store.tenant('t1');
      const before = emulator.connections();
      for (let i = 0; i < 40; i++) await db.put('item', [`k${i}`], { i }, 'notExists');
      expect(emulator.connections() - before).toBe(1);
      await store.close();
    } finally {
      http.globalAgent = original;
    }
  });

  it('counts a home commit the service applied but whose answer was lost as committed, and finishes the batch', async () => {
    const db = createTablestoreStore(await emulatedOptions()).tenant('t1');
    const v = await db.put('presence', ['a1'], { active: 0 });
    emulator.emulator.injectFault({ code: 'OTSTimeout', times: 1, actions: ['CommitTransaction'], afterApplying: true });
    await db.batchWrite(handoff('c5', v));
    expect(await db.get('conversation', ['c5'])).toMatchObject({ value: { status: 'queued' } });
    expect(await db.get('waiting', [1, 'c5'])).toMatchObject({ value: { conversationId: 'c5' } });
    expect(await db.get('presence', ['a1'])).toMatchObject({ value: { active: 1 }, version: v + 1 });
    expect(await db.recover(0)).toBe(0);
  });

  it('recover() never writes a cut-off batch over what a later change of the same conversation wrote', async () => {
    const db = createTablestoreStore(await emulatedOptions()).tenant('t1');
    const v = await db.put('presence', ['a1'], { active: 0 });
    emulator.emulator.injectFault({ code: 'OTSInternalServerError', times: 1000, actions: ['GetRow'] });
    await db.batchWrite(handoff('c6', v));
    emulator.emulator.clearFaults();
    // The conversation moves on before any sweep: assigned, off the waiting list, the agent's load set anew.
    await db.batchWrite([
      { op: 'put', table: 'conversation', key: ['c6'], value: { status: 'assigned' }, condition: { version: 1 } },
      { op: 'delete', table: 'waiting', key: [1, 'c6'] },
      { op: 'update', table: 'presence', key: ['a1'], set: { active: 5 }, condition: { version: v + 1 } },
    ]);
    expect(await db.recover(0)).toBe(1);
    expect(await db.get('waiting', [1, 'c6'])).toBeUndefined();
    expect(await db.get('presence', ['a1'])).toMatchObject({ value: { active: 5 }, version: v + 2 });
    expect(await db.get('conversation', ['c6'])).toMatchObject({ value: { status: 'assigned' } });
  });

  it('reads issued at once share one BatchGetRow; a lone read is one GetRow', async () => {
    const db = createTablestoreStore(await emulatedOptions()).tenant('t1');
    for (let i = 0; i < 20; i++) await db.put('conversation', [`c${i}`], { n: i });
    const calls = (action: string) => emulator.emulator.calls.get(action) ?? 0;
    const before = { batch: calls('BatchGetRow'), single: calls('GetRow') };
    // Rows of 20 partitions (each conversation its own) and one that does not exist.
    const rows = await Promise.all([...Array.from({ length: 20 }, (_, i) => db.get('conversation', [`c${i}`])), db.get('conversation', ['none'])]);
    expect(rows.map((r) => r?.value['n'])).toEqual([...Array.from({ length: 20 }, (_, i) => i), undefined]);
    expect([calls('BatchGetRow') - before.batch, calls('GetRow') - before.single]).toEqual([1, 0]);
    expect(await db.get('conversation', ['c3'])).toMatchObject({ value: { n: 3 }, version: 1 });
    expect([calls('BatchGetRow') - before.batch, calls('GetRow') - before.single]).toEqual([1, 1]);
  });

  it('increments of one counter at the same moment are one UpdateRow; each caller gets its own value', async () => {
    const db = createTablestoreStore(await emulatedOptions()).tenant('t1');
    await db.increment('faqCounter', ['bot'], 'n', 10);
    const calls = () => emulator.emulator.calls.get('UpdateRow') ?? 0;
    const before = calls();
    const values = await Promise.all([...Array.from({ length: 20 }, () => db.increment('faqCounter', ['bot'], 'n')), db.increment('faqCounter', ['bot'], 'other', 3)]);
    expect(values.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => 11 + i));
    expect(values[20]).toBe(3);
    // One request for n and one for other.
    expect(calls() - before).toBe(2);
    expect((await db.get('faqCounter', ['bot']))?.value).toEqual({ n: 30, other: 3 });
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

describe('tablestore driver with expiring role credentials', () => {
  it('signs every request with the credentials the provider gives now, so renewed keys are used without a new store', async () => {
    // The emulator reads its expected keys on every request: changing them is the service letting
    // the old STS triple expire and accepting only the renewed one.
    const accepted = { accessKeyId: 'STS.first', accessKeySecret: 'first-secret', securityToken: 'token-1' };
    const rotating = await startRotatingTablestoreEmulator('kefu-sts', () => accepted);
    try {
      let current = { ...accepted };
      const options = { instance: 'kefu-sts', endpoint: rotating.url, table: 'sts_rows', accessKeyId: 'STS.first', accessKeySecret: 'first-secret', securityToken: 'token-1', retryBudgetMs: 300 };
      await initTablestoreTable(options);
      const store = createTablestoreStore({ ...options, credentials: () => current });
      const db = store.tenant('t1');
      await db.put('item', ['a'], { n: 1 });

      Object.assign(accepted, { accessKeyId: 'STS.second', accessKeySecret: 'second-secret', securityToken: 'token-2' });
      // Still signing with the first triple: refused, which shows the emulator really checks.
      expect(await db.get('item', ['a']).catch((e: unknown) => e)).toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining('OTSAuthFailed') as unknown });
      current = { ...accepted };
      expect((await db.get('item', ['a']))?.value).toEqual({ n: 1 });
      expect(await db.update('item', ['a'], { n: 2 })).toBe(2);
      // A store with only the fixed keys it was built with stays on them and is refused.
      const fixed = createTablestoreStore(options).tenant('t1');
      expect(await fixed.get('item', ['a']).catch((e: unknown) => e)).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    } finally {
      await rotating.close();
    }
  });
});
