import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { DELETE_ALL_VERSION, DELETE_ONE_VERSION, INCREMENT, PlainBufferError, readRow, readVariant, writeRows, type Cell, type Row, type Value } from './plainBuffer';
import {
  Comparator,
  FilterType,
  LogicalOperator,
  OperationType,
  PrimaryKeyType,
  ReturnType,
  RowExistence,
  filterProto,
  message,
  type BatchGetRowRequestMsg,
  type BatchWriteRowRequestMsg,
  type ConditionMsg,
  type CreateTableRequestMsg,
  type FilterMsg,
  type GetRangeRequestMsg,
  type GetRowRequestMsg,
  type ReturnContentMsg,
  type RowWriteRequestMsg,
  type StartLocalTransactionRequestMsg,
  type TransactionRequestMsg,
} from './tablestoreProto';

export interface TablestoreEmulatorOptions {
  readonly instance: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** When set, requests must carry it as `x-ots-ststoken` (temporary credentials, as on FC). */
  readonly securityToken?: string;
  readonly clock?: () => number;
  /**
   * Keeps the tables in this JSON file (loaded at start, saved shortly after each change and on
   * close), so `npm run dev -- --store tablestore` keeps its data across restarts.
   */
  readonly file?: string;
}

/** An error answered the way Tablestore does: an HTTP status and a protobuf `Error {code, message}`. */
export class OtsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface StoredCell {
  value: Value;
  ts: number;
}
interface StoredRow {
  readonly pk: Value[];
  cols: Map<string, StoredCell>;
}
interface Table {
  readonly name: string;
  readonly pk: readonly { name: string; type: number; autoIncrement: boolean }[];
  readonly rows: StoredRow[];
  readonly createdAt: number;
}
interface Transaction {
  readonly id: string;
  readonly table: string;
  readonly partition: string;
  readonly expiresAt: number;
  /** Rows written inside the transaction, by key; null is a delete. Applied on commit. */
  readonly writes: Map<string, { readonly pk: Value[]; readonly row: StoredRow | null }>;
}
/** One scripted failure: the next `times` requests (of `actions`, when given) fail with `code`. */
export interface Fault {
  readonly code: 'OTSServerBusy' | 'OTSNotEnoughCapacityUnit' | 'OTSQuotaExhausted' | 'OTSRowOperationConflict' | 'OTSPartitionUnavailable' | 'OTSInternalServerError';
  times: number;
  readonly actions?: readonly string[];
}

const FAULT_STATUS: Record<Fault['code'], [number, string]> = {
  OTSServerBusy: [503, 'Service is busy.'],
  OTSNotEnoughCapacityUnit: [403, 'Remaining capacity unit is not enough.'],
  OTSQuotaExhausted: [403, 'Too frequent table operations.'],
  OTSRowOperationConflict: [409, 'Data is being modified by the other request.'],
  OTSPartitionUnavailable: [503, 'The partition is not available.'],
  OTSInternalServerError: [500, 'Internal server error.'],
};

const TRANSACTION_TTL_MS = 60_000;
const MAX_SKEW_MS = 15 * 60_000;
const MAX_BODY = 5 * 1024 * 1024;
const MAX_BATCH_WRITE = 200;
const MAX_BATCH_GET = 100;
const MAX_RANGE_ROWS = 5000;
const MAX_STRING_PK = 1024;
const MAX_CELL = 2 * 1024 * 1024;

const ACTIONS = [
  'CreateTable',
  'ListTable',
  'DescribeTable',
  'DeleteTable',
  'PutRow',
  'GetRow',
  'UpdateRow',
  'DeleteRow',
  'GetRange',
  'BatchGetRow',
  'BatchWriteRow',
  'StartLocalTransaction',
  'CommitTransaction',
  'AbortTransaction',
] as const;
type Action = (typeof ACTIONS)[number];

const invalid = (text: string) => new OtsError(400, 'OTSParameterInvalid', text);
const conditionFailed = () => new OtsError(403, 'OTSConditionCheckFail', 'Condition check failed.');
const consumed = (read: number, write: number) => ({ capacityUnit: { read, write } });

function compareValues(a: Value, b: Value): number {
  if (a.t === 'infMin' || b.t === 'infMax') return a.t === b.t ? 0 : -1;
  if (a.t === 'infMax' || b.t === 'infMin') return a.t === b.t ? 0 : 1;
  if (a.t === 'int' && b.t === 'int') return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  if (a.t === 'str' && b.t === 'str') return Buffer.compare(Buffer.from(a.v, 'utf8'), Buffer.from(b.v, 'utf8'));
  if (a.t === 'bin' && b.t === 'bin') return Buffer.compare(a.v, b.v);
  if (a.t === 'double' && b.t === 'double') return a.v - b.v;
  if (a.t === 'bool' && b.t === 'bool') return Number(a.v) - Number(b.v);
  return Number.NaN;
}

function comparePk(a: readonly Value[], b: readonly Value[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

const pkId = (pk: readonly Value[]) => JSON.stringify(pk.map((v) => ('v' in v ? `${v.t}:${Buffer.isBuffer(v.v) ? v.v.toString('hex') : String(v.v)}` : v.t)));

const valueSize = (v: Value) => (v.t === 'str' ? Buffer.byteLength(v.v) : v.t === 'bin' ? v.v.length : 8);

/**
 * A local stand-in for Alibaba Cloud Tablestore (wide-column OTS), speaking its HTTP protocol: POST
 * `/<Action>` with protobuf bodies (the SDK's own definitions) and PlainBuffer rows, signed with
 * `x-ots-signature` (HMAC-SHA1 over path, method and the sorted `x-ots-*` headers) and checked like the
 * service checks them (AccessKey, instance, date skew, body MD5, STS token).
 *
 * It implements the table and row calls Kefu and its tests use: CreateTable, ListTable,
 * DescribeTable, DeleteTable, PutRow, GetRow, UpdateRow (put, delete, delete-all and increment
 * cells), DeleteRow, GetRange (both directions, INF_MIN/INF_MAX, limits and next start keys),
 * BatchGetRow, BatchWriteRow (per-row results), row-existence and column conditions, returned
 * content, auto-increment key columns, and local transactions on a partition key (pessimistic:
 * other writers to the partition get OTSRowOperationConflict until commit or abort, 60 s at most).
 * Errors carry Tablestore's status codes and error codes (OTSConditionCheckFail, OTSObjectNotExist,
 * OTSParameterInvalid, OTSAuthFailed, ...). `injectFault` scripts throttling and outages.
 *
 * It keeps one version per cell and no TTL; data lives in memory.
 */
export class TablestoreEmulator {
  readonly app = new Hono();
  private readonly tables = new Map<string, Table>();
  private readonly transactions = new Map<string, Transaction>();
  private readonly faults: Fault[] = [];
  private readonly clock: () => number;
  private autoIncrement = 0n;
  /** Requests answered, by action (tests read it to see what a driver sent). */
  readonly calls = new Map<string, number>();

  private saveTimer: NodeJS.Timeout | undefined;

  constructor(readonly options: TablestoreEmulatorOptions) {
    this.clock = options.clock ?? Date.now;
    this.app.all('*', (c) => this.handle(c));
    if (options.file && existsSync(options.file)) this.load(options.file);
  }

  /** Writes pending changes to `file` now (no-op without one). */
  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.options.file) return;
    const json = (v: Value) => (v.t === 'int' ? { t: v.t, v: v.v.toString() } : v.t === 'bin' ? { t: v.t, v: v.v.toString('base64') } : v);
    const tables = [...this.tables.values()].map((t) => ({ ...t, rows: t.rows.map((r) => ({ pk: r.pk.map(json), cols: [...r.cols].map(([name, c]) => [name, { value: json(c.value), ts: c.ts }]) })) }));
    mkdirSync(path.dirname(this.options.file), { recursive: true });
    writeFileSync(`${this.options.file}.tmp`, JSON.stringify({ autoIncrement: this.autoIncrement.toString(), tables }));
    renameSync(`${this.options.file}.tmp`, this.options.file);
  }

  private changed(): void {
    if (this.options.file && !this.saveTimer) this.saveTimer = setTimeout(() => this.flush(), 200);
  }

  private load(file: string): void {
    type Json = { t: string; v?: unknown };
    const value = (v: Json): Value => (v.t === 'int' ? { t: 'int', v: BigInt(v.v as string) } : v.t === 'bin' ? { t: 'bin', v: Buffer.from(v.v as string, 'base64') } : (v as Value));
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { autoIncrement: string; tables: (Omit<Table, 'rows'> & { rows: { pk: Json[]; cols: [string, { value: Json; ts: number }][] }[] })[] };
    this.autoIncrement = BigInt(saved.autoIncrement);
    for (const t of saved.tables) {
      this.tables.set(t.name, { ...t, rows: t.rows.map((r) => ({ pk: r.pk.map(value), cols: new Map(r.cols.map(([name, c]) => [name, { value: value(c.value), ts: c.ts }])) })) });
    }
  }

  injectFault(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  private async handle(c: Context): Promise<Response> {
    const requestId = randomBytes(16).toString('hex');
    try {
      if (c.req.method !== 'POST') throw new OtsError(405, 'OTSMethodNotAllowed', 'Only POST method for requests is supported.');
      const action = new URL(c.req.url).pathname.slice(1);
      const body = Buffer.from(await c.req.arrayBuffer());
      if (body.length > MAX_BODY) throw new OtsError(413, 'OTSRequestBodyTooLarge', 'The size of POST data is too large.');
      this.authenticate(c, action, body);
      if (!(ACTIONS as readonly string[]).includes(action)) throw invalid(`Unsupported operation: ${action}.`);
      const fault = this.faults.find((f) => f.times > 0 && (!f.actions || f.actions.includes(action)));
      if (fault) {
        fault.times--;
        const [status, text] = FAULT_STATUS[fault.code];
        throw new OtsError(status, fault.code, text);
      }
      this.calls.set(action, (this.calls.get(action) ?? 0) + 1);
      const answer = this.dispatch(action as Action, body);
      const bytes = Buffer.from(message(`${action}Response`).encode(answer).finish());
      return this.respond(200, bytes, requestId);
    } catch (err) {
      const e = err instanceof OtsError ? err : err instanceof PlainBufferError ? invalid(err.message) : invalid(err instanceof Error ? err.message : String(err));
      const bytes = Buffer.from(message('Error').encode({ code: e.code, message: e.message }).finish());
      return this.respond(e.status, bytes, requestId);
    }
  }

  private respond(status: number, body: Buffer, requestId: string): Response {
    return new Response(new Uint8Array(body), {
      status,
      headers: {
        'x-ots-requestid': requestId,
        'x-ots-contenttype': 'protocol buffer',
        'x-ots-contentmd5': createHash('md5').update(body).digest('base64'),
        'x-ots-date': new Date(this.clock()).toISOString(),
        'content-type': 'application/x-protobuf',
      },
    });
  }

  private authenticate(c: Context, action: string, body: Buffer): void {
    const header = (name: string) => c.req.header(name);
    for (const name of ['x-ots-date', 'x-ots-apiversion', 'x-ots-accesskeyid', 'x-ots-contentmd5', 'x-ots-signature', 'x-ots-instancename']) {
      if (!header(name)) throw invalid(`Missing header: ${name}.`);
    }
    if (header('x-ots-apiversion') !== '2015-12-31') throw invalid(`Unsupported API version: ${header('x-ots-apiversion')}.`);
    if (header('x-ots-accesskeyid') !== this.options.accessKeyId) throw new OtsError(403, 'OTSAuthFailed', 'The AccessKeyID does not exist.');
    if (header('x-ots-instancename') !== this.options.instance) throw new OtsError(403, 'OTSAuthFailed', 'The instance is not found.');
    if (this.options.securityToken !== undefined && header('x-ots-ststoken') !== this.options.securityToken) {
      throw new OtsError(403, 'OTSAuthFailed', 'The security token you provided is invalid.');
    }
    const date = Date.parse(header('x-ots-date')!);
    if (Number.isNaN(date)) throw invalid(`Invalid date format: ${header('x-ots-date')}.`);
    if (Math.abs(this.clock() - date) > MAX_SKEW_MS) throw new OtsError(403, 'OTSAuthFailed', `Mismatch between system time and x-ots-date: ${header('x-ots-date')}.`);
    if (createHash('md5').update(body).digest('base64') !== header('x-ots-contentmd5')) {
      throw new OtsError(403, 'OTSAuthFailed', 'Mismatch between MD5 value of request body and x-ots-contentmd5 in header.');
    }
    const canonical = [...c.req.raw.headers.entries()]
      .filter(([k]) => k.startsWith('x-ots-') && k !== 'x-ots-signature')
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}:${v.trim()}\n`)
      .join('');
    const expected = createHmac('sha1', this.options.accessKeySecret).update(`/${action}\nPOST\n\n${canonical}`).digest();
    const given = Buffer.from(header('x-ots-signature')!, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new OtsError(403, 'OTSAuthFailed', 'Signature mismatch.');
  }

  private dispatch(action: Action, body: Buffer): object {
    const decode = <T>() => {
      try {
        return message<T>(`${action}Request`).decode(body);
      } catch (err) {
        throw invalid(`Failed to parse the ProtoBuf message: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    switch (action) {
      case 'CreateTable':
        return this.createTable(decode<CreateTableRequestMsg>());
      case 'ListTable':
        return { tableNames: [...this.tables.keys()] };
      case 'DescribeTable':
        return this.describeTable(decode<{ tableName: string }>().tableName);
      case 'DeleteTable':
        this.tables.delete(this.table(decode<{ tableName: string }>().tableName).name);
        this.changed();
        return {};
      case 'PutRow': {
        const req = decode<RowWriteRequestMsg>();
        return { consumed: consumed(0, 1), ...this.rowResult(this.write(req.tableName, OperationType.PUT, req.row, req.condition, req.transactionId), req.returnContent) };
      }
      case 'UpdateRow': {
        const req = decode<RowWriteRequestMsg>();
        return { consumed: consumed(0, 1), ...this.rowResult(this.write(req.tableName, OperationType.UPDATE, req.rowChange, req.condition, req.transactionId), req.returnContent) };
      }
      case 'DeleteRow': {
        const req = decode<RowWriteRequestMsg>();
        return { consumed: consumed(0, 1), ...this.rowResult(this.write(req.tableName, OperationType.DELETE, req.primaryKey, req.condition, req.transactionId), req.returnContent) };
      }
      case 'GetRow': {
        const req = decode<GetRowRequestMsg>();
        const table = this.table(req.tableName);
        const pk = this.checkPk(table, readRow(Buffer.from(req.primaryKey)).primaryKey, 'exact');
        const row = this.view(table, this.transaction(req.transactionId, table, pk)).get(pk);
        return { consumed: consumed(1, 0), row: row ? writeRows([this.project(table, row, req.columnsToGet)]) : Buffer.alloc(0) };
      }
      case 'GetRange':
        return this.getRange(decode<GetRangeRequestMsg>());
      case 'BatchGetRow':
        return this.batchGet(decode<BatchGetRowRequestMsg>());
      case 'BatchWriteRow':
        return this.batchWrite(decode<BatchWriteRowRequestMsg>());
      case 'StartLocalTransaction':
        return this.startTransaction(decode<StartLocalTransactionRequestMsg>());
      case 'CommitTransaction':
      case 'AbortTransaction':
        this.endTransaction(decode<TransactionRequestMsg>().transactionId, action === 'CommitTransaction');
        return {};
    }
  }

  private createTable(req: CreateTableRequestMsg): object {
    const name = req.tableMeta.tableName;
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,254}$/.test(name)) throw invalid(`Invalid table name: '${name}'.`);
    const pk = req.tableMeta.primaryKey ?? [];
    if (pk.length < 1 || pk.length > 4) throw invalid(`The number of primary key columns must be in range: [1, 4]. Real: ${pk.length}.`);
    // proto2 gives an absent enum its first value, so only an option actually sent counts.
    const autoIncrement = (col: (typeof pk)[number]) => Object.prototype.hasOwnProperty.call(col, 'option') && col.option === 1;
    for (const [i, col] of pk.entries()) {
      if (!Object.values(PrimaryKeyType).includes(col.type as 1)) throw invalid(`Invalid type of primary key: ${col.name}.`);
      if (autoIncrement(col) && (i === 0 || col.type !== PrimaryKeyType.INTEGER)) throw invalid('The auto-increment primary key must be an integer and not the partition key.');
    }
    if (this.tables.has(name)) throw new OtsError(409, 'OTSObjectAlreadyExist', 'Requested table already exists.');
    this.changed();
    this.tables.set(name, { name, pk: pk.map((c) => ({ name: c.name, type: c.type, autoIncrement: autoIncrement(c) })), rows: [], createdAt: this.clock() });
    return {};
  }

  private describeTable(name: string): object {
    const table = this.table(name);
    return {
      tableMeta: { tableName: name, primaryKey: table.pk.map((c) => ({ name: c.name, type: c.type, ...(c.autoIncrement ? { option: 1 } : {}) })) },
      reservedThroughputDetails: { capacityUnit: { read: 0, write: 0 }, lastIncreaseTime: Math.floor(table.createdAt / 1000) },
      tableOptions: { timeToLive: -1, maxVersions: 1, deviationCellVersionInSec: 86400 },
      tableStatus: 1,
    };
  }

  private table(name: string): Table {
    const table = this.tables.get(name);
    if (!table) throw new OtsError(404, 'OTSObjectNotExist', 'Requested table does not exist.');
    return table;
  }

  /** Checks a row's key against the table's schema. `exact` keys are full and concrete. */
  private checkPk(table: Table, cells: readonly Cell[], mode: 'exact' | 'put' | 'bound' | 'partition'): Value[] {
    const expected = mode === 'partition' ? table.pk.slice(0, 1) : table.pk;
    if (cells.length !== expected.length) throw invalid(`Validate PK size fail. Input: ${cells.length}, Meta: ${expected.length}.`);
    return cells.map((cell, i) => {
      const col = expected[i]!;
      if (cell.name !== col.name) throw invalid(`Validate PK name fail. Input: ${cell.name}, Meta: ${col.name}.`);
      const v = cell.value;
      if (!v) throw invalid(`The value of primary key ${col.name} is missing.`);
      if (v.t === 'infMin' || v.t === 'infMax') {
        if (mode !== 'bound') throw invalid('INF_MIN or INF_MAX is only allowed in a range bound.');
        return v;
      }
      if (v.t === 'autoIncrement') {
        if (mode !== 'put' || !col.autoIncrement) throw invalid(`The primary key ${col.name} is not an auto-increment column.`);
        this.autoIncrement = BigInt(this.clock()) * 1000n > this.autoIncrement ? BigInt(this.clock()) * 1000n : this.autoIncrement + 1n;
        return { t: 'int', v: this.autoIncrement };
      }
      const type = v.t === 'int' ? PrimaryKeyType.INTEGER : v.t === 'str' ? PrimaryKeyType.STRING : v.t === 'bin' ? PrimaryKeyType.BINARY : 0;
      if (type !== col.type) throw invalid(`Validate PK type fail. Input: ${v.t}, Meta: ${col.type}.`);
      if (valueSize(v) > MAX_STRING_PK) throw invalid(`The length of primary key column: '${col.name}' exceeds the MaxLength: ${MAX_STRING_PK}.`);
      return v;
    });
  }

  private find(table: Table, pk: readonly Value[]): { index: number; found: boolean } {
    let lo = 0;
    let hi = table.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comparePk(table.rows[mid]!.pk, pk) < 0) lo = mid + 1;
      else hi = mid;
    }
    return { index: lo, found: lo < table.rows.length && comparePk(table.rows[lo]!.pk, pk) === 0 };
  }

  /** Reads and writes through a transaction's private changes, or straight to the table. */
  private view(table: Table, txn: Transaction | undefined) {
    return {
      get: (pk: readonly Value[]): StoredRow | undefined => {
        const pending = txn?.writes.get(pkId(pk));
        if (pending) return pending.row ?? undefined;
        const { index, found } = this.find(table, pk);
        return found ? table.rows[index] : undefined;
      },
      set: (pk: Value[], row: StoredRow | null) => {
        if (txn) {
          txn.writes.set(pkId(pk), { pk, row });
          return;
        }
        this.commitRow(table, pk, row);
      },
    };
  }

  private commitRow(table: Table, pk: Value[], row: StoredRow | null): void {
    this.changed();
    const { index, found } = this.find(table, pk);
    if (row === null) {
      if (found) table.rows.splice(index, 1);
    } else if (found) table.rows[index] = row;
    else table.rows.splice(index, 0, row);
  }

  private liveTransaction(id: string): Transaction | undefined {
    const txn = this.transactions.get(id);
    if (txn && txn.expiresAt <= this.clock()) {
      this.transactions.delete(id);
      return undefined;
    }
    return txn;
  }

  private lockHolder(table: string, partition: string): Transaction | undefined {
    for (const txn of this.transactions.values()) {
      if (txn.table === table && txn.partition === partition && this.liveTransaction(txn.id)) return txn;
    }
    return undefined;
  }

  /** The transaction a request names (checked against the row's partition), or none. */
  private transaction(id: string | undefined, table: Table, pk: readonly Value[], writing = false): Transaction | undefined {
    const partition = pkId(pk.slice(0, 1));
    if (id) {
      const txn = this.liveTransaction(id);
      if (!txn) throw invalid('Transaction ID is invalid or the transaction has timed out.');
      if (txn.table !== table.name || txn.partition !== partition) throw invalid('The row is not in the partition of the transaction.');
      return txn;
    }
    if (writing && this.lockHolder(table.name, partition)) throw new OtsError(409, 'OTSRowOperationConflict', 'Data is being modified by the other request.');
    return undefined;
  }

  private startTransaction(req: StartLocalTransactionRequestMsg): object {
    const table = this.table(req.tableName);
    if (table.pk.some((c) => c.autoIncrement)) throw invalid('Local transactions are not supported on a table with an auto-increment primary key.');
    const pk = this.checkPk(table, readRow(Buffer.from(req.key)).primaryKey, 'partition');
    const partition = pkId(pk);
    if (this.lockHolder(table.name, partition)) throw new OtsError(409, 'OTSRowOperationConflict', 'Data is being modified by the other request.');
    const id = `${randomBytes(8).toString('hex')}-${this.clock().toString(16)}`;
    this.transactions.set(id, { id, table: table.name, partition, expiresAt: this.clock() + TRANSACTION_TTL_MS, writes: new Map() });
    return { transactionId: id };
  }

  private endTransaction(id: string, commit: boolean): void {
    const txn = this.liveTransaction(id);
    if (!txn) throw invalid('Transaction ID is invalid or the transaction has timed out.');
    this.transactions.delete(id);
    if (!commit) return;
    const table = this.table(txn.table);
    for (const { pk, row } of txn.writes.values()) this.commitRow(table, pk, row);
  }

  private checkCondition(condition: ConditionMsg | undefined, row: StoredRow | undefined): void {
    const existence = condition?.rowExistence ?? RowExistence.IGNORE;
    if (existence === RowExistence.EXPECT_EXIST && !row) throw conditionFailed();
    if (existence === RowExistence.EXPECT_NOT_EXIST && row) throw conditionFailed();
    if (condition?.columnCondition?.length && !this.filterPasses(filterProto.Filter.decode(condition.columnCondition), row)) throw conditionFailed();
  }

  private filterPasses(filter: FilterMsg, row: StoredRow | undefined): boolean {
    if (filter.type === FilterType.COMPOSITE) {
      const f = filterProto.CompositeColumnValueFilter.decode(filter.filter);
      const results = f.subFilters.map((sub) => this.filterPasses(sub, row));
      if (f.combinator === LogicalOperator.NOT) return !results[0];
      return f.combinator === LogicalOperator.AND ? results.every(Boolean) : results.some(Boolean);
    }
    if (filter.type !== FilterType.SINGLE) throw invalid('Only column value filters may be used in a condition.');
    const f = filterProto.SingleColumnValueFilter.decode(filter.filter);
    const cell = row?.cols.get(f.columnName);
    if (!cell) return !f.filterIfMissing;
    const c = compareValues(cell.value, readVariant(Buffer.from(f.columnValue)));
    if (Number.isNaN(c)) return false;
    switch (f.comparator) {
      case Comparator.EQUAL:
        return c === 0;
      case Comparator.NOT_EQUAL:
        return c !== 0;
      case Comparator.GREATER_THAN:
        return c > 0;
      case Comparator.GREATER_EQUAL:
        return c >= 0;
      case Comparator.LESS_THAN:
        return c < 0;
      case Comparator.LESS_EQUAL:
        return c <= 0;
      default:
        throw invalid(`Unknown comparator ${f.comparator}.`);
    }
  }

  /** One row write (PutRow, UpdateRow, DeleteRow, or a row of BatchWriteRow). */
  private write(tableName: string, type: number, encoded: Uint8Array | undefined, condition: ConditionMsg | undefined, transactionId: string | undefined): { table: Table; pk: Value[]; row: StoredRow | undefined } {
    const table = this.table(tableName);
    if (!encoded?.length) throw invalid('The row to write is missing.');
    const change: Row = readRow(Buffer.from(encoded));
    const pk = this.checkPk(table, change.primaryKey, type === OperationType.PUT ? 'put' : 'exact');
    const view = this.view(table, this.transaction(transactionId, table, pk, true));
    const existing = view.get(pk);
    this.checkCondition(condition, existing);
    const now = this.clock();
    for (const cell of change.cells) {
      if (!/^[A-Za-z_][A-Za-z0-9_]{0,254}$/.test(cell.name)) throw invalid(`Invalid column name: '${cell.name}'.`);
      if (cell.value && valueSize(cell.value) > MAX_CELL) throw invalid(`The length of attribute column: '${cell.name}' exceeds the MaxLength: ${MAX_CELL}.`);
      if (table.pk.some((c) => c.name === cell.name)) throw invalid(`The attribute column ${cell.name} has the name of a primary key column.`);
    }
    if (type === OperationType.DELETE) {
      view.set(pk, null);
      return { table, pk, row: undefined };
    }
    if (type === OperationType.PUT) {
      const cols = new Map<string, StoredCell>();
      for (const cell of change.cells) {
        if (!cell.value || cell.op !== undefined) throw invalid('PutRow cells must carry a value and no operation.');
        cols.set(cell.name, { value: cell.value, ts: cell.timestamp ?? now });
      }
      const row = { pk, cols };
      view.set(pk, row);
      return { table, pk, row };
    }
    const cols = new Map(existing?.cols);
    for (const cell of change.cells) {
      if (cell.op === DELETE_ALL_VERSION) cols.delete(cell.name);
      else if (cell.op === DELETE_ONE_VERSION) {
        if (cols.get(cell.name)?.ts === cell.timestamp) cols.delete(cell.name);
      } else if (cell.op === INCREMENT) {
        const previous = cols.get(cell.name)?.value ?? { t: 'int', v: 0n };
        if (cell.value?.t !== 'int' || previous.t !== 'int') throw invalid(`Increment requires integer values: column ${cell.name}.`);
        cols.set(cell.name, { value: { t: 'int', v: previous.v + cell.value.v }, ts: now });
      } else if (cell.op === undefined && cell.value) cols.set(cell.name, { value: cell.value, ts: cell.timestamp ?? now });
      else throw invalid(`Invalid update of column ${cell.name}.`);
    }
    const row = { pk, cols };
    view.set(pk, row);
    return { table, pk, row };
  }

  private rowResult(result: { table: Table; pk: Value[]; row: StoredRow | undefined }, returnContent: ReturnContentMsg | undefined): { row?: Buffer } {
    const type = returnContent?.returnType ?? ReturnType.RT_NONE;
    if (type === ReturnType.RT_NONE) return {};
    const primaryKey = result.pk.map((v, i) => ({ name: result.table.pk[i]!.name, value: v }));
    const names = type === ReturnType.RT_AFTER_MODIFY ? (returnContent?.returnColumnNames ?? []) : [];
    const cells = names.flatMap((name) => {
      const cell = result.row?.cols.get(name);
      return cell ? [{ name, value: cell.value, timestamp: cell.ts }] : [];
    });
    return { row: writeRows([{ primaryKey, cells }]) };
  }

  private project(table: Table, row: StoredRow, columns: readonly string[] | undefined): { primaryKey: Cell[]; cells: Cell[] } {
    const wanted = columns?.length ? new Set(columns) : undefined;
    const primaryKey = row.pk.map((v, i) => ({ name: table.pk[i]!.name, value: v }));
    const cells = [...row.cols.entries()]
      .filter(([name]) => !wanted || wanted.has(name))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, cell]) => ({ name, value: cell.value, timestamp: cell.ts }));
    return { primaryKey: wanted && !table.pk.some((c) => wanted.has(c.name)) && cells.length === 0 ? [] : primaryKey, cells };
  }

  private getRange(req: GetRangeRequestMsg): object {
    const table = this.table(req.tableName);
    const start = this.checkPk(table, readRow(Buffer.from(req.inclusiveStartPrimaryKey)).primaryKey, 'bound');
    const end = this.checkPk(table, readRow(Buffer.from(req.exclusiveEndPrimaryKey)).primaryKey, 'bound');
    const backward = req.direction === 1;
    if (backward ? comparePk(start, end) < 0 : comparePk(start, end) > 0) {
      throw invalid(backward ? 'Begin key must more than end key in BACKWARD' : 'Begin key must less than end key in FORWARD');
    }
    const limit = Math.min(req.limit && req.limit > 0 ? req.limit : MAX_RANGE_ROWS, MAX_RANGE_ROWS);
    const txn = req.transactionId ? this.transaction(req.transactionId, table, start) : undefined;
    const inRange = (pk: readonly Value[]) => (backward ? comparePk(pk, start) <= 0 && comparePk(pk, end) > 0 : comparePk(pk, start) >= 0 && comparePk(pk, end) < 0);
    let rows = table.rows.filter((r) => inRange(r.pk));
    if (txn?.writes.size) {
      const changed = new Map(rows.map((r) => [pkId(r.pk), r] as const));
      for (const [key, { pk, row }] of txn.writes) {
        if (row === null) changed.delete(key);
        else if (inRange(pk)) changed.set(key, row);
      }
      rows = [...changed.values()].sort((a, b) => comparePk(a.pk, b.pk));
    }
    if (backward) rows.reverse();
    const page = rows.slice(0, limit);
    const next = rows[limit];
    return {
      consumed: consumed(Math.max(1, page.length), 0),
      rows: writeRows(page.map((r) => this.project(table, r, req.columnsToGet))),
      ...(next ? { nextStartPrimaryKey: writeRows([{ primaryKey: next.pk.map((v, i) => ({ name: table.pk[i]!.name, value: v })) }]) } : {}),
    };
  }

  private batchGet(req: BatchGetRowRequestMsg): object {
    const total = req.tables.reduce((n, t) => n + t.primaryKey.length, 0);
    if (total > MAX_BATCH_GET) throw invalid(`Rows count exceeds the upper limit: ${MAX_BATCH_GET}.`);
    return {
      tables: req.tables.map((t) => ({
        tableName: t.tableName,
        rows: t.primaryKey.map((encoded) => {
          try {
            const table = this.table(t.tableName);
            const pk = this.checkPk(table, readRow(Buffer.from(encoded)).primaryKey, 'exact');
            const row = this.view(table, undefined).get(pk);
            return { isOk: true, consumed: consumed(1, 0), row: row ? writeRows([this.project(table, row, t.columnsToGet)]) : Buffer.alloc(0) };
          } catch (err) {
            return this.rowError(err);
          }
        }),
      })),
    };
  }

  private batchWrite(req: BatchWriteRowRequestMsg): object {
    const total = req.tables.reduce((n, t) => n + t.rows.length, 0);
    if (total === 0) throw invalid('No row specified in the request of BatchWriteRow.');
    if (total > MAX_BATCH_WRITE) throw invalid(`Rows count exceeds the upper limit: ${MAX_BATCH_WRITE}.`);
    const seen = new Set<string>();
    for (const t of req.tables) {
      for (const r of t.rows) {
        const key = `${t.tableName}/${pkId(readRow(Buffer.from(r.rowChange)).primaryKey.map((c) => c.value ?? { t: 'infMin' }))}`;
        if (seen.has(key)) throw invalid('The input parameter is invalid: duplicate rows in one BatchWriteRow.');
        seen.add(key);
      }
    }
    return {
      tables: req.tables.map((t) => ({
        tableName: t.tableName,
        rows: t.rows.map((r) => {
          try {
            return { isOk: true, consumed: consumed(0, 1), ...this.rowResult(this.write(t.tableName, r.type, r.rowChange, r.condition, req.transactionId), r.returnContent) };
          } catch (err) {
            return this.rowError(err);
          }
        }),
      })),
    };
  }

  private rowError(err: unknown): object {
    const e = err instanceof OtsError ? err : invalid(err instanceof Error ? err.message : String(err));
    return { isOk: false, error: { code: e.code, message: e.message } };
  }
}

export async function startTablestoreEmulator(o: TablestoreEmulatorOptions & { port?: number }): Promise<{ emulator: TablestoreEmulator; url: string; close(): Promise<void> }> {
  const emulator = new TablestoreEmulator(o);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: emulator.app.fetch, port: o.port ?? 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    emulator,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => server.close(() => resolve())).then(() => {
        emulator.flush();
      }),
  };
}
