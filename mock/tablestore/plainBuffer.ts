/**
 * Tablestore's PlainBuffer row format, from the server's side: the emulator decodes what the SDK
 * writes (rows to put, row changes with delete and increment cells, key bounds with INF_MIN/INF_MAX
 * and auto-increment placeholders, filter values) and encodes what a real server answers (rows
 * with cell timestamps). Checksums (CRC-8, polynomial 0x07) are checked on input and written on
 * output, so a byte out of place in either direction fails like it would against the service.
 */

const HEADER = 0x75;
const TAG_ROW_PK = 0x1;
const TAG_ROW_DATA = 0x2;
const TAG_CELL = 0x3;
const TAG_CELL_NAME = 0x4;
const TAG_CELL_VALUE = 0x5;
const TAG_CELL_TYPE = 0x6;
const TAG_CELL_TIMESTAMP = 0x7;
const TAG_DELETE_ROW_MARKER = 0x8;
const TAG_ROW_CHECKSUM = 0x9;
const TAG_CELL_CHECKSUM = 0xa;

const VT_INTEGER = 0x0;
const VT_DOUBLE = 0x1;
const VT_BOOLEAN = 0x2;
const VT_STRING = 0x3;
const VT_BLOB = 0x7;
const VT_INF_MIN = 0x9;
const VT_INF_MAX = 0xa;
const VT_AUTO_INCREMENT = 0xb;

/** Cell operation types of an UpdateRow change. */
export const DELETE_ALL_VERSION = 0x1;
export const DELETE_ONE_VERSION = 0x3;
export const INCREMENT = 0x4;

export type Value =
  | { readonly t: 'int'; readonly v: bigint }
  | { readonly t: 'double'; readonly v: number }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'bin'; readonly v: Buffer }
  | { readonly t: 'infMin' }
  | { readonly t: 'infMax' }
  | { readonly t: 'autoIncrement' };

export interface Cell {
  readonly name: string;
  readonly value?: Value;
  /** DELETE_ALL_VERSION, DELETE_ONE_VERSION or INCREMENT; absent for a plain put. */
  readonly op?: number;
  readonly timestamp?: number;
}

export interface Row {
  readonly primaryKey: Cell[];
  readonly cells: Cell[];
  readonly deleteMarker: boolean;
}

/** A malformed buffer; the emulator answers it with OTSParameterInvalid. */
export class PlainBufferError extends Error {}

const CRC_TABLE = (() => {
  const table = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let b = 0; b < 8; b++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
    table[i] = c;
  }
  return table;
})();

const crcByte = (crc: number, byte: number): number => CRC_TABLE[(crc ^ byte) & 0xff]!;
const crcBytes = (crc: number, bytes: Uint8Array): number => bytes.reduce((c, b) => crcByte(c, b), crc);
function crcInt32(crc: number, n: number): number {
  for (let i = 0; i < 4; i++) crc = crcByte(crc, (n >>> (i * 8)) & 0xff);
  return crc;
}
function int64Bytes(v: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(v);
  return b;
}

function valueChecksum(crc: number, value: Value): number {
  switch (value.t) {
    case 'int':
      return crcBytes(crcByte(crc, VT_INTEGER), int64Bytes(value.v));
    case 'double': {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(value.v);
      return crcBytes(crcByte(crc, VT_DOUBLE), b);
    }
    case 'bool':
      return crcByte(crcByte(crc, VT_BOOLEAN), value.v ? 1 : 0);
    case 'str':
    case 'bin': {
      const bytes = value.t === 'str' ? Buffer.from(value.v, 'utf8') : value.v;
      return crcBytes(crcInt32(crcByte(crc, value.t === 'str' ? VT_STRING : VT_BLOB), bytes.length), bytes);
    }
    case 'infMin':
      return crcByte(crc, VT_INF_MIN);
    case 'infMax':
      return crcByte(crc, VT_INF_MAX);
    case 'autoIncrement':
      return crcByte(crc, VT_AUTO_INCREMENT);
  }
}

class Reader {
  private pos = 0;
  private lastTag = 0;
  /** The tag read last (a method, so each check re-reads it). */
  last(): number {
    return this.lastTag;
  }
  constructor(private readonly buf: Buffer) {}
  atEnd(): boolean {
    return this.pos >= this.buf.length;
  }
  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new PlainBufferError('PlainBuffer truncated');
  }
  byte(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }
  int32(): number {
    this.need(4);
    const n = this.buf.readInt32LE(this.pos);
    this.pos += 4;
    return n;
  }
  bytes(n: number): Buffer {
    if (n < 0) throw new PlainBufferError('negative length');
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return Buffer.from(b);
  }
  tag(): number {
    this.lastTag = this.atEnd() ? 0 : this.byte();
    return this.lastTag;
  }
}

/** The raw variant (type byte and value, no length prefix) used in filters' column values. */
export function readVariant(buf: Buffer): Value {
  return variant(new Reader(buf), buf.length);
}

function variant(r: Reader, length: number): Value {
  const type = r.byte();
  switch (type) {
    case VT_INTEGER:
      return { t: 'int', v: r.bytes(8).readBigInt64LE() };
    case VT_DOUBLE:
      return { t: 'double', v: r.bytes(8).readDoubleLE() };
    case VT_BOOLEAN:
      return { t: 'bool', v: r.byte() !== 0 };
    case VT_STRING:
      return { t: 'str', v: r.bytes(r.int32()).toString('utf8') };
    case VT_BLOB:
      return { t: 'bin', v: r.bytes(r.int32()) };
    case VT_INF_MIN:
      return { t: 'infMin' };
    case VT_INF_MAX:
      return { t: 'infMax' };
    case VT_AUTO_INCREMENT:
      return { t: 'autoIncrement' };
    default:
      throw new PlainBufferError(`unknown value type ${type} (length ${length})`);
  }
}

function readCell(r: Reader): { cell: Cell; checksum: number } {
  if (r.last() !== TAG_CELL) throw new PlainBufferError('expected a cell');
  if (r.tag() !== TAG_CELL_NAME) throw new PlainBufferError('expected a cell name');
  const nameBytes = r.bytes(r.int32());
  let crc = crcBytes(0, nameBytes);
  let value: Value | undefined;
  let op: number | undefined;
  let timestamp: number | undefined;
  r.tag();
  if (r.last() === TAG_CELL_VALUE) {
    const length = r.int32();
    value = variant(r, length);
    crc = valueChecksum(crc, value);
    r.tag();
  }
  if (r.last() === TAG_CELL_TYPE) {
    op = r.byte();
    r.tag();
  }
  if (r.last() === TAG_CELL_TIMESTAMP) {
    const ts = r.bytes(8);
    timestamp = Number(ts.readBigInt64LE());
    crc = crcBytes(crc, ts);
    r.tag();
  }
  // The SDK folds the cell type in after the timestamp.
  if (op !== undefined) crc = crcByte(crc, op);
  if (r.last() !== TAG_CELL_CHECKSUM) throw new PlainBufferError('expected a cell checksum');
  if (r.byte() !== crc) throw new PlainBufferError('cell checksum mismatch');
  r.tag();
  const cell: Cell = { name: nameBytes.toString('utf8'), ...(value ? { value } : {}), ...(op !== undefined ? { op } : {}), ...(timestamp !== undefined ? { timestamp } : {}) };
  return { cell, checksum: crc };
}

function readRowBody(r: Reader): Row {
  let rowCrc = 0;
  const primaryKey: Cell[] = [];
  const cells: Cell[] = [];
  if (r.last() === TAG_ROW_PK) {
    r.tag();
    while (r.last() === TAG_CELL) {
      const { cell, checksum } = readCell(r);
      primaryKey.push(cell);
      rowCrc = crcByte(rowCrc, checksum);
    }
  }
  if (r.last() === TAG_ROW_DATA) {
    r.tag();
    while (r.last() === TAG_CELL) {
      const { cell, checksum } = readCell(r);
      cells.push(cell);
      rowCrc = crcByte(rowCrc, checksum);
    }
  }
  const deleteMarker = r.last() === TAG_DELETE_ROW_MARKER;
  if (deleteMarker) r.tag();
  rowCrc = crcByte(rowCrc, deleteMarker ? 1 : 0);
  if (r.last() !== TAG_ROW_CHECKSUM) throw new PlainBufferError('expected a row checksum');
  if (r.byte() !== rowCrc) throw new PlainBufferError('row checksum mismatch');
  r.tag();
  return { primaryKey, cells, deleteMarker };
}

/** Decodes one row (a put, an update's change, a key) as the SDK serialises it. */
export function readRow(buf: Buffer): Row {
  const r = new Reader(buf);
  if (r.int32() !== HEADER) throw new PlainBufferError('bad PlainBuffer header');
  r.tag();
  const row = readRowBody(r);
  if (!r.atEnd() || r.last() !== 0) throw new PlainBufferError('trailing bytes after row');
  return row;
}

class Writer {
  private readonly parts: Buffer[] = [];
  byte(n: number): void {
    this.parts.push(Buffer.from([n & 0xff]));
  }
  int32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    this.parts.push(b);
  }
  raw(b: Buffer): void {
    this.parts.push(b);
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function writeValue(w: Writer, value: Value): void {
  switch (value.t) {
    case 'int':
      w.int32(9);
      w.byte(VT_INTEGER);
      w.raw(int64Bytes(value.v));
      return;
    case 'double': {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(value.v);
      w.int32(9);
      w.byte(VT_DOUBLE);
      w.raw(b);
      return;
    }
    case 'bool':
      w.int32(2);
      w.byte(VT_BOOLEAN);
      w.byte(value.v ? 1 : 0);
      return;
    case 'str':
    case 'bin': {
      const bytes = value.t === 'str' ? Buffer.from(value.v, 'utf8') : value.v;
      w.int32(5 + bytes.length);
      w.byte(value.t === 'str' ? VT_STRING : VT_BLOB);
      w.int32(bytes.length);
      w.raw(bytes);
      return;
    }
    default:
      throw new PlainBufferError(`cannot answer with a ${value.t} value`);
  }
}

function writeCell(w: Writer, cell: Cell): number {
  const name = Buffer.from(cell.name, 'utf8');
  w.byte(TAG_CELL);
  w.byte(TAG_CELL_NAME);
  w.int32(name.length);
  w.raw(name);
  let crc = crcBytes(0, name);
  if (cell.value) {
    w.byte(TAG_CELL_VALUE);
    writeValue(w, cell.value);
    crc = valueChecksum(crc, cell.value);
  }
  if (cell.timestamp !== undefined) {
    const ts = int64Bytes(BigInt(cell.timestamp));
    w.byte(TAG_CELL_TIMESTAMP);
    w.raw(ts);
    crc = crcBytes(crc, ts);
  }
  w.byte(TAG_CELL_CHECKSUM);
  w.byte(crc);
  return crc;
}

function writeRowBody(w: Writer, row: { primaryKey: readonly Cell[]; cells?: readonly Cell[] }): void {
  let rowCrc = 0;
  w.byte(TAG_ROW_PK);
  for (const cell of row.primaryKey) rowCrc = crcByte(rowCrc, writeCell(w, cell));
  if (row.cells?.length) {
    w.byte(TAG_ROW_DATA);
    for (const cell of row.cells) rowCrc = crcByte(rowCrc, writeCell(w, cell));
  }
  rowCrc = crcByte(rowCrc, 0);
  w.byte(TAG_ROW_CHECKSUM);
  w.byte(rowCrc);
}

/** Encodes rows the way the service answers GetRow, GetRange and the batch calls: one header, then each row. */
export function writeRows(rows: readonly { primaryKey: readonly Cell[]; cells?: readonly Cell[] }[]): Buffer {
  if (rows.length === 0) return Buffer.alloc(0);
  const w = new Writer();
  w.int32(HEADER);
  for (const row of rows) writeRowBody(w, row);
  return w.done();
}
