import http, { type Agent as HttpAgent } from 'node:http';
import https from 'node:https';
import { KefuError } from '../errors';
import type { Columns } from './Store';

/*
 * The Tablestore SDK as the driver uses it: options and credentials, the physical layout, the
 * client (which never retries by itself), how service errors are classified, how logical columns
 * map to attribute columns, and the table's creation.
 */

export interface TablestoreStoreOptions {
  /** `https://<instance>.<region>.ots.aliyuncs.com` (or `.vpc.` inside Alibaba Cloud). */
  readonly endpoint: string;
  readonly instance: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** Temporary (STS) credentials, as Function Compute gives a function with a role. */
  readonly securityToken?: string;
  /**
   * The current credentials, asked before every request; when it answers, its keys replace the
   * fixed ones above. Temporary role credentials expire, so a long-lived instance must take the
   * fresh ones each invocation brings rather than keep the ones it started with.
   */
  readonly credentials?: () => TablestoreCredentials | undefined;
  /** The one physical table holding every logical table; `store init` creates it. */
  readonly table?: string;
  /**
   * How long one store call may keep retrying throttled requests before it gives up with
   * STORE_BUSY (ms). Keep it well under the function timeout.
   */
  readonly retryBudgetMs?: number;
  /** One HTTP request's timeout (ms). */
  readonly requestTimeoutMs?: number;
}

/** An AccessKey pair, with the STS token when it is temporary. */
export interface TablestoreCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

export const DEFAULT_TABLESTORE_TABLE = 'kefu_rows';

/**
 * The physical layout: one wide table keyed (p, tbl, k). `p` is the partition key (partitions.ts):
 * one conversation's rows, one user's list, or one merchant's table; a local transaction covers
 * one such value. k is the same order-preserving key encoding the SQLite driver uses.
 */
export const TABLESTORE_PRIMARY_KEY = [
  { name: 'p', type: 'STRING' },
  { name: 'tbl', type: 'STRING' },
  { name: 'k', type: 'STRING' },
] as const;

/** The version column; logical columns are prefixed so they never collide with it. */
export const VERSION = '_v';

// The SDK is plain JavaScript; these are the parts of it this driver touches.
export interface Int64 {
  toNumber(): number;
}
export type PkColumn = Record<string, unknown>;
export interface SdkRow {
  primaryKey?: { name: string; value: unknown }[];
  attributes?: { columnName: string; columnValue: unknown }[];
}
export interface SdkClient {
  getRow(p: object): Promise<{ row: SdkRow }>;
  putRow(p: object): Promise<unknown>;
  updateRow(p: object): Promise<{ row: SdkRow }>;
  deleteRow(p: object): Promise<unknown>;
  getRange(p: object): Promise<{ rows: SdkRow[]; nextStartPrimaryKey: { name: string; value: unknown }[] | null }>;
  batchWriteRow(p: object): Promise<{ tables: { isOk: boolean; errorCode: string | null; errorMessage: string | null }[] }>;
  batchGetRow(p: object): Promise<{ tables: { isOk: boolean; errorCode: string | null; primaryKey: SdkRow['primaryKey'] | null; attributes: SdkRow['attributes'] | null }[][] }>;
  startLocalTransaction(p: object): Promise<{ transactionId: string }>;
  commitTransaction(p: object): Promise<unknown>;
  abortTransaction(p: object): Promise<unknown>;
  createTable(p: object): Promise<unknown>;
  describeTable(p: object): Promise<{ tableMeta: { primaryKey: { name: string; type: number }[] } }>;
}
export interface Sdk {
  Client: new (config: object) => SdkClient;
  Condition: new (existence: number, columnCondition: unknown) => unknown;
  SingleColumnCondition: new (name: string, value: unknown, comparator: number, passIfMissing: boolean, latestVersionOnly: boolean) => unknown;
  RowExistenceExpectation: { IGNORE: number; EXPECT_EXIST: number; EXPECT_NOT_EXIST: number };
  ComparatorType: { EQUAL: number };
  ReturnType: { AfterModify: number };
  Long: { fromNumber(n: number): Int64 };
  INF_MIN: object;
  INF_MAX: object;
  DefaultRetryPolicy: { maxRetryTimes: number };
}

/** Loaded on first use: the SDK (and protobufjs) costs a cold start nothing unless Tablestore is configured. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const sdk = (): Sdk => require('tablestore') as Sdk;

/**
 * Tablestore's limit on a string primary-key column (bytes). A key beyond it names no row that can
 * exist: reads find nothing and writes are ID_TOO_LONG, decided here rather than by a round trip
 * that comes back as OTSParameterInvalid.
 */
export const MAX_PK_BYTES = 1024;
export const fits = (encoded: string) => Buffer.byteLength(encoded, 'utf8') <= MAX_PK_BYTES;

/** The store's own words stay in the error (for the log); the client gets the catalogue's. */
export function rejected(what: string, code: string, err?: unknown): KefuError {
  const raw = err instanceof Error ? ` ${err.message.replace(/[^\x20-\x7e\u4e00-\u9fff]/g, ' ').trim()}` : '';
  return new KefuError('STORE_REJECTED', `Tablestore ${what} 拒绝了请求: ${code}${raw}`, { code });
}

/** Errors the service raises before touching data: safe to retry, for writes too. */
export const THROTTLED = new Set(['OTSServerBusy', 'OTSNotEnoughCapacityUnit', 'OTSQuotaExhausted', 'OTSRowOperationConflict', 'OTSPartitionUnavailable', 'OTSTableNotReady']);
/** Errors after which a read may be repeated, but a write might already have happened. */
export const TRANSIENT = new Set(['OTSInternalServerError', 'OTSTimeout', 'OTSServerUnavailable', 'NetworkingError', 'TimeoutError']);

/**
 * The SDK reports a service error with the HTTP status as `code` and the raw protobuf `Error` body
 * in `message` (it tries to parse it as XML and falls back). The OTS code is the first
 * `OTS...` word in that body.
 */
export function otsErrorCode(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  if (typeof e?.code === 'string' && e.code !== 'UnknownError') return e.code;
  const found = /OTS[A-Za-z]+/.exec(typeof e?.message === 'string' ? e.message : '');
  return found ? found[0] : typeof e?.code === 'number' ? `HTTP${e.code}` : 'Unknown';
}

export function columnName(name: string): string {
  if (/^[A-Za-z][A-Za-z0-9_]{0,200}$/.test(name)) return `c_${name}`;
  const hex = Buffer.from(name, 'utf8').toString('hex');
  if (hex.length > 250) throw new KefuError('VALIDATION_FAILED', `column name too long: ${name.slice(0, 20)}…`, { reason: 'column' });
  return `x_${hex}`;
}

export function logicalName(physical: string): string | undefined {
  if (physical.startsWith('c_')) return physical.slice(2);
  if (physical.startsWith('x_')) return Buffer.from(physical.slice(2), 'hex').toString('utf8');
  return undefined;
}

/** Safe integers are Tablestore integers (so counters can be incremented in place); the rest is JSON text. */
export function encodeValue(value: unknown): unknown {
  return typeof value === 'number' && Number.isSafeInteger(value) ? sdk().Long.fromNumber(value) : JSON.stringify(value);
}

export function decodeValue(value: unknown): unknown {
  if (typeof value === 'string') return JSON.parse(value);
  if (value && typeof (value as Int64).toNumber === 'function') return (value as Int64).toNumber();
  return value;
}

export function decodeRow(row: SdkRow | undefined): { value: Columns; version: number } | undefined {
  if (!row?.primaryKey?.length) return undefined;
  const value: Columns = {};
  let version = 0;
  for (const a of row.attributes ?? []) {
    if (a.columnName === VERSION) version = decodeValue(a.columnValue) as number;
    else {
      const name = logicalName(a.columnName);
      if (name !== undefined) value[name] = decodeValue(a.columnValue);
    }
  }
  return { value, version };
}

/** The credentials to sign with now: the provider's when it has some, else the fixed ones. */
export function currentCredentials(options: TablestoreStoreOptions): TablestoreCredentials {
  return options.credentials?.() ?? options;
}

/**
 * Connections kept open between calls. The SDK sends HTTPS through an agent of its own without
 * keep-alive, so every call to the service would pay a new TCP and TLS handshake; the driver gives
 * it this one (sockets idle for 30 s are closed, well before a load balancer drops them).
 */
export function keepAliveAgent(endpoint: string, maxSockets: number): HttpAgent {
  const options = { keepAlive: true, maxSockets, timeout: 30_000 };
  return endpoint.startsWith('https:') ? new https.Agent(options) : new http.Agent(options);
}

/** A client that never retries by itself (see `call`). */
export function sdkClient(options: TablestoreStoreOptions, credentials: TablestoreCredentials, httpOptions?: { timeout: number; maxSockets: number; agent?: HttpAgent }): SdkClient {
  const TableStore = sdk();
  // The SDK's retry policy is process-wide and keyed on codes its own error parsing never yields;
  // this driver retries by itself, within a budget.
  TableStore.DefaultRetryPolicy.maxRetryTimes = 0;
  return new TableStore.Client({
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.accessKeySecret,
    ...(credentials.securityToken ? { stsToken: credentials.securityToken } : {}),
    endpoint: options.endpoint,
    instancename: options.instance,
    maxRetries: 0,
    ...(httpOptions ? { httpOptions } : {}),
  });
}

/**
 * Creates the physical table when it is missing (`npm run kefu -- store init`); an existing table
 * with the right key is left alone. Then checks that the table can run local transactions, which
 * every multi-row write of the driver uses: Tablestore turns them on only when a table is created
 * in the console (or by the Java/Go SDKs), never later but by a ticket, and the Node SDK cannot ask
 * for them (https://help.aliyun.com/en/tablestore/table-store-service/developer-reference/startlocaltransaction).
 * A table without them is refused here with what to do, not at the first user's message.
 */
export async function initTablestoreTable(options: TablestoreStoreOptions): Promise<'created' | 'exists'> {
  const client = sdkClient(options, currentCredentials(options));
  const tableName = options.table ?? DEFAULT_TABLESTORE_TABLE;
  const done = await describeOrCreate(client, tableName);
  await checkLocalTransactions(client, tableName, done);
  return done;
}

async function describeOrCreate(client: SdkClient, tableName: string): Promise<'created' | 'exists'> {
  try {
    const described = await client.describeTable({ tableName });
    const names = described.tableMeta.primaryKey.map((c) => c.name).join(',');
    const expected = TABLESTORE_PRIMARY_KEY.map((c) => c.name).join(',');
    if (names !== expected) {
      throw new KefuError('CONFIG_INVALID', `Tablestore 表 ${tableName} 已存在,但主键是 (${names}),需要 (${expected})`, { key: 'KEFU_TABLESTORE_TABLE' });
    }
    return 'exists';
  } catch (err) {
    if (otsErrorCode(err) !== 'OTSObjectNotExist') {
      if (err instanceof KefuError) throw err;
      throw new KefuError('STORE_UNAVAILABLE', `Tablestore DescribeTable 失败: ${otsErrorCode(err)}`, { code: otsErrorCode(err) });
    }
  }
  await client.createTable({
    tableMeta: { tableName, primaryKey: TABLESTORE_PRIMARY_KEY.map((c) => ({ name: c.name, type: c.type })) },
    reservedThroughput: { capacityUnit: { read: 0, write: 0 } },
    // One version per cell, kept forever: the store is the system of record.
    tableOptions: { timeToLive: -1, maxVersions: 1 },
  });
  return 'created';
}

/** Opens and aborts a local transaction on a partition no tenant uses; refuses the table when it cannot. */
async function checkLocalTransactions(client: SdkClient, tableName: string, done: 'created' | 'exists'): Promise<void> {
  let transactionId: string;
  try {
    ({ transactionId } = await client.startLocalTransaction({ tableName, primaryKey: [{ p: '__kefu_init_probe' }] }));
  } catch (err) {
    const code = otsErrorCode(err);
    if (THROTTLED.has(code) || TRANSIENT.has(code)) throw new KefuError('STORE_UNAVAILABLE', `Tablestore StartLocalTransaction 失败: ${code},请稍后重试`, { code });
    const key = TABLESTORE_PRIMARY_KEY.map((c) => c.name).join(', ');
    const fix =
      done === 'created'
        ? `表 ${tableName} 已创建,但没有开启局部事务(Node SDK 建表时无法开启)。请在表格存储控制台删除此表,再以同名重新创建(主键 ${key},均为 STRING),创建时开启「局部事务」,然后再次运行 kefu store init`
        : `表 ${tableName} 没有开启局部事务。局部事务只能在建表时开启:请在表格存储控制台新建一张开启「局部事务」的表(主键 ${key},均为 STRING)并把 KEFU_TABLESTORE_TABLE 设为它,或提交工单为此表开启`;
    throw new KefuError('CONFIG_INVALID', `${fix} (${code})`, { key: 'KEFU_TABLESTORE_TABLE', reason: 'localTransactions', code });
  }
  await client.abortTransaction({ transactionId }).catch(() => undefined);
}
