import { KefuError } from '../errors';
import { ConditionFailedError } from './ConditionFailedError';
import { checkBatch, checkTable, checkTenant, decodeKey, describeCondition, encodeKey, encodeToken, rangeBounds, writeInBatches } from './keyCodec';
import type { Columns, Condition, Key, RangeOptions, RangePage, Store, StoredRow, TenantStore, WriteOp } from './Store';
import { VERSION, sdk, fits, rejected, THROTTLED, TRANSIENT, columnName, encodeValue, decodeRow, currentCredentials, sdkClient, DEFAULT_TABLESTORE_TABLE, otsErrorCode, type PkColumn, type SdkClient, type TablestoreStoreOptions, type TablestoreCredentials } from './tablestoreClient';
export { DEFAULT_TABLESTORE_TABLE, TABLESTORE_PRIMARY_KEY, initTablestoreTable, otsErrorCode, type TablestoreCredentials, type TablestoreStoreOptions } from './tablestoreClient';

/** BatchGetRow reads at most 100 rows (https://www.alibabacloud.com/help/doc-detail/91524.html). */
const BATCH_GET_ROWS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The cloud driver, on Alibaba Cloud Tablestore through the `tablestore` SDK. Each row's logical
 * columns are attribute columns (integers stay integers, so `increment` is the service's atomic
 * INCREMENT) beside a `_v` version column, which conditions compare with a column condition.
 * `update` and `increment` are one UpdateRow; `put` without a known version reads `_v` first and
 * writes conditionally, retrying if another writer slipped in. A multi-row `batchWrite` runs in a
 * local transaction on the tenant's partition: all of it commits or none.
 *
 * Throttling (OTSServerBusy, OTSNotEnoughCapacityUnit, OTSRowOperationConflict, ...) is retried with
 * exponential backoff for at most `retryBudgetMs`, then surfaces as STORE_BUSY; since the service
 * refuses those requests before writing, nothing is half-written.
 */
export function createTablestoreStore(options: TablestoreStoreOptions): Store {
  // The SDK (protobufjs and the compiled protocol) is loaded on the first store call, so a request
  // that never reaches the store (a refused token, say) does not pay for it. The SDK client signs
  // with the keys it was built with, so it is rebuilt when the credentials change (a function
  // role's are renewed long before they expire); every attempt of a call asks again, so a retry
  // after an expiry already signs with the new keys.
  let loaded: { client: SdkClient; signedWith: TablestoreCredentials } | undefined;
  const T = () => sdk();
  const client = {
    get: (): SdkClient => {
      const now = currentCredentials(options);
      const last = loaded?.signedWith;
      if (!loaded || last?.accessKeyId !== now.accessKeyId || last.accessKeySecret !== now.accessKeySecret || last.securityToken !== now.securityToken) {
        loaded = { client: sdkClient(options, now, { timeout: options.requestTimeoutMs ?? 5000, maxSockets: 64 }), signedWith: { ...now } };
      }
      return loaded.client;
    },
  };
  const tableName = options.table ?? DEFAULT_TABLESTORE_TABLE;
  const budget = options.retryBudgetMs ?? 4000;

  async function call<T>(what: string, fn: () => Promise<T>, read: boolean): Promise<T> {
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
        if (retryable && Date.now() - started + delay < budget) {
          await sleep(delay);
          continue;
        }
        if (retryable || TRANSIENT.has(code)) {
          throw new KefuError('STORE_BUSY', `Tablestore ${what} 失败: ${code} (已重试 ${attempt} 次)`, { code, attempts: attempt + 1 });
        }
        if (code === 'OTSParameterInvalid') throw rejected(what, code, err);
        const hint = code === 'OTSObjectNotExist' ? `,表 ${tableName} 不存在,请先运行 npm run kefu -- store init` : '';
        throw new KefuError('STORE_UNAVAILABLE', `Tablestore ${what} 失败: ${code}${hint}`, { code });
      }
    }
  }

  function condition(c: Condition | undefined): unknown {
    const S = T();
    const E = S.RowExistenceExpectation;
    if (c === undefined) return new S.Condition(E.IGNORE, null);
    if (c === 'exists') return new S.Condition(E.EXPECT_EXIST, null);
    if (c === 'notExists') return new S.Condition(E.EXPECT_NOT_EXIST, null);
    return new S.Condition(E.EXPECT_EXIST, new S.SingleColumnCondition(VERSION, S.Long.fromNumber(c.version), S.ComparatorType.EQUAL, false, true));
  }

  /** Runs a conditional write; a failed condition becomes ConditionFailedError. */
  async function conditional<T>(table: string, c: Condition | undefined, what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await call(what, fn, false);
    } catch (err) {
      if (otsErrorCode(err) === 'OTSConditionCheckFail') throw new ConditionFailedError(table, describeCondition(c));
      throw err;
    }
  }

  const putColumns = (value: Columns) =>
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([name, v]) => ({ [columnName(name)]: encodeValue(v) }));

  /** An UpdateRow change: set columns, delete the null ones, and count the version up. */
  function updateChange(set: Columns): Record<string, unknown>[] {
    const puts: Record<string, unknown>[] = [];
    const deletes: string[] = [];
    for (const [name, v] of Object.entries(set)) {
      if (v === null) deletes.push(columnName(name));
      else if (v !== undefined) puts.push({ [columnName(name)]: encodeValue(v) });
    }
    const change: Record<string, unknown>[] = [];
    if (puts.length) change.push({ PUT: puts });
    if (deletes.length) change.push({ DELETE_ALL: deletes });
    change.push({ INCREMENT: [{ [VERSION]: T().Long.fromNumber(1) }] });
    return change;
  }

  function tenantStore(tenant: string): TenantStore {
    checkTenant(tenant);
    const pk = (table: string, key: Key): PkColumn[] => {
      checkTable(table);
      const k = encodeKey(key);
      if (!fits(k)) throw new KefuError('ID_TOO_LONG');
      return [{ tenant }, { tbl: table }, { k }];
    };
    /** Whether a key can name a row at all; reads of one that cannot find nothing. */
    const possible = (table: string, key: Key): boolean => {
      checkTable(table);
      return fits(encodeKey(key));
    };
    const txnPart = (transactionId: string | undefined) => (transactionId ? { transactionId } : {});

    async function readVersion(table: string, key: Key, transactionId?: string): Promise<number | undefined> {
      const data = await call('GetRow', () => client.get().getRow({ tableName, primaryKey: pk(table, key), columnsToGet: [VERSION], maxVersions: 1, ...txnPart(transactionId) }), true);
      return decodeRow(data.row)?.version;
    }

    async function put(table: string, key: Key, value: Columns, c: Condition | undefined, transactionId?: string): Promise<number> {
      const primaryKey = pk(table, key);
      const attributes = putColumns(value);
      const write = (version: number, expect: Condition) =>
        conditional(table, c, 'PutRow', () =>
          client.get().putRow({ tableName, primaryKey, attributeColumns: [...attributes, { [VERSION]: T().Long.fromNumber(version) }], condition: condition(expect), ...txnPart(transactionId) }),
        ).then(() => version);
      if (typeof c === 'object') return write(c.version + 1, c);
      if (c === 'notExists') return write(1, c);
      // No version given: learn the current one and write only if it is still current.
      for (let attempt = 0; attempt < 20; attempt++) {
        const current = await readVersion(table, key, transactionId);
        if (current === undefined && c === 'exists') throw new ConditionFailedError(table, describeCondition(c));
        try {
          return await write((current ?? 0) + 1, current === undefined ? 'notExists' : { version: current });
        } catch (err) {
          if (!(err instanceof ConditionFailedError)) throw err;
        }
      }
      throw new KefuError('STORE_BUSY', `Tablestore PutRow: ${table} 写入冲突过多`, { table });
    }

    async function update(table: string, key: Key, set: Columns, c: Condition | undefined, transactionId?: string): Promise<number> {
      const change = updateChange(set);
      const data = await conditional(table, c, 'UpdateRow', () =>
        client.get().updateRow({ tableName, primaryKey: pk(table, key), updateOfAttributeColumns: change, condition: condition(c), returnContent: { returnType: T().ReturnType.AfterModify, returnColumns: [VERSION] }, ...txnPart(transactionId) }),
      );
      return decodeRow(data.row)?.version ?? 0;
    }

    async function remove(table: string, key: Key, c: Condition | undefined, transactionId?: string): Promise<void> {
      await conditional(table, c, 'DeleteRow', () => client.get().deleteRow({ tableName, primaryKey: pk(table, key), condition: condition(c), ...txnPart(transactionId) }));
    }

    function writeOne(op: WriteOp, transactionId?: string): Promise<unknown> {
      if (op.op === 'put') return put(op.table, op.key, op.value, op.condition, transactionId);
      if (op.op === 'update') return update(op.table, op.key, op.set, op.condition, transactionId);
      return remove(op.table, op.key, op.condition, transactionId);
    }

    const rowId = (op: WriteOp) => `${op.table}\u0000${encodeKey(op.key)}`;
    const needsVersion = (op: WriteOp) => op.op === 'put' && (op.condition === undefined || op.condition === 'exists');

    /**
     * Current versions of rows, in BatchGetRows of at most 100 rows, the service's limit (inside a
     * transaction the partition is locked, so they hold).
     */
    async function versionsOf(ops: readonly WriteOp[]): Promise<Map<string, number | undefined>> {
      const versions = new Map<string, number | undefined>();
      for (let at = 0; at < ops.length; at += BATCH_GET_ROWS) {
        const part = ops.slice(at, at + BATCH_GET_ROWS);
        const data = await call('BatchGetRow', () => client.get().batchGetRow({ tables: [{ tableName, primaryKey: part.map((op) => pk(op.table, op.key)), columnsToGet: [VERSION], maxVersions: 1 }] }), true);
        const rows = data.tables[0] ?? [];
        part.forEach((op, i) => {
          const r = rows[i];
          if (!r?.isOk) throw new KefuError(THROTTLED.has(r?.errorCode ?? '') ? 'STORE_BUSY' : 'STORE_UNAVAILABLE', `Tablestore BatchGetRow 失败: ${r?.errorCode ?? 'Unknown'}`, { code: r?.errorCode });
          versions.set(rowId(op), decodeRow({ primaryKey: r.primaryKey ?? [], attributes: r.attributes ?? [] })?.version);
        });
      }
      return versions;
    }

    /**
     * The rows of one BatchWriteRow for a batch: puts that expect no row or a given version, updates
     * and deletes are decided without reading; other puts use the versions read just before.
     */
    function batchRows(ops: readonly WriteOp[], versions: ReadonlyMap<string, number | undefined>): Record<string, unknown>[] {
      return ops.map((op) => {
        const primaryKey = pk(op.table, op.key);
        if (op.op === 'update') return { type: 'UPDATE', primaryKey, attributeColumns: updateChange(op.set), condition: condition(op.condition) };
        if (op.op === 'delete') return { type: 'DELETE', primaryKey, attributeColumns: [], condition: condition(op.condition) };
        let expect: Condition = op.condition ?? 'notExists';
        if (needsVersion(op)) {
          const current = versions.get(rowId(op));
          if (current === undefined && op.condition === 'exists') throw new ConditionFailedError(op.table, describeCondition(op.condition));
          expect = current === undefined ? 'notExists' : { version: current };
        }
        const version = typeof expect === 'object' ? expect.version + 1 : 1;
        return { type: 'PUT', primaryKey, attributeColumns: [...putColumns(op.value), { [VERSION]: T().Long.fromNumber(version) }], condition: condition(expect) };
      });
    }

    async function writeBlind(rows: Record<string, unknown>[], ops: readonly WriteOp[], transactionId: string): Promise<void> {
      const data = await call('BatchWriteRow', () => client.get().batchWriteRow({ tables: [{ tableName, rows }], transactionId }), false);
      const failed = data.tables.findIndex((r) => !r.isOk);
      if (failed < 0) return;
      const code = data.tables[failed]!.errorCode ?? 'Unknown';
      if (code === 'OTSConditionCheckFail') throw new ConditionFailedError(ops[failed]!.table, describeCondition(ops[failed]!.condition));
      if (code === 'OTSParameterInvalid') throw rejected('BatchWriteRow', code);
      throw new KefuError(THROTTLED.has(code) ? 'STORE_BUSY' : 'STORE_UNAVAILABLE', `Tablestore BatchWriteRow 失败: ${code}`, { code });
    }

    async function batchWrite(ops: readonly WriteOp[]): Promise<void> {
      for (const op of ops) checkTable(op.table);
      // Refused before the transaction starts: the service would reject the BatchWriteRow (or the
      // transaction's 4 MB) only after the partition had been locked.
      checkBatch(tenant, ops);
      if (ops.length === 0) return;
      if (ops.length === 1) {
        await writeOne(ops[0]!);
        return;
      }
      const { transactionId } = await call('StartLocalTransaction', () => client.get().startLocalTransaction({ tableName, primaryKey: [{ tenant }] }), false);
      try {
        // BatchGetRows (when a put needs a version) and one BatchWriteRow, which checkBatch made
        // fit one request; only a batch that repeats a row goes row by row (at most 200 rows, so
        // a few hundred calls, far inside the transaction's 60 s).
        if (new Set(ops.map(rowId)).size === ops.length) {
          await writeBlind(batchRows(ops, await versionsOf(ops.filter(needsVersion))), ops, transactionId);
        } else {
          for (const op of ops) await writeOne(op, transactionId);
        }
        await call('CommitTransaction', () => client.get().commitTransaction({ transactionId }), false);
      } catch (err) {
        // Best effort: an abort that fails still ends with the transaction's timeout, unapplied.
        // (SDK 5.6 also misreads AbortTransaction's empty answer and rejects after a good abort.)
        await client.get().abortTransaction({ transactionId }).catch(() => undefined);
        throw err;
      }
    }

    return {
      tenant,
      async get<T extends Columns = Columns>(table: string, key: Key): Promise<StoredRow<T> | undefined> {
        if (!possible(table, key)) return undefined;
        const data = await call('GetRow', () => client.get().getRow({ tableName, primaryKey: pk(table, key), maxVersions: 1 }), true);
        const row = decodeRow(data.row);
        return row ? { key: [...key], value: row.value as T, version: row.version } : undefined;
      },
      put: (table, key, value, c) => put(table, key, value, c),
      update: (table, key, set, c) => update(table, key, set, c),
      async delete(table, key, c) {
        if (possible(table, key)) return remove(table, key, c);
        // No such row: deleting it is nothing, unless the condition needed it to exist.
        if (c !== undefined && c !== 'notExists') throw new ConditionFailedError(table, describeCondition(c));
      },
      async range<T extends Columns = Columns>(table: string, prefix: Key, options?: RangeOptions): Promise<RangePage<T>> {
        checkTable(table);
        const b = rangeBounds(table, prefix, options);
        if (!fits(b.low)) return { rows: [] };
        const at = (k: unknown): PkColumn[] => [{ tenant }, { tbl: table }, { k }];
        let start: PkColumn[] = at(b.from ? b.from.key : b.forward ? b.low : b.high);
        // Going backward the end is the table's start; rows before the prefix end the walk below.
        const end = b.forward ? at(b.high) : at(T().INF_MIN);
        const found: { k: string; row: { value: Columns; version: number } }[] = [];
        for (;;) {
          const want = b.limit + 2 - found.length;
          const data = await call('GetRange', () => client.get().getRange({ tableName, direction: b.forward ? 'FORWARD' : 'BACKWARD', inclusiveStartPrimaryKey: start, exclusiveEndPrimaryKey: end, limit: want, maxVersions: 1 }), true);
          let outside = false;
          for (const raw of data.rows) {
            const k = String(raw.primaryKey?.[2]?.value);
            if (!b.forward && k < b.low) {
              outside = true;
              break;
            }
            if (b.from && !b.from.inclusive && k === b.from.key) continue;
            const row = decodeRow(raw);
            if (row) found.push({ k, row });
          }
          if (outside || found.length > b.limit || !data.nextStartPrimaryKey) break;
          start = data.nextStartPrimaryKey.map((c) => ({ [c.name]: c.value }));
        }
        const page = found.slice(0, b.limit);
        const rows = page.map((f) => ({ key: decodeKey(f.k), value: f.row.value as T, version: f.row.version }));
        const last = page[page.length - 1];
        return found.length > b.limit && last ? { rows, nextToken: encodeToken(table, b.low, last.k) } : { rows };
      },
      batchWrite,
      writeMany: (ops) => writeInBatches(tenant, ops, batchWrite),
      async increment(table: string, key: Key, column: string, by = 1): Promise<number> {
        if (!Number.isSafeInteger(by)) throw new KefuError('VALIDATION_FAILED', 'increment must be an integer', { reason: 'increment' });
        const name = columnName(column);
        const data = await call('UpdateRow', () =>
          client.get().updateRow({ tableName, primaryKey: pk(table, key), updateOfAttributeColumns: [{ INCREMENT: [{ [name]: T().Long.fromNumber(by) }, { [VERSION]: T().Long.fromNumber(1) }] }], condition: condition(undefined), returnContent: { returnType: T().ReturnType.AfterModify, returnColumns: [name] } }),
        false);
        return decodeRow(data.row)?.value[column] as number;
      },
    };
  }

  return {
    tenant: tenantStore,
    close: () => Promise.resolve(),
  };
}
