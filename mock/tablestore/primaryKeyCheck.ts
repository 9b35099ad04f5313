import { invalid } from './OtsError';
import type { Cell, Value } from './plainBuffer';
import { MAX_STRING_PK } from './requestLimits';
import { valueSize, type Table } from './storedRows';
import { PrimaryKeyType } from './tablestoreProto';

/**
 * Checks a row's key against the table's schema: `exact` keys are full and concrete, `put` keys may
 * ask for an auto-increment value (taken from `nextAutoIncrement`), `bound` keys may hold
 * INF_MIN/INF_MAX, `partition` is the first column alone.
 */
export function checkPk(table: Table, cells: readonly Cell[], mode: 'exact' | 'put' | 'bound' | 'partition', nextAutoIncrement: () => bigint): Value[] {
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
      return { t: 'int', v: nextAutoIncrement() };
    }
    const type = v.t === 'int' ? PrimaryKeyType.INTEGER : v.t === 'str' ? PrimaryKeyType.STRING : v.t === 'bin' ? PrimaryKeyType.BINARY : 0;
    if (type !== col.type) throw invalid(`Validate PK type fail. Input: ${v.t}, Meta: ${col.type}.`);
    if (valueSize(v) > MAX_STRING_PK) throw invalid(`The length of primary key column: '${col.name}' exceeds the MaxLength: ${MAX_STRING_PK}.`);
    return v;
  });
}
