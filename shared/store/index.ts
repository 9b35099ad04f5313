// The store port: types, errors and the key codec's helpers. The drivers (memory, SQLite, Tablestore)
// are in ./drivers.ts, for the composition root, the CLI, scripts, mock and tests.
export type { Columns, Condition, Key, KeyPart, RangeOptions, RangePage, Store, StoredRow, TenantStore, WriteOp } from './Store';
export { ConditionFailedError, isConditionFailed } from './ConditionFailedError';
export { MAX_BATCH_BYTES, MAX_BATCH_ROWS, opBytes, splitBatches, writeInBatches } from './keyCodec';
