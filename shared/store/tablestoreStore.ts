import { KefuError } from '../errors';
import { ConditionFailedError } from './ConditionFailedError';
import { checkBatch, checkTable, checkTenant, decodeKey, describeCondition, encodeKey, encodeToken, rangeBounds, writeInBatches } from './keyCodec';
import { partitionOf } from './partitions';
import type { Columns, Key, RangeOptions, RangePage, Store, StoredRow, TenantStore, WriteOp } from './Store';
import { TablestoreBatch } from './tablestoreBatch';
import { sdk, fits, columnName, decodeRow, currentCredentials, keepAliveAgent, sdkClient, DEFAULT_TABLESTORE_TABLE, type PkColumn, type SdkClient, type TablestoreStoreOptions, type TablestoreCredentials } from './tablestoreClient';
import { TablestoreIncrementBatcher } from './TablestoreIncrementBatcher';
import { TablestoreReadBatcher } from './TablestoreReadBatcher';
import { TablestoreRows, type PlacedOp } from './tablestoreRows';
export { DEFAULT_TABLESTORE_TABLE, TABLESTORE_PRIMARY_KEY, initTablestoreTable, otsErrorCode, type TablestoreCredentials, type TablestoreStoreOptions } from './tablestoreClient';

/**
 * The cloud driver, on Alibaba Cloud Tablestore through the `tablestore` SDK. Rows live in one
 * physical table keyed (p, tbl, k): p is the row's partition (partitions.ts: one conversation, one
 * user, or one merchant's table), so a merchant's conversations never wait on each other's locks.
 * Each row's logical columns are attribute columns (integers stay integers, so `increment` is the
 * service's atomic INCREMENT) beside a `_v` version column, which conditions compare with a column
 * condition. A multi-row batch within one partition runs in a local transaction on it; a batch
 * across partitions follows tablestoreBatch.ts.
 */
export function createTablestoreStore(options: TablestoreStoreOptions): Store {
  // The SDK (protobufjs and the compiled protocol) is loaded on the first store call, so a request
  // that never reaches the store (a refused token, say) does not pay for it. The SDK client signs
  // with the keys it was built with, so it is rebuilt when the credentials change (a function
  // role's are renewed long before they expire); every attempt of a call asks again, so a retry
  // after an expiry already signs with the new keys.
  let loaded: { client: SdkClient; signedWith: TablestoreCredentials } | undefined;
  const agent = keepAliveAgent(options.endpoint, 64);
  const client = (): SdkClient => {
    const now = currentCredentials(options);
    const last = loaded?.signedWith;
    if (!loaded || last?.accessKeyId !== now.accessKeyId || last.accessKeySecret !== now.accessKeySecret || last.securityToken !== now.securityToken) {
      loaded = { client: sdkClient(options, now, { timeout: options.requestTimeoutMs ?? 5000, maxSockets: 64, agent }), signedWith: { ...now } };
    }
    return loaded.client;
  };
  const rows = new TablestoreRows(client, options.table ?? DEFAULT_TABLESTORE_TABLE, options.retryBudgetMs ?? 4000);
  const reads = new TablestoreReadBatcher(rows);
  const increments = new TablestoreIncrementBatcher(rows);

  function tenantStore(tenant: string): TenantStore {
    checkTenant(tenant);
    const pk = (table: string, key: Key): PkColumn[] => {
      checkTable(table);
      const k = encodeKey(key);
      if (!fits(k)) throw new KefuError('ID_TOO_LONG');
      return [{ p: partitionOf(tenant, table, key) }, { tbl: table }, { k }];
    };
    const place = (op: WriteOp): PlacedOp => {
      const primaryKey = pk(op.table, op.key);
      return { op, pk: primaryKey, partition: primaryKey[0]!.p as string };
    };
    /** Whether a key can name a row at all; reads of one that cannot find nothing. */
    const possible = (table: string, key: Key): boolean => {
      checkTable(table);
      return fits(encodeKey(key));
    };
    const batch = new TablestoreBatch(rows, tenant, place);

    async function batchWrite(ops: readonly WriteOp[]): Promise<void> {
      for (const op of ops) checkTable(op.table);
      // Refused before any transaction starts: the service would reject the BatchWriteRow (or the
      // transaction's 4 MB) only after the partition had been locked.
      checkBatch(tenant, ops);
      if (ops.length === 0) return;
      await batch.write(ops);
    }

    return {
      tenant,
      async get<T extends Columns = Columns>(table: string, key: Key): Promise<StoredRow<T> | undefined> {
        if (!possible(table, key)) return undefined;
        const row = decodeRow(await reads.get(pk(table, key)));
        return row ? { key: [...key], value: row.value as T, version: row.version } : undefined;
      },
      // Async, so a bad key is a rejected promise like every other failure, never a throw.
      put: async (table, key, value, c) => rows.put(table, pk(table, key), value, c),
      update: async (table, key, set, c) => rows.update(table, pk(table, key), set, c),
      async delete(table, key, c) {
        if (possible(table, key)) return rows.remove(table, pk(table, key), c);
        // No such row: deleting it is nothing, unless the condition needed it to exist.
        if (c !== undefined && c !== 'notExists') throw new ConditionFailedError(table, describeCondition(c));
      },
      async range<T extends Columns = Columns>(table: string, prefix: Key, options?: RangeOptions): Promise<RangePage<T>> {
        checkTable(table);
        const b = rangeBounds(table, prefix, options);
        if (!fits(b.low)) return { rows: [] };
        const partition = partitionOf(tenant, table, prefix);
        const at = (k: unknown): PkColumn[] => [{ p: partition }, { tbl: table }, { k }];
        let start: PkColumn[] = at(b.from ? b.from.key : b.forward ? b.low : b.high);
        // Going backward the end is the table's start; rows before the prefix end the walk below.
        const end = b.forward ? at(b.high) : at(sdk().INF_MIN);
        const found: { k: string; row: { value: Columns; version: number } }[] = [];
        for (;;) {
          const want = b.limit + 2 - found.length;
          const data = await rows.call('GetRange', () => client().getRange({ tableName: rows.tableName, direction: b.forward ? 'FORWARD' : 'BACKWARD', inclusiveStartPrimaryKey: start, exclusiveEndPrimaryKey: end, limit: want, maxVersions: 1 }), true);
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
        const out = page.map((f) => ({ key: decodeKey(f.k), value: f.row.value as T, version: f.row.version }));
        const last = page[page.length - 1];
        return found.length > b.limit && last ? { rows: out, nextToken: encodeToken(table, b.low, last.k) } : { rows: out };
      },
      batchWrite,
      writeMany: (ops) => writeInBatches(tenant, ops, batchWrite),
      async increment(table: string, key: Key, column: string, by = 1): Promise<number> {
        if (!Number.isSafeInteger(by)) throw new KefuError('VALIDATION_FAILED', 'increment must be an integer', { reason: 'increment' });
        return increments.add(pk(table, key), columnName(column), column, by);
      },
      recover: (olderThanMs) => batch.recover(olderThanMs),
    };
  }

  return {
    tenant: tenantStore,
    close: () => {
      agent.destroy();
      return Promise.resolve();
    },
  };
}
