/**
 * The `tablestore` SDK as the emulator's tests drive it: plain JavaScript, so only the shapes used
 * here are typed; retries off, so each call is one request and its error is the emulator's answer.
 */

export interface Int64 {
  toNumber(): number;
}
export type Pk = Record<string, unknown>[];
export interface SdkRow {
  primaryKey?: { name: string; value: unknown }[];
  attributes?: { columnName: string; columnValue: unknown }[];
}
type Call = (params: object) => Promise<unknown>;
export interface SdkClient {
  createTable: Call;
  putRow: Call;
  getRow: Call;
  updateRow: Call;
  getRange: Call;
  batchGetRow: Call;
  batchWriteRow: Call;
  startLocalTransaction: Call;
  commitTransaction: Call;
}
interface Sdk {
  Client: new (config: object) => SdkClient;
  Condition: new (existence: number, columnCondition: unknown) => unknown;
  RowExistenceExpectation: { IGNORE: number };
  Long: { fromNumber(n: number): Int64 };
  INF_MIN: object;
  INF_MAX: object;
  DefaultRetryPolicy: { maxRetryTimes: number };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const TableStore = require('tablestore') as Sdk;
TableStore.DefaultRetryPolicy.maxRetryTimes = 0;

export interface EmulatorKeys {
  readonly instance: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

export const connect = (url: string, keys: EmulatorKeys) => new TableStore.Client({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.accessKeySecret, endpoint: url, instancename: keys.instance, maxRetries: 0 });
export const ignore = () => new TableStore.Condition(TableStore.RowExistenceExpectation.IGNORE, null);

/** A table keyed (shop, id), made through CreateTable as the Node SDK can: no local-transaction switch. */
export const createOrders = (client: SdkClient, tableName: string) =>
  client.createTable({
    tableMeta: { tableName, primaryKey: [{ name: 'shop', type: 'STRING' }, { name: 'id', type: 'INTEGER' }] },
    reservedThroughput: { capacityUnit: { read: 0, write: 0 } },
    tableOptions: { timeToLive: -1, maxVersions: 1 },
  });

export const orderPk = (shop: string, id: number): Pk => [{ shop }, { id: TableStore.Long.fromNumber(id) }];

/** The service's error code and HTTP status of a call that must fail (the SDK puts them on the error). */
export async function failure(p: Promise<unknown>): Promise<{ code: string; status: unknown; message: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown };
    const found = /OTS[A-Za-z]+/.exec(typeof e.message === 'string' ? e.message : '');
    return { code: found?.[0] ?? String(e.code), status: e.code, message: String(e.message) };
  }
  throw new Error('expected the call to fail');
}
