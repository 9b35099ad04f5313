export type { Columns, Condition, Key, KeyPart, RangeOptions, RangePage, Store, StoredRow, TenantStore, WriteOp } from './Store';
export { ConditionFailedError, isConditionFailed } from './ConditionFailedError';
export { MAX_BATCH_BYTES, MAX_BATCH_ROWS, opBytes, splitBatches } from './keyCodec';
export { createMemoryStore } from './memoryStore';
export { createSqliteStore, type SqliteStoreOptions } from './sqliteStore';
export { createTablestoreStore, initTablestoreTable, DEFAULT_TABLESTORE_TABLE, type TablestoreStoreOptions } from './tablestoreStore';
export { writeInBatches } from './keyCodec';
