import type { Value } from './plainBuffer';

/**
 * The emulator's table data: rows sorted by primary key, one version per cell, and how it is
 * written to and read from JSON (the snapshot and the write-ahead log share the form).
 */

export interface StoredCell {
  value: Value;
  ts: number;
}
export interface StoredRow {
  readonly pk: Value[];
  cols: Map<string, StoredCell>;
}
export interface PkColumnMeta {
  readonly name: string;
  readonly type: number;
  readonly autoIncrement: boolean;
}
export interface Table {
  readonly name: string;
  readonly pk: readonly PkColumnMeta[];
  readonly rows: StoredRow[];
  readonly createdAt: number;
  /** Set when the table was made "in the console with local transactions on"; CreateTable from the Node SDK cannot ask for it. */
  readonly localTransactions: boolean;
}

/**
 * Strings compare by their UTF-8 bytes, as the service orders them. That is code point order, which
 * is UTF-16 order until a surrogate meets a unit above it; only then are the bytes compared (the
 * common case allocates nothing, which matters in the binary search of every call).
 */
function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Whole strings: slicing inside a surrogate pair would encode both halves as U+FFFD.
    if ((x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff)) return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
    return x - y;
  }
  return a.length - b.length;
}

export function compareValues(a: Value, b: Value): number {
  if (a.t === 'infMin' || b.t === 'infMax') return a.t === b.t ? 0 : -1;
  if (a.t === 'infMax' || b.t === 'infMin') return a.t === b.t ? 0 : 1;
  if (a.t === 'int' && b.t === 'int') return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  if (a.t === 'str' && b.t === 'str') return compareUtf8(a.v, b.v);
  if (a.t === 'bin' && b.t === 'bin') return Buffer.compare(a.v, b.v);
  if (a.t === 'double' && b.t === 'double') return a.v - b.v;
  if (a.t === 'bool' && b.t === 'bool') return Number(a.v) - Number(b.v);
  return Number.NaN;
}

export function comparePk(a: readonly Value[], b: readonly Value[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export const pkId = (pk: readonly Value[]) => JSON.stringify(pk.map((v) => ('v' in v ? `${v.t}:${Buffer.isBuffer(v.v) ? v.v.toString('hex') : String(v.v)}` : v.t)));

export const valueSize = (v: Value) => (v.t === 'str' ? Buffer.byteLength(v.v) : v.t === 'bin' ? v.v.length : 8);

/** Where a key is in the table's sorted rows (binary search), and whether it is there. */
export function findRow(table: Table, pk: readonly Value[]): { index: number; found: boolean } {
  let lo = 0;
  let hi = table.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comparePk(table.rows[mid]!.pk, pk) < 0) lo = mid + 1;
    else hi = mid;
  }
  return { index: lo, found: lo < table.rows.length && comparePk(table.rows[lo]!.pk, pk) === 0 };
}

/** Puts a row in place of the one with its key (or inserts it); null deletes. */
export function setRow(table: Table, pk: readonly Value[], row: StoredRow | null): void {
  const { index, found } = findRow(table, pk);
  if (row === null) {
    if (found) table.rows.splice(index, 1);
  } else if (found) table.rows[index] = row;
  else table.rows.splice(index, 0, row);
}

export type JsonValue = { t: string; v?: unknown };
export type JsonCells = [string, { value: JsonValue; ts: number }][];
export type TableJson = Omit<Table, 'rows' | 'localTransactions'> & { localTransactions?: boolean; rows: { pk: JsonValue[]; cols: JsonCells }[] };

/** int64 as a decimal string and binary as base64, which JSON cannot hold as they are. */
export const valueToJson = (v: Value): JsonValue => (v.t === 'int' ? { t: v.t, v: v.v.toString() } : v.t === 'bin' ? { t: v.t, v: v.v.toString('base64') } : v);
export const valueFromJson = (v: JsonValue): Value => (v.t === 'int' ? { t: 'int', v: BigInt(v.v as string) } : v.t === 'bin' ? { t: 'bin', v: Buffer.from(v.v as string, 'base64') } : (v as Value));
export const cellsToJson = (cols: ReadonlyMap<string, StoredCell>): JsonCells => [...cols].map(([name, c]) => [name, { value: valueToJson(c.value), ts: c.ts }]);
export const cellsFromJson = (cols: JsonCells): Map<string, StoredCell> => new Map(cols.map(([name, c]) => [name, { value: valueFromJson(c.value), ts: c.ts }]));

export const tableToJson = (t: Table): TableJson => ({ ...t, rows: t.rows.map((r) => ({ pk: r.pk.map(valueToJson), cols: cellsToJson(r.cols) })) });

/** A saved table; one saved before tables had the flag takes `localTransactions` from the caller's rule. */
export const tableFromJson = (t: TableJson, localTransactions: (name: string) => boolean): Table => ({
  ...t,
  localTransactions: t.localTransactions ?? localTransactions(t.name),
  rows: t.rows.map((r) => ({ pk: r.pk.map(valueFromJson), cols: cellsFromJson(r.cols) })),
});
