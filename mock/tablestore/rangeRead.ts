import { invalid } from './OtsError';
import { writeRows, type Value } from './plainBuffer';
import { MAX_RANGE_ROWS } from './requestLimits';
import { project } from './rowResults';
import { comparePk, pkId, type Table } from './storedRows';
import type { GetRangeRequestMsg } from './tablestoreProto';
import type { Transaction } from './TransactionTable';

/**
 * GetRange's answer for checked bounds: rows from `start` (inclusive) to `end` (exclusive), either
 * direction, seen through the transaction's own writes when there is one, a page of at most
 * `limit` (and 5000) rows and the key to start the next page at.
 */
export function readRange(table: Table, start: Value[], end: Value[], req: GetRangeRequestMsg, txn: Transaction | undefined): object {
  const backward = req.direction === 1;
  if (backward ? comparePk(start, end) < 0 : comparePk(start, end) > 0) {
    throw invalid(backward ? 'Begin key must more than end key in BACKWARD' : 'Begin key must less than end key in FORWARD');
  }
  const limit = Math.min(req.limit && req.limit > 0 ? req.limit : MAX_RANGE_ROWS, MAX_RANGE_ROWS);
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
    consumed: { capacityUnit: { read: Math.max(1, page.length), write: 0 } },
    rows: writeRows(page.map((r) => project(table, r, req.columnsToGet))),
    ...(next ? { nextStartPrimaryKey: writeRows([{ primaryKey: next.pk.map((v, i) => ({ name: table.pk[i]!.name, value: v })) }]) } : {}),
  };
}
