import { OtsError } from './OtsError';
import type { Value } from './plainBuffer';
import { cellsFromJson, cellsToJson, setRow, tableFromJson, tableToJson, valueFromJson, valueToJson, type StoredRow, type Table } from './storedRows';
import { WriteAheadLog, type LogRecord, type Snapshot } from './WriteAheadLog';

/**
 * The emulator's tables and auto-increment counter, and (with a file) their durability: every
 * change goes through here, is collected for the request making it, and `persist()` puts it in the
 * write-ahead log before the request is answered. Without a file it is memory only.
 */
export class DurableTables {
  readonly tables = new Map<string, Table>();
  private autoIncrement = 0n;
  private readonly wal: WriteAheadLog | undefined;
  /** The current request's changes, logged together before it is answered. */
  private pending: LogRecord[] = [];

  /** `localTransactions` decides the flag of tables saved before tables had one. */
  constructor(file: string | undefined, private readonly localTransactions: (name: string) => boolean) {
    if (!file) return;
    this.wal = new WriteAheadLog(file);
    const { snapshot, records } = this.wal.load();
    if (snapshot) {
      this.autoIncrement = BigInt(snapshot.autoIncrement);
      for (const t of snapshot.tables) this.tables.set(t.name, tableFromJson(t, localTransactions));
    }
    for (const record of records) this.replay(record);
  }

  addTable(table: Table): void {
    this.tables.set(table.name, table);
    this.log({ k: 'table', table: tableToJson(table) });
  }

  dropTable(name: string): void {
    this.tables.delete(name);
    this.log({ k: 'drop', name });
  }

  /** Puts (or, with null, deletes) a row for good: outside a transaction, or at its commit. */
  commitRow(table: Table, pk: Value[], row: StoredRow | null): void {
    setRow(table, pk, row);
    this.log({ k: 'row', table: table.name, pk: pk.map(valueToJson), cols: row ? cellsToJson(row.cols) : null });
  }

  /** The next auto-increment value: it grows with the clock (in microsecond-like steps) and never repeats. */
  nextAutoIncrement(now: number): bigint {
    this.autoIncrement = BigInt(now) * 1000n > this.autoIncrement ? BigInt(now) * 1000n : this.autoIncrement + 1n;
    this.log({ k: 'ai', v: this.autoIncrement.toString() });
    return this.autoIncrement;
  }

  /** Puts the request's changes on disk before it is answered; a disk failure is the service's internal error. */
  persist(): void {
    if (!this.wal || this.pending.length === 0) return;
    const records = this.pending;
    this.pending = [];
    try {
      this.wal.append(records);
      if (this.wal.wantsCompaction) this.wal.compact(this.snapshot());
    } catch (err) {
      throw new OtsError(500, 'OTSInternalServerError', `Internal server error: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Rewrites the snapshot with everything so far and empties the log (no-op without a file). */
  flush(): void {
    if (!this.wal) return;
    this.persist();
    this.wal.compact(this.snapshot());
  }

  close(): void {
    this.flush();
    this.wal?.close();
  }

  private log(record: LogRecord): void {
    if (this.wal) this.pending.push(record);
  }

  private snapshot(): Snapshot {
    return { autoIncrement: this.autoIncrement.toString(), tables: [...this.tables.values()].map(tableToJson) };
  }

  private replay(record: LogRecord): void {
    if (record.k === 'table') this.tables.set(record.table.name, tableFromJson(record.table, this.localTransactions));
    else if (record.k === 'drop') this.tables.delete(record.name);
    else if (record.k === 'ai') this.autoIncrement = BigInt(record.v) > this.autoIncrement ? BigInt(record.v) : this.autoIncrement;
    else {
      const table = this.tables.get(record.table);
      const pk = record.pk.map(valueFromJson);
      if (table) setRow(table, pk, record.cols ? { pk, cols: cellsFromJson(record.cols) } : null);
    }
  }
}
