import { ConditionFailedError } from './ConditionFailedError';
import {
  applyUpdate,
  checkTable,
  checkTenant,
  cloneColumns,
  conditionHolds,
  decodeKey,
  describeCondition,
  encodeKey,
  encodeToken,
  rangeBounds,
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
  // table -> tenant -> encoded key -> cell
  const tables = new Map<string, Map<string, Map<string, Cell>>>();

  function rows(table: string, tenant: string): Map<string, Cell> {
    let byTenant = tables.get(table);
    if (!byTenant) tables.set(table, (byTenant = new Map<string, Map<string, Cell>>()));
    let cells = byTenant.get(tenant);
    if (!cells) byTenant.set(tenant, (cells = new Map<string, Cell>()));
    return cells;
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
      return () => (cells.delete(key), 0);
    }
    const value = op.op === 'put' ? cloneColumns(op.value) : applyUpdate(current?.value, cloneColumns(op.set));
    const cell = { value, version };
    pending.set(slot, cell);
    return () => (cells.set(key, cell), version);
  }

  function tenantStore(tenant: string): TenantStore {
    checkTenant(tenant);
    const write = (op: WriteOp): number => prepare(tenant, op, new Map())();
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
          cells.delete(encoded);
        }),
      range<T extends Columns = Columns>(table: string, prefix: Key, options?: RangeOptions): Promise<RangePage<T>> {
        return Promise.resolve().then(() => {
          checkTable(table);
          const b = rangeBounds(table, prefix, options);
          let keys = [...rows(table, tenant).keys()].filter((k) => k >= b.low && k < b.high).sort();
          if (!b.forward) keys.reverse();
          if (b.from) {
            const { key: from, inclusive } = b.from;
            keys = keys.filter((k) => (b.forward ? (inclusive ? k >= from : k > from) : inclusive ? k <= from : k < from));
          }
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
      batchWrite(ops) {
        return Promise.resolve().then(() => {
          const pending = new Map<string, Cell | undefined>();
          const apply = ops.map((op) => prepare(tenant, op, pending));
          for (const fn of apply) fn();
        });
      },
      increment(table, key, column, by = 1) {
        return Promise.resolve().then(() => {
          checkTable(table);
          const cells = rows(table, tenant);
          const encoded = encodeKey(key);
          const cell = cells.get(encoded);
          const previous = cell?.value[column];
          const next = (typeof previous === 'number' ? previous : 0) + by;
          cells.set(encoded, { value: { ...cell?.value, [column]: next }, version: (cell?.version ?? 0) + 1 });
          return next;
        });
      },
    };
  }

  return {
    tenant: tenantStore,
    close: () => Promise.resolve(),
  };
}
