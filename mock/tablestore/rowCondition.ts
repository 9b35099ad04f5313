import { conditionFailed, invalid } from './OtsError';
import { readVariant } from './plainBuffer';
import { compareValues, type StoredRow } from './storedRows';
import { Comparator, FilterType, LogicalOperator, RowExistence, filterProto, type ConditionMsg, type FilterMsg } from './tablestoreProto';

/** A write's condition (row existence, then the column filter) against the row as it is; throws OTSConditionCheckFail. */
export function checkCondition(condition: ConditionMsg | undefined, row: StoredRow | undefined): void {
  const existence = condition?.rowExistence ?? RowExistence.IGNORE;
  if (existence === RowExistence.EXPECT_EXIST && !row) throw conditionFailed();
  if (existence === RowExistence.EXPECT_NOT_EXIST && row) throw conditionFailed();
  if (condition?.columnCondition?.length && !filterPasses(filterProto.Filter.decode(condition.columnCondition), row)) throw conditionFailed();
}

function filterPasses(filter: FilterMsg, row: StoredRow | undefined): boolean {
  if (filter.type === FilterType.COMPOSITE) {
    const f = filterProto.CompositeColumnValueFilter.decode(filter.filter);
    const results = f.subFilters.map((sub) => filterPasses(sub, row));
    if (f.combinator === LogicalOperator.NOT) return !results[0];
    return f.combinator === LogicalOperator.AND ? results.every(Boolean) : results.some(Boolean);
  }
  if (filter.type !== FilterType.SINGLE) throw invalid('Only column value filters may be used in a condition.');
  const f = filterProto.SingleColumnValueFilter.decode(filter.filter);
  const cell = row?.cols.get(f.columnName);
  if (!cell) return !f.filterIfMissing;
  const c = compareValues(cell.value, readVariant(Buffer.from(f.columnValue)));
  if (Number.isNaN(c)) return false;
  switch (f.comparator) {
    case Comparator.EQUAL:
      return c === 0;
    case Comparator.NOT_EQUAL:
      return c !== 0;
    case Comparator.GREATER_THAN:
      return c > 0;
    case Comparator.GREATER_EQUAL:
      return c >= 0;
    case Comparator.LESS_THAN:
      return c < 0;
    case Comparator.LESS_EQUAL:
      return c <= 0;
    default:
      throw invalid(`Unknown comparator ${f.comparator}.`);
  }
}
