import { OtsError, invalid } from './OtsError';
import type { Table } from './storedRows';
import { PrimaryKeyType, type CreateTableRequestMsg } from './tablestoreProto';

/** A new, empty table from a CreateTable request, checked like the service checks it. */
export function newTable(req: CreateTableRequestMsg, existing: ReadonlyMap<string, Table>, createdAt: number, localTransactions: boolean): Table {
  const name = req.tableMeta.tableName;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,254}$/.test(name)) throw invalid(`Invalid table name: '${name}'.`);
  const pk = req.tableMeta.primaryKey ?? [];
  if (pk.length < 1 || pk.length > 4) throw invalid(`The number of primary key columns must be in range: [1, 4]. Real: ${pk.length}.`);
  // proto2 gives an absent enum its first value, so only an option actually sent counts.
  const autoIncrement = (col: (typeof pk)[number]) => Object.prototype.hasOwnProperty.call(col, 'option') && col.option === 1;
  for (const [i, col] of pk.entries()) {
    if (!Object.values(PrimaryKeyType).includes(col.type as 1)) throw invalid(`Invalid type of primary key: ${col.name}.`);
    if (autoIncrement(col) && (i === 0 || col.type !== PrimaryKeyType.INTEGER)) throw invalid('The auto-increment primary key must be an integer and not the partition key.');
  }
  if (existing.has(name)) throw new OtsError(409, 'OTSObjectAlreadyExist', 'Requested table already exists.');
  return { name, pk: pk.map((c) => ({ name: c.name, type: c.type, autoIncrement: autoIncrement(c) })), rows: [], createdAt, localTransactions };
}

/** DescribeTable's answer: the key, and the fixed options the emulator keeps (one version, no TTL). */
export function describeTable(table: Table): object {
  return {
    tableMeta: { tableName: table.name, primaryKey: table.pk.map((c) => ({ name: c.name, type: c.type, ...(c.autoIncrement ? { option: 1 } : {}) })) },
    reservedThroughputDetails: { capacityUnit: { read: 0, write: 0 }, lastIncreaseTime: Math.floor(table.createdAt / 1000) },
    tableOptions: { timeToLive: -1, maxVersions: 1, deviationCellVersionInSec: 86400 },
    tableStatus: 1,
  };
}
