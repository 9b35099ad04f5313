import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { DurableTables } from './DurableTables';
import { FaultScript, type Fault } from './FaultScript';
import { OtsError, invalid } from './OtsError';
import { PlainBufferError, readRow, writeRows, type Cell, type Row, type Value } from './plainBuffer';
import { checkPk } from './primaryKeyCheck';
import { readRange } from './rangeRead';
import { checkBatchGetRows, checkBatchWriteRows, checkBody, checkColumnCount, checkRequestData } from './requestLimits';
import { checkSignature } from './requestSignature';
import { applyChange, checkCells } from './rowChange';
import { checkCondition } from './rowCondition';
import { project, rowError, rowResult } from './rowResults';
import { findRow, pkId, type StoredRow, type Table } from './storedRows';
import { describeTable, newTable } from './tableSchema';
import {
  OperationType,
  message,
  type BatchGetRowRequestMsg,
  type BatchWriteRowRequestMsg,
  type ConditionMsg,
  type CreateTableRequestMsg,
  type GetRangeRequestMsg,
  type GetRowRequestMsg,
  type RowWriteRequestMsg,
  type StartLocalTransactionRequestMsg,
  type TransactionRequestMsg,
} from './tablestoreProto';
import { TransactionTable, type Transaction } from './TransactionTable';

export type { Fault } from './FaultScript';
export { OtsError } from './OtsError';

export interface TablestoreEmulatorOptions {
  readonly instance: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** When set, requests must carry it as `x-ots-ststoken` (temporary credentials, as on FC). */
  readonly securityToken?: string;
  readonly clock?: () => number;
  /**
   * Keeps the tables in this JSON file and a write-ahead log beside it (`<file>.log`): every change
   * is on disk (fsync) before the request is answered, so `npm run dev -- --store tablestore` keeps
   * its data across restarts and kills.
   */
  readonly file?: string;
  /**
   * Tables (by name, or names matching) that get local transactions when created, as a table
   * created in the console with the switch on. CreateTable from the Node SDK cannot ask for them,
   * so any other table refuses StartLocalTransaction, as the service does.
   */
  readonly localTransactionsFor?: readonly (string | RegExp)[];
  /** Waits this long before answering each request (benchmarks that want a network-like delay). */
  readonly latencyMs?: number;
}

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

const consumed = (read: number, write: number) => ({ capacityUnit: { read, write } });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A local stand-in for Alibaba Cloud Tablestore (wide-column OTS), speaking its HTTP protocol: POST
 * `/<Action>` with protobuf bodies (the SDK's own definitions) and PlainBuffer rows, signed and
 * checked like the service checks them (requestSignature.ts).
 *
 * It implements the table and row calls Kefu and its tests use: CreateTable, ListTable,
 * DescribeTable, DeleteTable, PutRow, GetRow, UpdateRow (put, delete, delete-all and increment
 * cells), DeleteRow, GetRange (both directions, INF_MIN/INF_MAX, limits and next start keys),
 * BatchGetRow, BatchWriteRow (per-row results), row-existence and column conditions, returned
 * content, auto-increment key columns, and local transactions on a partition key (TransactionTable.ts;
 * only on tables made with them, see `localTransactionsFor`). It enforces the service's request
 * limits (requestLimits.ts). Errors carry Tablestore's status codes and error codes. `injectFault`
 * scripts throttling and outages.
 *
 * It keeps one version per cell and no TTL; data lives in memory, and with `file` also on disk
 * (WriteAheadLog.ts).
 */
export class TablestoreEmulator {
  readonly app = new Hono();
  private readonly data: DurableTables;
  private readonly transactions: TransactionTable;
  private readonly faults = new FaultScript();
  private readonly clock: () => number;
  /** Requests answered, by action (tests read it to see what a driver sent). */
  readonly calls = new Map<string, number>();

  constructor(readonly options: TablestoreEmulatorOptions) {
    this.clock = options.clock ?? Date.now;
    this.transactions = new TransactionTable(this.clock);
    this.data = new DurableTables(options.file, (name) => this.transactionsWanted(name));
    this.app.all('*', (c) => this.handle(c));
  }

  /** Rewrites the snapshot with everything so far and empties the log (no-op without `file`). */
  flush(): void {
    this.data.flush();
  }

  /** Flushes and lets go of the log file. */
  close(): void {
    this.data.close();
  }

  injectFault(fault: Fault): void {
    this.faults.add(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  private transactionsWanted(name: string): boolean {
    return (this.options.localTransactionsFor ?? []).some((p) => (typeof p === 'string' ? p === name : p.test(name)));
  }

  private async handle(c: Context): Promise<Response> {
    const requestId = randomBytes(16).toString('hex');
    if (this.options.latencyMs) await sleep(this.options.latencyMs);
    try {
      if (c.req.method !== 'POST') throw new OtsError(405, 'OTSMethodNotAllowed', 'Only POST method for requests is supported.');
      const action = new URL(c.req.url).pathname.slice(1);
      const body = Buffer.from(await c.req.arrayBuffer());
      checkBody(body.length);
      checkSignature(c, action, body, this.options, this.clock());
      if (!(ACTIONS as readonly string[]).includes(action)) throw invalid(`Unsupported operation: ${action}.`);
      this.faults.play(action);
      this.calls.set(action, (this.calls.get(action) ?? 0) + 1);
      const answer = this.dispatch(action as Action, body);
      this.data.persist();
      this.faults.playAfter(action);
      const bytes = Buffer.from(message(`${action}Response`).encode(answer).finish());
      return this.respond(200, bytes, requestId);
    } catch (err) {
      let e = err instanceof OtsError ? err : err instanceof PlainBufferError ? invalid(err.message) : invalid(err instanceof Error ? err.message : String(err));
      try {
        // A request refused halfway may still have changed something (rows of a batch before the error).
        this.data.persist();
      } catch (diskError) {
        e = diskError as OtsError;
      }
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

  private dispatch(action: Action, body: Buffer): object {
    const decode = <T>() => {
      try {
        return message<T>(`${action}Request`).decode(body);
      } catch (err) {
        throw invalid(`Failed to parse the ProtoBuf message: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    const single = (type: number, req: RowWriteRequestMsg, encoded: Uint8Array | undefined) => {
      checkRequestData(encoded?.length ?? 0);
      return { consumed: consumed(0, 1), ...rowResult(this.write(req.tableName, type, encoded, req.condition, req.transactionId), req.returnContent) };
    };
    switch (action) {
      case 'CreateTable':
        return this.createTable(decode<CreateTableRequestMsg>());
      case 'ListTable':
        return { tableNames: [...this.data.tables.keys()] };
      case 'DescribeTable':
        return describeTable(this.table(decode<{ tableName: string }>().tableName));
      case 'DeleteTable': {
        this.data.dropTable(this.table(decode<{ tableName: string }>().tableName).name);
        return {};
      }
      case 'PutRow': {
        const req = decode<RowWriteRequestMsg>();
        return single(OperationType.PUT, req, req.row);
      }
      case 'UpdateRow': {
        const req = decode<RowWriteRequestMsg>();
        return single(OperationType.UPDATE, req, req.rowChange);
      }
      case 'DeleteRow': {
        const req = decode<RowWriteRequestMsg>();
        return single(OperationType.DELETE, req, req.primaryKey);
      }
      case 'GetRow': {
        const req = decode<GetRowRequestMsg>();
        const table = this.table(req.tableName);
        const pk = this.checkPk(table, readRow(Buffer.from(req.primaryKey)).primaryKey, 'exact');
        const row = this.view(table, this.transaction(req.transactionId, table, pk)).get(pk);
        return { consumed: consumed(1, 0), row: row ? writeRows([project(table, row, req.columnsToGet)]) : Buffer.alloc(0) };
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
    const table = newTable(req, this.data.tables, this.clock(), this.transactionsWanted(req.tableMeta.tableName));
    this.data.addTable(table);
    return {};
  }

  private table(name: string): Table {
    const table = this.data.tables.get(name);
    if (!table) throw new OtsError(404, 'OTSObjectNotExist', 'Requested table does not exist.');
    return table;
  }

  private checkPk(table: Table, cells: readonly Cell[], mode: 'exact' | 'put' | 'bound' | 'partition'): Value[] {
    return checkPk(table, cells, mode, () => this.data.nextAutoIncrement(this.clock()));
  }

  /** Reads and writes through a transaction's private changes, or straight to the table. */
  private view(table: Table, txn: Transaction | undefined) {
    return {
      get: (pk: readonly Value[]): StoredRow | undefined => {
        const pending = txn?.writes.get(pkId(pk));
        if (pending) return pending.row ?? undefined;
        const { index, found } = findRow(table, pk);
        return found ? table.rows[index] : undefined;
      },
      set: (pk: Value[], row: StoredRow | null) => {
        if (txn) txn.writes.set(pkId(pk), { pk, row });
        else this.data.commitRow(table, pk, row);
      },
    };
  }

  /** The transaction a request names (checked against the row's partition), or none. */
  private transaction(id: string | undefined, table: Table, pk: readonly Value[], writing = false): Transaction | undefined {
    const partition = pkId(pk.slice(0, 1));
    if (id) return this.transactions.named(id, table.name, partition);
    if (writing) this.transactions.checkUnlocked(table.name, partition);
    return undefined;
  }

  private startTransaction(req: StartLocalTransactionRequestMsg): object {
    const table = this.table(req.tableName);
    if (table.pk.some((c) => c.autoIncrement)) throw invalid('Local transactions are not supported on a table with an auto-increment primary key.');
    // The service needs the switch set when the table was made (console, Java SDK 5.11+); see requestLimits.ts for the docs.
    if (!table.localTransactions) throw invalid(`Local transaction is not enabled on table ${table.name}.`);
    const pk = this.checkPk(table, readRow(Buffer.from(req.key)).primaryKey, 'partition');
    return { transactionId: this.transactions.start(table.name, pkId(pk)).id };
  }

  private endTransaction(id: string, commit: boolean): void {
    const txn = this.transactions.end(id);
    if (!commit) return;
    const table = this.table(txn.table);
    for (const { pk, row } of txn.writes.values()) this.data.commitRow(table, pk, row);
  }

  /** One row write (PutRow, UpdateRow, DeleteRow, or a row of BatchWriteRow). */
  private write(tableName: string, type: number, encoded: Uint8Array | undefined, condition: ConditionMsg | undefined, transactionId: string | undefined): { table: Table; pk: Value[]; row: StoredRow | undefined } {
    const table = this.table(tableName);
    if (!encoded?.length) throw invalid('The row to write is missing.');
    const change: Row = readRow(Buffer.from(encoded));
    checkColumnCount(change);
    const pk = this.checkPk(table, change.primaryKey, type === OperationType.PUT ? 'put' : 'exact');
    const txn = this.transaction(transactionId, table, pk, true);
    const view = this.view(table, txn);
    const existing = view.get(pk);
    checkCondition(condition, existing);
    checkCells(change, table.pk);
    const row = applyChange(type, pk, change, existing, this.clock());
    if (txn) this.transactions.charge(txn, encoded.length);
    view.set(pk, row);
    return { table, pk, row: row ?? undefined };
  }

  private getRange(req: GetRangeRequestMsg): object {
    const table = this.table(req.tableName);
    const start = this.checkPk(table, readRow(Buffer.from(req.inclusiveStartPrimaryKey)).primaryKey, 'bound');
    const end = this.checkPk(table, readRow(Buffer.from(req.exclusiveEndPrimaryKey)).primaryKey, 'bound');
    return readRange(table, start, end, req, req.transactionId ? this.transaction(req.transactionId, table, start) : undefined);
  }

  private batchGet(req: BatchGetRowRequestMsg): object {
    checkBatchGetRows(req.tables.reduce((n, t) => n + t.primaryKey.length, 0));
    return {
      tables: req.tables.map((t) => ({
        tableName: t.tableName,
        rows: t.primaryKey.map((encoded) => {
          try {
            const table = this.table(t.tableName);
            const pk = this.checkPk(table, readRow(Buffer.from(encoded)).primaryKey, 'exact');
            const row = this.view(table, undefined).get(pk);
            return { isOk: true, consumed: consumed(1, 0), row: row ? writeRows([project(table, row, t.columnsToGet)]) : Buffer.alloc(0) };
          } catch (err) {
            return rowError(err);
          }
        }),
      })),
    };
  }

  private batchWrite(req: BatchWriteRowRequestMsg): object {
    checkBatchWriteRows(req.tables.reduce((n, t) => n + t.rows.length, 0));
    checkRequestData(req.tables.reduce((n, t) => n + t.rows.reduce((m, r) => m + (r.rowChange?.length ?? 0), 0), 0));
    const seen = new Set<string>();
    for (const t of req.tables) {
      for (const r of t.rows) {
        const row = readRow(Buffer.from(r.rowChange));
        // A parameter error in any row fails the whole request, none of it written (the docs).
        checkColumnCount(row);
        const key = `${t.tableName}/${pkId(row.primaryKey.map((c) => c.value ?? { t: 'infMin' }))}`;
        if (seen.has(key)) throw invalid('The input parameter is invalid: duplicate rows in one BatchWriteRow.');
        seen.add(key);
      }
    }
    return {
      tables: req.tables.map((t) => ({
        tableName: t.tableName,
        rows: t.rows.map((r) => {
          try {
            return { isOk: true, consumed: consumed(0, 1), ...rowResult(this.write(t.tableName, r.type, r.rowChange, r.condition, req.transactionId), r.returnContent) };
          } catch (err) {
            return rowError(err);
          }
        }),
      })),
    };
  }

}

export async function startTablestoreEmulator(o: TablestoreEmulatorOptions & { port?: number }): Promise<{ emulator: TablestoreEmulator; url: string; connections(): number; close(): Promise<void> }> {
  const emulator = new TablestoreEmulator(o);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: emulator.app.fetch, port: o.port ?? 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  let connections = 0;
  server.on('connection', () => void connections++);
  const { port } = server.address() as AddressInfo;
  return {
    emulator,
    url: `http://127.0.0.1:${port}`,
    /** TCP connections accepted so far (a client that keeps them alive opens few). */
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => server.close(() => resolve())).then(() => {
        emulator.close();
      }),
  };
}
