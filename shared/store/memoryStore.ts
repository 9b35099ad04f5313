import { ConditionFailedError } from './ConditionFailedError';
import {
  applyUpdate,
  checkBatch,
  checkTable,
  checkTenant,
  cloneColumns,
  conditionHolds,
  decodeKey,
  describeCondition,
  encodeKey,
  encodeToken,
  rangeBounds,
  writeInBatches,
} from './keyCodec';
import type { Columns, Condition, Key, RangeOptions, RangePage, Store, StoredRow, TenantStore, WriteOp } from './Store';

interface Cell {
  value: Columns;
  version: number;
}

/**
 * The in-memory driver, for unit tests. Behaves like sqlite: sorted keys, deep-copied values,
 * all-or-nothing batches. Operations are synchronous inside, so each one is atomic.
 */
export function createMemoryStore(): Store {
  // table -> tenant -> encoded key -> cell, plus the keys in order for ranges.
  const tables = new Map<string, Map<string, Map<string, Cell>>>();
  const orders = new WeakMap<Map<string, Cell>, string[]>();

  function rows(table: string, tenant: string): Map<string, Cell> {
    let byTenant = tables.get(table);
    if (!byTenant) tables.set(table, (byTenant = new Map<string, Map<string, Cell>>()));
    let cells = byTenant.get(tenant);
    if (!cells) {
      byTenant.set(tenant, (cells = new Map<string, Cell>()));
      orders.set(cells, []);
    }
    return cells;
  }

  /** First index in the sorted keys whose key is >= `key` (binary search). */
  function lowerBound(sorted: readonly string[], key: string): number {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // Writes go through these two so the sorted key list stays exact: ranges are then a binary
  // search and a slice, not a sort of the whole table per call.
  function setCell(cells: Map<string, Cell>, key: string, cell: Cell): void {
    if (!cells.has(key)) {
      const sorted = orders.get(cells)!;
      sorted.splice(lowerBound(sorted, key), 0, key);
    }
    cells.set(key, cell);
  }

  function deleteCell(cells: Map<string, Cell>, key: string): void {
    if (!cells.delete(key)) return;
    const sorted = orders.get(cells)!;
    sorted.splice(lowerBound(sorted, key), 1);
  }

  function check(table: string, cells: Map<string, Cell>, key: string, condition: Condition | undefined): Cell | undefined {
    const cell = cells.get(key);
    if (!conditionHolds(condition, cell?.version)) throw new ConditionFailedError(table, describeCondition(condition));
    return cell;
  }

  /** Validates an op and returns a function that applies it; nothing is written until all pass. */
  function prepare(tenant: string, op: WriteOp, pending: Map<string, Cell | undefined>): () => number {
    checkTable(op.table);
    const cells = rows(op.table, tenant);
    const key = encodeKey(op.key);
    const slot = `${op.table}\u0001${key}`;
    const current = pending.has(slot) ? pending.get(slot) : cells.get(key);
    if (!conditionHolds(op.condition, current?.version)) throw new ConditionFailedError(op.table, describeCondition(op.condition));
    const version = (current?.version ?? 0) + 1;
    if (op.op === 'delete') {
      pending.set(slot, undefined);
      return () => (deleteCell(cells, key), 0);
    }
    const value = op.op === 'put' ? cloneColumns(op.value) : applyUpdate(current?.value, cloneColumns(op.set));
    const cell = { value, version };
    pending.set(slot, cell);
    return () => (setCell(cells, key, cell), version);
  }

  function tenantStore(tenant: string): TenantStore {
    checkTenant(tenant);
    const write = (op: WriteOp): number => prepare(tenant, op, new Map())();
    const batchWrite = (ops: readonly WriteOp[]): Promise<void> =>
      Promise.resolve().then(() => {
        checkBatch(tenant, ops);
        const pending = new Map<string, Cell | undefined>();
        const apply = ops.map((op) => prepare(tenant, op, pending));
        for (const fn of apply) fn();
      });
    return {
      tenant,
      get<T extends Columns = Columns>(table: string, key: Key): Promise<StoredRow<T> | undefined> {
        return Promise.resolve().then(() => {
          checkTable(table);
          const cell = rows(table, tenant).get(encodeKey(key));
          return cell ? { key: [...key], value: cloneColumns(cell.value) as T, version: cell.version } : undefined;
        });
      },
      put: (table, key, value, condition) => Promise.resolve().then(() => write({ op: 'put', table, key, value, ...(condition ? { condition } : {}) })),
      update: (table, key, set, condition) => Promise.resolve().then(() => write({ op: 'update', table, key, set, ...(condition ? { condition } : {}) })),
      delete: (table, key, condition) =>
        Promise.resolve().then(() => {
          checkTable(table);
          const cells = rows(table, tenant);
          const encoded = encodeKey(key);
          check(table, cells, encoded, condition);
          deleteCell(cells, encoded);
        }),
      range<T extends Columns = Columns>(table: string, prefix: Key, options?: RangeOptions): Promise<RangePage<T>> {
        return Promise.resolve().then(() => {
          checkTable(table);
          const b = rangeBounds(table, prefix, options);
          const sorted = orders.get(rows(table, tenant))!;
          // The window of keys in the prefix, narrowed by the start key or token.
          let first = lowerBound(sorted, b.low);
          let end = lowerBound(sorted, b.high);
          if (b.from) {
            const { key: from, inclusive } = b.from;
            if (b.forward) first = Math.max(first, inclusive ? lowerBound(sorted, from) : lowerBound(sorted, `${from}\u0000`));
            else end = Math.min(end, inclusive ? lowerBound(sorted, `${from}\u0000`) : lowerBound(sorted, from));
          }
          const keys = b.forward ? sorted.slice(first, Math.min(end, first + b.limit + 1)) : sorted.slice(Math.max(first, end - b.limit - 1), end).reverse();
          const page = keys.slice(0, b.limit);
          const cells = rows(table, tenant);
          const out = page.map((k) => {
            const cell = cells.get(k)!;
            return { key: decodeKey(k), value: cloneColumns(cell.value) as T, version: cell.version };
          });
          const last = page[page.length - 1];
          return keys.length > b.limit && last !== undefined ? { rows: out, nextToken: encodeToken(table, b.low, last) } : { rows: out };
        });
      },
      batchWrite,
      writeMany: (ops) => writeInBatches(tenant, ops, batchWrite),
      increment(table, key, column, by = 1) {
        return Promise.resolve().then(() => {
          checkTable(table);
          const cells = rows(table, tenant);
          const encoded = encodeKey(key);
          const cell = cells.get(encoded);
          const previous = cell?.value[column];
          const next = (typeof previous === 'number' ? previous : 0) + by;
          setCell(cells, encoded, { value: { ...cell?.value, [column]: next }, version: (cell?.version ?? 0) + 1 });
          return next;
        });
      },
      // Every batch is applied at once: nothing is ever left half-written.
      recover: () => Promise.resolve(0),
    };
  }

  return {
    tenant: tenantStore,
    close: () => Promise.resolve(),
  };
}
