export type { Columns, Condition, Key, KeyPart, RangeOptions, RangePage, Store, StoredRow, TenantStore, WriteOp } from './Store';
export { ConditionFailedError, isConditionFailed } from './ConditionFailedError';
export { MAX_BATCH_BYTES, MAX_BATCH_ROWS, opBytes, splitBatches } from './keyCodec';
export { writeInBatches } from './keyCodec';
