import { KefuError } from '../errors';
import { ConditionFailedError } from './ConditionFailedError';
import { describeCondition, encodeKey } from './keyCodec';
import type { Columns, Condition, WriteOp } from './Store';
import { VERSION, sdk, rejected, THROTTLED, TRANSIENT, columnName, encodeValue, decodeRow, otsErrorCode, type PkColumn, type SdkClient, type SdkRow } from './tablestoreClient';

/** BatchGetRow reads at most 100 rows (https://www.alibabacloud.com/help/doc-detail/91524.html). */
const BATCH_GET_ROWS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A write op with its physical primary key resolved. */
export interface PlacedOp {
  readonly op: WriteOp;
  readonly pk: PkColumn[];
  /** The partition key value (the pk's first column). */
  readonly partition: string;
}

/**
 * The row calls of the Tablestore driver on physical keys: single-row reads and writes with
 * conditions, batch reads of versions, one BatchWriteRow, and local transactions. Throttling
 * (OTSServerBusy, OTSRowOperationConflict, ...) is retried with backoff for at most `budgetMs`, then
 * surfaces as STORE_BUSY; the service refuses those requests before writing, so nothing is half-done.
 */
export class TablestoreRows {
  constructor(
    readonly client: () => SdkClient,
    readonly tableName: string,
    private readonly budgetMs: number,
  ) {}

  async call<T>(what: string, fn: () => Promise<T>, read: boolean): Promise<T> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (err instanceof KefuError) throw err;
        const code = otsErrorCode(err);
        if (code === 'OTSConditionCheckFail') throw err;
        const retryable = THROTTLED.has(code) || (read && TRANSIENT.has(code));
        const delay = Math.min(1000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2);
        if (retryable && Date.now() - started + delay < this.budgetMs) {
          await sleep(delay);
          continue;
        }
        if (retryable || TRANSIENT.has(code)) {
          throw new KefuError('STORE_BUSY', `Tablestore ${what} 失败: ${code} (已重试 ${attempt} 次)`, { code, attempts: attempt + 1 });
        }
        if (code === 'OTSParameterInvalid') throw rejected(what, code, err);
        const hint = code === 'OTSObjectNotExist' ? `,表 ${this.tableName} 不存在,请先运行 npm run kefu -- store init` : '';
        throw new KefuError('STORE_UNAVAILABLE', `Tablestore ${what} 失败: ${code}${hint}`, { code });
      }
    }
  }

  condition(c: Condition | undefined): unknown {
    const S = sdk();
    const E = S.RowExistenceExpectation;
    if (c === undefined) return new S.Condition(E.IGNORE, null);
    if (c === 'exists') return new S.Condition(E.EXPECT_EXIST, null);
    if (c === 'notExists') return new S.Condition(E.EXPECT_NOT_EXIST, null);
    return new S.Condition(E.EXPECT_EXIST, new S.SingleColumnCondition(VERSION, S.Long.fromNumber(c.version), S.ComparatorType.EQUAL, false, true));
  }

  /** Runs a conditional write; a failed condition becomes ConditionFailedError. */
  private async conditional<T>(table: string, c: Condition | undefined, what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.call(what, fn, false);
    } catch (err) {
      if (otsErrorCode(err) === 'OTSConditionCheckFail') throw new ConditionFailedError(table, describeCondition(c));
      throw err;
    }
  }

  static putColumns(value: Columns): Record<string, unknown>[] {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([name, v]) => ({ [columnName(name)]: encodeValue(v) }));
  }

  /** An UpdateRow change: set columns, delete the null ones, and count the version up. */
  static updateChange(set: Columns): Record<string, unknown>[] {
    const puts: Record<string, unknown>[] = [];
    const deletes: string[] = [];
    for (const [name, v] of Object.entries(set)) {
      if (v === null) deletes.push(columnName(name));
      else if (v !== undefined) puts.push({ [columnName(name)]: encodeValue(v) });
    }
    const change: Record<string, unknown>[] = [];
    if (puts.length) change.push({ PUT: puts });
    if (deletes.length) change.push({ DELETE_ALL: deletes });
    change.push({ INCREMENT: [{ [VERSION]: sdk().Long.fromNumber(1) }] });
    return change;
  }

  private static txn(transactionId: string | undefined) {
    return transactionId ? { transactionId } : {};
  }

  async getRow(pk: PkColumn[], columnsToGet?: string[], transactionId?: string): Promise<SdkRow> {
    const data = await this.call('GetRow', () => this.client().getRow({ tableName: this.tableName, primaryKey: pk, maxVersions: 1, ...(columnsToGet ? { columnsToGet } : {}), ...TablestoreRows.txn(transactionId) }), true);
    return data.row;
  }

  /** One BatchGetRow of whole rows, without retries (the caller's `call` wraps it). */
  batchGetRow(pks: readonly PkColumn[][]): ReturnType<SdkClient['batchGetRow']> {
    return this.client().batchGetRow({ tables: [{ tableName: this.tableName, primaryKey: pks, maxVersions: 1 }] });
  }

  async put(table: string, pk: PkColumn[], value: Columns, c: Condition | undefined, transactionId?: string): Promise<number> {
    const attributes = TablestoreRows.putColumns(value);
    const write = (version: number, expect: Condition) =>
      this.conditional(table, c, 'PutRow', () =>
        this.client().putRow({ tableName: this.tableName, primaryKey: pk, attributeColumns: [...attributes, { [VERSION]: sdk().Long.fromNumber(version) }], condition: this.condition(expect), ...TablestoreRows.txn(transactionId) }),
      ).then(() => version);
    if (typeof c === 'object') return write(c.version + 1, c);
    if (c === 'notExists') return write(1, c);
    // No version given: learn the current one and write only if it is still current.
    for (let attempt = 0; attempt < 20; attempt++) {
      const current = decodeRow(await this.getRow(pk, [VERSION], transactionId))?.version;
      if (current === undefined && c === 'exists') throw new ConditionFailedError(table, describeCondition(c));
      try {
        return await write((current ?? 0) + 1, current === undefined ? 'notExists' : { version: current });
      } catch (err) {
        if (!(err instanceof ConditionFailedError)) throw err;
      }
    }
    throw new KefuError('STORE_BUSY', `Tablestore PutRow: ${table} 写入冲突过多`, { table });
  }

  async update(table: string, pk: PkColumn[], set: Columns, c: Condition | undefined, transactionId?: string): Promise<number> {
    const change = TablestoreRows.updateChange(set);
    const data = await this.conditional(table, c, 'UpdateRow', () =>
      this.client().updateRow({ tableName: this.tableName, primaryKey: pk, updateOfAttributeColumns: change, condition: this.condition(c), returnContent: { returnType: sdk().ReturnType.AfterModify, returnColumns: [VERSION] }, ...TablestoreRows.txn(transactionId) }),
    );
    return decodeRow(data.row)?.version ?? 0;
  }

  async remove(table: string, pk: PkColumn[], c: Condition | undefined, transactionId?: string): Promise<void> {
    await this.conditional(table, c, 'DeleteRow', () => this.client().deleteRow({ tableName: this.tableName, primaryKey: pk, condition: this.condition(c), ...TablestoreRows.txn(transactionId) }));
  }

  writeOne(p: PlacedOp, transactionId?: string): Promise<unknown> {
    const { op, pk } = p;
    if (op.op === 'put') return this.put(op.table, pk, op.value, op.condition, transactionId);
    if (op.op === 'update') return this.update(op.table, pk, op.set, op.condition, transactionId);
    return this.remove(op.table, pk, op.condition, transactionId);
  }

  start(partition: string): Promise<string> {
    return this.call('StartLocalTransaction', () => this.client().startLocalTransaction({ tableName: this.tableName, primaryKey: [{ p: partition }] }), false).then((r) => r.transactionId);
  }

  commit(transactionId: string): Promise<unknown> {
    return this.call('CommitTransaction', () => this.client().commitTransaction({ transactionId }), false);
  }

  /** Best effort: an abort that fails still ends with the transaction's timeout, unapplied. (SDK 5.6 also misreads AbortTransaction's empty answer and rejects after a good abort.) */
  abort(transactionId: string): Promise<void> {
    return this.client()
      .abortTransaction({ transactionId })
      .then(() => undefined, () => undefined);
  }

  /**
   * Writes ops of one partition inside its transaction: the versions puts need (BatchGetRow), then
   * one BatchWriteRow; only a batch that repeats a row goes row by row (at most 200 rows, far
   * inside the transaction's 60 s).
   */
  async writeIn(transactionId: string, ops: readonly PlacedOp[]): Promise<void> {
    const rowId = (p: PlacedOp) => `${p.op.table}\u0000${encodeKey(p.op.key)}`;
    if (new Set(ops.map(rowId)).size !== ops.length) {
      for (const op of ops) await this.writeOne(op, transactionId);
      return;
    }
    const needsVersion = (p: PlacedOp) => p.op.op === 'put' && (p.op.condition === undefined || p.op.condition === 'exists');
    const versions = await this.versionsOf(ops.filter(needsVersion), rowId);
    const rows = ops.map(({ op, pk }) => {
      if (op.op === 'update') return { type: 'UPDATE', primaryKey: pk, attributeColumns: TablestoreRows.updateChange(op.set), condition: this.condition(op.condition) };
      if (op.op === 'delete') return { type: 'DELETE', primaryKey: pk, attributeColumns: [], condition: this.condition(op.condition) };
      let expect: Condition = op.condition ?? 'notExists';
      if (op.condition === undefined || op.condition === 'exists') {
        const current = versions.get(rowId({ op, pk, partition: '' }));
        if (current === undefined && op.condition === 'exists') throw new ConditionFailedError(op.table, describeCondition(op.condition));
        expect = current === undefined ? 'notExists' : { version: current };
      }
      const version = typeof expect === 'object' ? expect.version + 1 : 1;
      return { type: 'PUT', primaryKey: pk, attributeColumns: [...TablestoreRows.putColumns(op.value), { [VERSION]: sdk().Long.fromNumber(version) }], condition: this.condition(expect) };
    });
    const data = await this.call('BatchWriteRow', () => this.client().batchWriteRow({ tables: [{ tableName: this.tableName, rows }], transactionId }), false);
    const failed = data.tables.findIndex((r) => !r.isOk);
    if (failed < 0) return;
    const code = data.tables[failed]!.errorCode ?? 'Unknown';
    const op = ops[failed]!.op;
    if (code === 'OTSConditionCheckFail') throw new ConditionFailedError(op.table, describeCondition(op.condition));
    if (code === 'OTSParameterInvalid') throw rejected('BatchWriteRow', code);
    throw new KefuError(THROTTLED.has(code) ? 'STORE_BUSY' : 'STORE_UNAVAILABLE', `Tablestore BatchWriteRow 失败: ${code}`, { code });
  }

  /** Current versions of rows, in BatchGetRows of at most 100 rows (inside a transaction the partition is locked, so they hold). */
  private async versionsOf(ops: readonly PlacedOp[], rowId: (p: PlacedOp) => string): Promise<Map<string, number | undefined>> {
    const versions = new Map<string, number | undefined>();
    for (let at = 0; at < ops.length; at += BATCH_GET_ROWS) {
      const part = ops.slice(at, at + BATCH_GET_ROWS);
      const data = await this.call('BatchGetRow', () => this.client().batchGetRow({ tables: [{ tableName: this.tableName, primaryKey: part.map((p) => p.pk), columnsToGet: [VERSION], maxVersions: 1 }] }), true);
      const rows = data.tables[0] ?? [];
      part.forEach((p, i) => {
        const r = rows[i];
        if (!r?.isOk) throw new KefuError(THROTTLED.has(r?.errorCode ?? '') ? 'STORE_BUSY' : 'STORE_UNAVAILABLE', `Tablestore BatchGetRow 失败: ${r?.errorCode ?? 'Unknown'}`, { code: r?.errorCode });
        versions.set(rowId(p), decodeRow({ primaryKey: r.primaryKey ?? [], attributes: r.attributes ?? [] })?.version);
      });
    }
    return versions;
  }

  /** Rows of one partition and physical table, in key order (at most `limit`). */
  async rangeRaw(partition: string, tbl: string, limit: number): Promise<SdkRow[]> {
    const S = sdk();
    const data = await this.call(
      'GetRange',
      () => this.client().getRange({ tableName: this.tableName, direction: 'FORWARD', inclusiveStartPrimaryKey: [{ p: partition }, { tbl }, { k: S.INF_MIN }], exclusiveEndPrimaryKey: [{ p: partition }, { tbl }, { k: S.INF_MAX }], limit, maxVersions: 1 }),
      true,
    );
    return data.rows;
  }
}
