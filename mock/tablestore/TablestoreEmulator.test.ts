import { randomBytes } from 'node:crypto';
import { otsErrorCode } from '../../shared/store/drivers';
import { startTablestoreEmulator, type TablestoreEmulator } from './TablestoreEmulator';

/** The SDK as these tests drive it: plain JavaScript, so only the shapes used here are typed. */
interface Int64 {
  toNumber(): number;
}
type Pk = Record<string, unknown>[];
interface Row {
  primaryKey?: { name: string; value: unknown }[];
  attributes?: { columnName: string; columnValue: unknown }[];
}
type Call = (params: object) => Promise<unknown>;
interface Client {
  createTable: Call;
  listTable: Call;
  putRow: Call;
  getRow: Call;
  updateRow: Call;
  deleteRow: Call;
  getRange: Call;
  batchGetRow: Call;
  batchWriteRow: Call;
  startLocalTransaction: Call;
  commitTransaction: Call;
  abortTransaction: Call;
}
interface Sdk {
  Client: new (config: object) => Client;
  Condition: new (existence: number, columnCondition: unknown) => unknown;
  SingleColumnCondition: new (name: string, value: unknown, comparator: number, passIfMissing: boolean, latestVersionOnly: boolean) => unknown;
  RowExistenceExpectation: { IGNORE: number; EXPECT_EXIST: number; EXPECT_NOT_EXIST: number };
  ComparatorType: { EQUAL: number; GREATER_THAN: number };
  ReturnType: { Primarykey: number; AfterModify: number };
  Long: { fromNumber(n: number): Int64 };
  INF_MIN: object;
  INF_MAX: object;
  PK_AUTO_INCR: object;
  DefaultRetryPolicy: { maxRetryTimes: number };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const TableStore = require('tablestore') as Sdk;
TableStore.DefaultRetryPolicy.maxRetryTimes = 0;

const keys = { instance: 'kefu-emu', accessKeyId: 'LTAI-emu', accessKeySecret: randomBytes(18).toString('base64') };
let server: { emulator: TablestoreEmulator; url: string; close(): Promise<void> };
let client: Client;

const connect = (overrides: object = {}) => new TableStore.Client({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.accessKeySecret, endpoint: server.url, instancename: keys.instance, maxRetries: 0, ...overrides });
const ignore = () => new TableStore.Condition(TableStore.RowExistenceExpectation.IGNORE, null);
const attrs = (row: Row | undefined) => Object.fromEntries((row?.attributes ?? []).map((a) => [a.columnName, typeof (a.columnValue as Int64)?.toNumber === 'function' ? (a.columnValue as Int64).toNumber() : a.columnValue]));

async function failure(p: Promise<unknown>): Promise<{ code: string; status: unknown }> {
  try {
    await p;
  } catch (err) {
    return { code: otsErrorCode(err), status: (err as { code?: unknown }).code };
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  server = await startTablestoreEmulator({ ...keys, localTransactionsFor: ['orders'] });
  client = connect();
  await client.createTable({
    tableMeta: { tableName: 'orders', primaryKey: [{ name: 'shop', type: 'STRING' }, { name: 'id', type: 'INTEGER' }] },
    reservedThroughput: { capacityUnit: { read: 0, write: 0 } },
    tableOptions: { timeToLive: -1, maxVersions: 1 },
  });
  await client.createTable({
    tableMeta: { tableName: 'tickets', primaryKey: [{ name: 'shop', type: 'STRING' }, { name: 'seq', type: 'INTEGER', option: 'AUTO_INCREMENT' }] },
    reservedThroughput: { capacityUnit: { read: 0, write: 0 } },
    tableOptions: { timeToLive: -1, maxVersions: 1 },
  });
});
afterAll(() => server.close());
afterEach(() => server.emulator.clearFaults());

describe('Tablestore emulator, through the tablestore SDK', () => {
  it('checks the request signature, key, instance and date like the service', async () => {
    expect(await failure(connect({ secretAccessKey: 'wrong' }).listTable({}))).toEqual({ code: 'OTSAuthFailed', status: 403 });
    expect((await failure(connect({ accessKeyId: 'LTAI-other' }).listTable({}))).code).toBe('OTSAuthFailed');
    expect((await failure(connect({ instancename: 'someone-else' }).listTable({}))).code).toBe('OTSAuthFailed');
    const skewed = await startTablestoreEmulator({ ...keys, clock: () => Date.now() + 20 * 60_000 });
    try {
      const err = await failure(new TableStore.Client({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.accessKeySecret, endpoint: skewed.url, instancename: keys.instance, maxRetries: 0 }).listTable({}));
      expect(err.code).toBe('OTSAuthFailed');
    } finally {
      await skewed.close();
    }
    expect(((await client.listTable({})) as { tableNames: string[] }).tableNames).toEqual(['orders', 'tickets']);
  });

  it('puts, gets, updates (put, delete, increment) and deletes rows', async () => {
    const pk: Pk = [{ shop: 's1' }, { id: TableStore.Long.fromNumber(1) }];
    await client.putRow({ tableName: 'orders', condition: ignore(), primaryKey: pk, attributeColumns: [{ amount: TableStore.Long.fromNumber(350) }, { note: '没收到' }, { paid: true }, { rate: 0.5 }] });
    const got = (await client.getRow({ tableName: 'orders', primaryKey: pk })) as { row: Row };
    expect(attrs(got.row)).toEqual({ amount: 350, note: '没收到', paid: true, rate: 0.5 });
    const updated = (await client.updateRow({
      tableName: 'orders',
      condition: ignore(),
      primaryKey: pk,
      updateOfAttributeColumns: [{ PUT: [{ note: '已退款' }] }, { DELETE_ALL: ['rate'] }, { INCREMENT: [{ amount: TableStore.Long.fromNumber(-50) }] }],
      returnContent: { returnType: TableStore.ReturnType.AfterModify, returnColumns: ['amount'] },
    })) as { row: Row };
    expect(attrs(updated.row)).toEqual({ amount: 300 });
    expect(attrs(((await client.getRow({ tableName: 'orders', primaryKey: pk, columnsToGet: ['note', 'rate'] })) as { row: Row }).row)).toEqual({ note: '已退款' });
    await client.deleteRow({ tableName: 'orders', condition: ignore(), primaryKey: pk });
    expect(((await client.getRow({ tableName: 'orders', primaryKey: pk })) as { row: Row }).row.primaryKey).toBeUndefined();
  });

  it('answers OTSConditionCheckFail for failed row and column conditions', async () => {
    const pk: Pk = [{ shop: 's2' }, { id: TableStore.Long.fromNumber(1) }];
    const put = (condition: unknown) => client.putRow({ tableName: 'orders', condition, primaryKey: pk, attributeColumns: [{ v: TableStore.Long.fromNumber(1) }] });
    await put(new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_NOT_EXIST, null));
    expect(await failure(put(new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_NOT_EXIST, null)))).toEqual({ code: 'OTSConditionCheckFail', status: 403 });
    const vIs = (n: number) => new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_EXIST, new TableStore.SingleColumnCondition('v', TableStore.Long.fromNumber(n), TableStore.ComparatorType.EQUAL, false, true));
    expect((await failure(put(vIs(2)))).code).toBe('OTSConditionCheckFail');
    await put(vIs(1));
    expect((await failure(client.deleteRow({ tableName: 'orders', primaryKey: [{ shop: 's2' }, { id: TableStore.Long.fromNumber(9) }], condition: new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_EXIST, null) }))).code).toBe('OTSConditionCheckFail');
  });

  it('refuses bad keys, unknown tables and duplicate tables with the service codes', async () => {
    expect(await failure(client.getRow({ tableName: 'nope', primaryKey: [{ shop: 's' }, { id: TableStore.Long.fromNumber(1) }] }))).toEqual({ code: 'OTSObjectNotExist', status: 404 });
    expect(await failure(client.getRow({ tableName: 'orders', primaryKey: [{ shop: 's' }] }))).toEqual({ code: 'OTSParameterInvalid', status: 400 });
    expect((await failure(client.getRow({ tableName: 'orders', primaryKey: [{ shop: 's' }, { id: 'not-a-number' }] }))).code).toBe('OTSParameterInvalid');
    const again = client.createTable({ tableMeta: { tableName: 'orders', primaryKey: [{ name: 'shop', type: 'STRING' }] }, reservedThroughput: { capacityUnit: { read: 0, write: 0 } }, tableOptions: { timeToLive: -1, maxVersions: 1 } });
    expect(await failure(again)).toEqual({ code: 'OTSObjectAlreadyExist', status: 409 });
  });

  it('reads ranges forward and backward, with INF_MIN/INF_MAX, limits and next start keys', async () => {
    for (let id = 1; id <= 7; id++) await client.putRow({ tableName: 'orders', condition: ignore(), primaryKey: [{ shop: 's3' }, { id: TableStore.Long.fromNumber(id) }], attributeColumns: [{ n: TableStore.Long.fromNumber(id) }] });
    const ids: number[] = [];
    let start: Pk | null = [{ shop: 's3' }, { id: TableStore.INF_MIN }];
    let pages = 0;
    while (start) {
      const page = (await client.getRange({ tableName: 'orders', direction: 'FORWARD', inclusiveStartPrimaryKey: start, exclusiveEndPrimaryKey: [{ shop: 's3' }, { id: TableStore.INF_MAX }], limit: 3 })) as { rows: Row[]; nextStartPrimaryKey: { name: string; value: unknown }[] | null };
      ids.push(...page.rows.map((r) => attrs(r)['n'] as number));
      start = page.nextStartPrimaryKey?.map((c) => ({ [c.name]: c.value })) ?? null;
      pages++;
    }
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pages).toBe(3);
    const back = (await client.getRange({ tableName: 'orders', direction: 'BACKWARD', inclusiveStartPrimaryKey: [{ shop: 's3' }, { id: TableStore.Long.fromNumber(5) }], exclusiveEndPrimaryKey: [{ shop: 's3' }, { id: TableStore.Long.fromNumber(2) }] })) as { rows: Row[] };
    expect(back.rows.map((r) => attrs(r)['n'])).toEqual([5, 4, 3]);
  });

  it('gives auto-increment keys that grow, and returns them with RT_PK', async () => {
    const seqs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = (await client.putRow({ tableName: 'tickets', condition: ignore(), primaryKey: [{ shop: 's1' }, { seq: TableStore.PK_AUTO_INCR }], attributeColumns: [{ i: TableStore.Long.fromNumber(i) }], returnContent: { returnType: TableStore.ReturnType.Primarykey } })) as { row: Row };
      seqs.push((answer.row.primaryKey![1]!.value as Int64).toNumber());
    }
    expect(seqs[1]!).toBeGreaterThan(seqs[0]!);
    expect(seqs[2]!).toBeGreaterThan(seqs[1]!);
  });

  it('batch-writes with per-row results and batch-reads rows', async () => {
    const pk = (id: number): Pk => [{ shop: 's4' }, { id: TableStore.Long.fromNumber(id) }];
    await client.putRow({ tableName: 'orders', condition: ignore(), primaryKey: pk(1), attributeColumns: [{ a: 'old' }] });
    const written = (await client.batchWriteRow({
      tables: [
        {
          tableName: 'orders',
          rows: [
            { type: 'PUT', condition: ignore(), primaryKey: pk(2), attributeColumns: [{ a: 'new' }] },
            { type: 'PUT', condition: new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_NOT_EXIST, null), primaryKey: pk(1), attributeColumns: [{ a: 'clobber' }] },
            { type: 'UPDATE', condition: ignore(), primaryKey: pk(3), attributeColumns: [{ PUT: [{ a: 'upd' }] }] },
          ],
        },
      ],
    })) as { tables: { isOk: boolean; errorCode: string | null }[] };
    expect(written.tables.map((r) => [r.isOk, r.errorCode])).toEqual([[true, null], [false, 'OTSConditionCheckFail'], [true, null]]);
    const read = (await client.batchGetRow({ tables: [{ tableName: 'orders', primaryKey: [pk(1), pk(2), pk(3), pk(4)] }] })) as { tables: { isOk: boolean; attributes: Row['attributes'] | null }[][] };
    expect(read.tables[0]!.map((r) => (r.attributes ? attrs({ attributes: r.attributes })['a'] : null))).toEqual(['old', 'new', 'upd', null]);
  });

  it('local transactions: private until commit, nothing after abort, other writers refused meanwhile', async () => {
    const pk = (id: number): Pk => [{ shop: 's5' }, { id: TableStore.Long.fromNumber(id) }];
    const get = async (id: number) => attrs(((await client.getRow({ tableName: 'orders', primaryKey: pk(id) })) as { row: Row }).row)['a'];
    const { transactionId } = (await client.startLocalTransaction({ tableName: 'orders', primaryKey: [{ shop: 's5' }] })) as { transactionId: string };
    await client.putRow({ tableName: 'orders', condition: ignore(), primaryKey: pk(1), attributeColumns: [{ a: 'in-txn' }], transactionId });
    expect(await get(1)).toBeUndefined();
    expect(attrs(((await client.getRow({ tableName: 'orders', primaryKey: pk(1), transactionId })) as { row: Row }).row)['a']).toBe('in-txn');
    expect(await failure(client.putRow({ tableName: 'orders', condition: ignore(), primaryKey: pk(2), attributeColumns: [{ a: 'outside' }] }))).toEqual({ code: 'OTSRowOperationConflict', status: 409 });
    expect((await failure(client.startLocalTransaction({ tableName: 'orders', primaryKey: [{ shop: 's5' }] }))).code).toBe('OTSRowOperationConflict');
    await client.commitTransaction({ transactionId });
    expect(await get(1)).toBe('in-txn');

    const second = (await client.startLocalTransaction({ tableName: 'orders', primaryKey: [{ shop: 's5' }] })) as { transactionId: string };
    await client.deleteRow({ tableName: 'orders', condition: ignore(), primaryKey: pk(1), transactionId: second.transactionId });
    // The SDK decodes AbortTransaction's (empty) answer as the request message and reports a
    // ProtocolError even though the service aborted; what counts is that the row is back.
    await client.abortTransaction({ transactionId: second.transactionId }).catch((err: Error) => expect(err.message).toMatch(/transactionId/));
    expect(await get(1)).toBe('in-txn');
    expect((await failure(client.commitTransaction({ transactionId: second.transactionId }))).code).toBe('OTSParameterInvalid');
  });

  it('plays scripted throttling with the status and code of the service', async () => {
    server.emulator.injectFault({ code: 'OTSServerBusy', times: 1, actions: ['GetRow'] });
    expect(await failure(client.getRow({ tableName: 'orders', primaryKey: [{ shop: 's' }, { id: TableStore.Long.fromNumber(1) }] }))).toEqual({ code: 'OTSServerBusy', status: 503 });
    await expect(client.getRow({ tableName: 'orders', primaryKey: [{ shop: 's' }, { id: TableStore.Long.fromNumber(1) }] })).resolves.toBeDefined();
  });
});
