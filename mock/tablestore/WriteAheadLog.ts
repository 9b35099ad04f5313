import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { JsonCells, JsonValue, TableJson } from './storedRows';

/** One change to the data, as the log keeps it: each sets an absolute state, so replaying twice is harmless. */
export type LogRecord =
  | { readonly k: 'table'; readonly table: TableJson }
  | { readonly k: 'drop'; readonly name: string }
  | { readonly k: 'row'; readonly table: string; readonly pk: JsonValue[]; readonly cols: JsonCells | null }
  | { readonly k: 'ai'; readonly v: string };

export interface Snapshot {
  readonly autoIncrement: string;
  readonly tables: readonly TableJson[];
}

/** Lines the log may reach before the next request's changes trigger a compaction. */
const COMPACT_AFTER_LINES = 2000;
const COMPACT_AFTER_BYTES = 16 * 1024 * 1024;

/**
 * Durable storage for the emulator's `file`: a JSON snapshot (`file`, the form earlier versions
 * saved) plus a write-ahead log (`file.log`, one JSON line per request's changes). A request's
 * changes are written and fsync'ed before its answer is sent, so an acknowledged write survives a
 * kill -9 (the old "save 200 ms later" lost 11 of 150 answered messages). A torn last line is a
 * request that was never answered and is skipped on replay.
 *
 * Compaction rewrites the snapshot (temp file, fsync, rename, fsync of the folder) and only then
 * empties the log; a crash in between replays the log over a snapshot that already holds it, which
 * lands on the same state because every record is absolute (see LogRecord; a `table` record empties
 * the table, and every row written since is later in the same log).
 */
export class WriteAheadLog {
  private readonly logFile: string;
  private fd: number | undefined;
  private lines = 0;
  private bytes = 0;

  constructor(private readonly file: string) {
    this.logFile = `${file}.log`;
  }

  /** The snapshot (if any) and the records logged after it, in order. Opens the log for appending. */
  load(): { snapshot: Snapshot | undefined; records: LogRecord[] } {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const snapshot = existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Snapshot) : undefined;
    const records: LogRecord[] = [];
    if (existsSync(this.logFile)) {
      const text = readFileSync(this.logFile, 'utf8');
      for (const line of text.split('\n')) {
        if (!line) continue;
        try {
          records.push(...(JSON.parse(line) as { r: LogRecord[] }).r);
          this.lines++;
        } catch {
          // Only the last line can be torn (a write cut short by the kill); it was never acknowledged.
          break;
        }
      }
      this.bytes = Buffer.byteLength(text);
    }
    this.fd = openSync(this.logFile, 'a');
    return { snapshot, records };
  }

  /** Appends one request's changes and waits for the disk (fsync) before the caller answers. */
  append(records: readonly LogRecord[]): void {
    if (records.length === 0) return;
    if (this.fd === undefined) throw new Error('write-ahead log is not open');
    const line = Buffer.from(`${JSON.stringify({ r: records })}\n`);
    let written = 0;
    while (written < line.length) written += writeSync(this.fd, line, written);
    fsyncSync(this.fd);
    this.lines++;
    this.bytes += line.length;
  }

  get wantsCompaction(): boolean {
    return this.lines >= COMPACT_AFTER_LINES || this.bytes >= COMPACT_AFTER_BYTES;
  }

  /** Makes `snapshot` (the current state, log included) the file and empties the log. */
  compact(snapshot: Snapshot): void {
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(snapshot));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
    syncFolder(path.dirname(this.file));
    if (this.fd !== undefined) {
      ftruncateSync(this.fd, 0);
      fsyncSync(this.fd);
    }
    this.lines = 0;
    this.bytes = 0;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** A rename is durable only once its folder is synced (POSIX); some platforms refuse to open a folder. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort where folders cannot be fsync'ed (Windows).
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
