import { OtsError, invalid } from './OtsError';
import { writeRows, type Cell, type Value } from './plainBuffer';
import type { StoredRow, Table } from './storedRows';
import { ReturnType, type ReturnContentMsg } from './tablestoreProto';

/** What a write answers with: nothing, the key (RT_PK), or the key and the columns asked for (RT_AFTER_MODIFY). */
export function rowResult(result: { table: Table; pk: Value[]; row: StoredRow | undefined }, returnContent: ReturnContentMsg | undefined): { row?: Buffer } {
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

/** A stored row as a read returns it: the columns asked for (all when none), sorted by name. */
export function project(table: Table, row: StoredRow, columns: readonly string[] | undefined): { primaryKey: Cell[]; cells: Cell[] } {
  const wanted = columns?.length ? new Set(columns) : undefined;
  const primaryKey = row.pk.map((v, i) => ({ name: table.pk[i]!.name, value: v }));
  const cells = [...row.cols.entries()]
    .filter(([name]) => !wanted || wanted.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, cell]) => ({ name, value: cell.value, timestamp: cell.ts }));
  return { primaryKey: wanted && !table.pk.some((c) => wanted.has(c.name)) && cells.length === 0 ? [] : primaryKey, cells };
}

/** One row's failure inside a batch answer. */
export function rowError(err: unknown): object {
  const e = err instanceof OtsError ? err : invalid(err instanceof Error ? err.message : String(err));
  return { isOk: false, error: { code: e.code, message: e.message } };
}
