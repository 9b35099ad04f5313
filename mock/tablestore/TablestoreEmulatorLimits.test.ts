import { randomBytes } from 'node:crypto';
import { startTablestoreEmulator, type TablestoreEmulator } from './TablestoreEmulator';
import { TableStore, connect, createOrders, failure, ignore, orderPk, type SdkClient, type SdkRow } from './sdkForTests';

/**
 * The emulator refuses what the service refuses, with the code the SDK then reports. Each limit is
 * checked just past it (and, where it matters, just within it). The documents each case follows are
 * named at the case.
 */

const keys = { instance: 'kefu-limits', accessKeyId: 'LTAI-limits', accessKeySecret: randomBytes(18).toString('base64') };
/** The emulator's clock runs `skew` ms ahead of real time, so a test can let a transaction age. */
let skew = 0;
let server: { emulator: TablestoreEmulator; url: string; close(): Promise<void> };
let client: SdkClient;

const MB = 1024 * 1024;
const big = (bytes: number) => 'x'.repeat(bytes);
const get = async (table: string, shop: string, id: number) => ((await client.getRow({ tableName: table, primaryKey: orderPk(shop, id) })) as { row: SdkRow }).row.attributes ?? [];
const columns = (n: number) => Array.from({ length: n }, (_, i) => ({ [`c${i}`]: TableStore.Long.fromNumber(i) }));

beforeAll(async () => {
  server = await startTablestoreEmulator({ ...keys, clock: () => Date.now() + skew, localTransactionsFor: ['orders', /^txn_/] });
  client = connect(server.url, keys);
  await createOrders(client, 'orders');
  await createOrders(client, 'plain');
  await createOrders(client, 'txn_more');
});
afterAll(() => server.close());
afterEach(() => {
  skew = 0;
});

describe('Tablestore emulator limits, as the service answers them', () => {
  // https://www.alibabacloud.com/help/doc-detail/91524.html (BatchWriteRow: at most 200 rows)
  // https://www.alibabacloud.com/help/en/tablestore/table-store-service/developer-reference/batch-write-row-in-nodejs
  it('BatchWriteRow: 200 rows pass, 201 are refused whole (OTSParameterInvalid)', async () => {
    const rows = (n: number, shop: string) => Array.from({ length: n }, (_, i) => ({ type: 'PUT', condition: ignore(), primaryKey: orderPk(shop, i), attributeColumns: [{ a: 'v' }] }));
    await expect(client.batchWriteRow({ tables: [{ tableName: 'orders', rows: rows(200, 'b200') }] })).resolves.toBeDefined();
    expect((await failure(client.batchWriteRow({ tables: [{ tableName: 'orders', rows: rows(201, 'b201') }] }))).code).toBe('OTSParameterInvalid');
    expect(await get('orders', 'b201', 0)).toEqual([]);
  });

  // https://www.alibabacloud.com/help/en/tablestore/table-store-service/developer-reference/batch-write-row-in-nodejs
  // ("the total data size of all rows cannot exceed 4 MB"; a parameter error runs none of the rows)
  it('BatchWriteRow: more than 4 MB of rows is refused whole, below the 5 MB body cap', async () => {
    const row = (id: number) => ({ type: 'PUT', condition: ignore(), primaryKey: orderPk('b4mb', id), attributeColumns: [{ a: big(1.5 * MB) }] });
    const answer = await failure(client.batchWriteRow({ tables: [{ tableName: 'orders', rows: [row(1), row(2), row(3)] }] }));
    expect(answer.code).toBe('OTSParameterInvalid');
    expect(await get('orders', 'b4mb', 1)).toEqual([]);
    await expect(client.batchWriteRow({ tables: [{ tableName: 'orders', rows: [row(1), row(2)] }] })).resolves.toBeDefined();
  });

  // https://www.alibabacloud.com/help/doc-detail/91524.html (4 MB of data a request; cells up to 2 MB each)
  it('PutRow and UpdateRow: more than 4 MB in one row write is refused', async () => {
    const cells = [{ a: big(1.5 * MB) }, { b: big(1.5 * MB) }, { c: big(1.5 * MB) }];
    expect((await failure(client.putRow({ tableName: 'orders', condition: ignore(), primaryKey: orderPk('p4mb', 1), attributeColumns: cells }))).code).toBe('OTSParameterInvalid');
    expect((await failure(client.updateRow({ tableName: 'orders', condition: ignore(), primaryKey: orderPk('p4mb', 1), updateOfAttributeColumns: [{ PUT: cells }] }))).code).toBe('OTSParameterInvalid');
    expect(await get('orders', 'p4mb', 1)).toEqual([]);
  });

  // https://help.aliyun.com/en/tablestore/developer-reference/error-codes (413 OTSRequestBodyTooLarge)
  it('keeps the 5 MB HTTP body cap apart from the 4 MB data limit', async () => {
    const cells = [{ a: big(1.9 * MB) }, { b: big(1.9 * MB) }, { c: big(1.9 * MB) }];
    expect(await failure(client.putRow({ tableName: 'orders', condition: ignore(), primaryKey: orderPk('body', 1), attributeColumns: cells }))).toMatchObject({ code: 'OTSRequestBodyTooLarge', status: 413 });
  });

  // https://alibabacloud.com/help/en/tablestore/support/what-do-i-do-if-the-count-of-attribute-columns-exceeded-the-maximum
  // ("you can write up to 1,024 columns to a row")
  it('1024 attribute columns a write pass, 1025 are refused (PutRow, UpdateRow, and a BatchWriteRow whole)', async () => {
    await client.putRow({ tableName: 'orders', condition: ignore(), primaryKey: orderPk('cols', 1), attributeColumns: columns(1024) });
    expect((await get('orders', 'cols', 1)).length).toBe(1024);
    const put = await failure(client.putRow({ tableName: 'orders', condition: ignore(), primaryKey: orderPk('cols', 2), attributeColumns: columns(1025) }));
    expect(put.code).toBe('OTSParameterInvalid');
    expect(put.message).toContain('1024');
    expect((await failure(client.updateRow({ tableName: 'orders', condition: ignore(), primaryKey: orderPk('cols', 3), updateOfAttributeColumns: [{ PUT: columns(1025) }] }))).code).toBe('OTSParameterInvalid');
    const batch = { type: 'PUT', condition: ignore(), primaryKey: orderPk('cols', 4), attributeColumns: [{ a: 'fine' }] };
    const wide = { type: 'PUT', condition: ignore(), primaryKey: orderPk('cols', 5), attributeColumns: columns(1025) };
    expect((await failure(client.batchWriteRow({ tables: [{ tableName: 'orders', rows: [batch, wide] }] }))).code).toBe('OTSParameterInvalid');
    expect(await get('orders', 'cols', 4)).toEqual([]);
  });

  // https://www.alibabacloud.com/help/doc-detail/91524.html (BatchGetRow: at most 100 rows)
  it('BatchGetRow: 100 rows pass, 101 are refused', async () => {
    const keysOf = (n: number) => Array.from({ length: n }, (_, i) => orderPk('bget', i));
    await expect(client.batchGetRow({ tables: [{ tableName: 'orders', primaryKey: keysOf(100) }] })).resolves.toBeDefined();
    expect((await failure(client.batchGetRow({ tables: [{ tableName: 'orders', primaryKey: keysOf(101) }] }))).code).toBe('OTSParameterInvalid');
  });

  // https://developer.aliyun.com/ask/534832 (OTSOutOfTransactionDataSizeLimit, "Limit:4194304", reported
  // per row of a BatchWriteRow: "batchWriteRow partially failed")
  it('a local transaction takes at most 4 MB of writes; the write past it fails, the rest commits', async () => {
    const { transactionId } = (await client.startLocalTransaction({ tableName: 'orders', primaryKey: [{ shop: 'tx4mb' }] })) as { transactionId: string };
    const put = (id: number) => client.putRow({ tableName: 'orders', condition: ignore(), primaryKey: orderPk('tx4mb', id), attributeColumns: [{ a: big(1.5 * MB) }], transactionId });
    await put(1);
    await put(2);
    expect((await failure(put(3))).code).toBe('OTSOutOfTransactionDataSizeLimit');
    const batch = (await client.batchWriteRow({ tables: [{ tableName: 'orders', rows: [{ type: 'PUT', condition: ignore(), primaryKey: orderPk('tx4mb', 4), attributeColumns: [{ a: big(1.5 * MB) }] }] }], transactionId })) as { tables: { isOk: boolean; errorCode: string | null }[] };
    expect(batch.tables.map((r) => [r.isOk, r.errorCode])).toEqual([[false, 'OTSOutOfTransactionDataSizeLimit']]);
    await client.commitTransaction({ transactionId });
    expect((await get('orders', 'tx4mb', 2)).length).toBe(1);
    expect(await get('orders', 'tx4mb', 3)).toEqual([]);
  });

  // https://www.alibabacloud.com/help/doc-detail/172551.htm and
  // https://help.aliyun.com/en/tablestore/table-store-service/developer-reference/committransaction
  // ("valid up to 60 seconds"; then the server aborts it)
  it('a local transaction lives 60 s: after that its id is refused, its writes are gone and the partition is free', async () => {
    const { transactionId } = (await client.startLocalTransaction({ tableName: 'orders', primaryKey: [{ shop: 'ttl' }] })) as { transactionId: string };
    await client.putRow({ tableName: 'orders', condition: ignore(), primaryKey: orderPk('ttl', 1), attributeColumns: [{ a: 'in-txn' }], transactionId });
    skew = 59_000;
    await client.putRow({ tableName: 'orders', condition: ignore(), primaryKey: orderPk('ttl', 2), attributeColumns: [{ a: 'in-txn' }], transactionId });
    skew = 61_000;
    expect((await failure(client.putRow({ tableName: 'orders', condition: ignore(), primaryKey: orderPk('ttl', 3), attributeColumns: [{ a: 'late' }], transactionId }))).code).toBe('OTSParameterInvalid');
    expect((await failure(client.commitTransaction({ transactionId }))).code).toBe('OTSParameterInvalid');
    expect(await get('orders', 'ttl', 1)).toEqual([]);
    await expect(client.putRow({ tableName: 'orders', condition: ignore(), primaryKey: orderPk('ttl', 4), attributeColumns: [{ a: 'outside' }] })).resolves.toBeDefined();
  });

  // https://help.aliyun.com/en/tablestore/table-store-service/developer-reference/startlocaltransaction
  // ("You must enable local transactions when you create a data table": console, Java SDK 5.11+, Go SDK)
  it('a table created through the Node SDK has no local transactions; one created with the switch (localTransactionsFor) has', async () => {
    const off = await failure(client.startLocalTransaction({ tableName: 'plain', primaryKey: [{ shop: 's' }] }));
    expect(off.code).toBe('OTSParameterInvalid');
    expect(off.message).toMatch(/not enabled/);
    const on = (await client.startLocalTransaction({ tableName: 'txn_more', primaryKey: [{ shop: 's' }] })) as { transactionId: unknown };
    expect(typeof on.transactionId).toBe('string');
  });

  it('latencyMs delays each answer (benchmarks)', async () => {
    const slow = await startTablestoreEmulator({ ...keys, latencyMs: 120 });
    try {
      const slowClient = connect(slow.url, keys);
      const started = Date.now();
      await createOrders(slowClient, 'orders');
      await slowClient.getRow({ tableName: 'orders', primaryKey: orderPk('s', 1) });
      expect(Date.now() - started).toBeGreaterThanOrEqual(230);
    } finally {
      await slow.close();
    }
  });
});
