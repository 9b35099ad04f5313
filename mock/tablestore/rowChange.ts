import { invalid } from './OtsError';
import { DELETE_ALL_VERSION, DELETE_ONE_VERSION, INCREMENT, type Row } from './plainBuffer';
import { MAX_CELL } from './requestLimits';
import { valueSize, type PkColumnMeta, type StoredCell, type StoredRow } from './storedRows';
import { OperationType } from './tablestoreProto';
import type { Value } from './plainBuffer';

/** Checks a change's attribute cells: valid names, not a key column's name, cells within 2 MB. */
export function checkCells(change: Row, pk: readonly PkColumnMeta[]): void {
  for (const cell of change.cells) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,254}$/.test(cell.name)) throw invalid(`Invalid column name: '${cell.name}'.`);
    if (cell.value && valueSize(cell.value) > MAX_CELL) throw invalid(`The length of attribute column: '${cell.name}' exceeds the MaxLength: ${MAX_CELL}.`);
    if (pk.some((c) => c.name === cell.name)) throw invalid(`The attribute column ${cell.name} has the name of a primary key column.`);
  }
}

/**
 * The row after a PutRow (the cells given, nothing else), UpdateRow (put, delete one or all versions,
 * increment, over the existing cells) or DeleteRow (null).
 */
export function applyChange(type: number, pk: Value[], change: Row, existing: StoredRow | undefined, now: number): StoredRow | null {
  if (type === OperationType.DELETE) return null;
  if (type === OperationType.PUT) {
    const cols = new Map<string, StoredCell>();
    for (const cell of change.cells) {
      if (!cell.value || cell.op !== undefined) throw invalid('PutRow cells must carry a value and no operation.');
      cols.set(cell.name, { value: cell.value, ts: cell.timestamp ?? now });
    }
    return { pk, cols };
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
  return { pk, cols };
}
