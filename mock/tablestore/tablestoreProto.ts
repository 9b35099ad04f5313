/**
 * The Tablestore protocol messages, from the `tablestore` SDK's own compiled protobuf definitions
 * (lib/protocol/tablestore_compiled_proto.js), so the emulator reads and writes exactly what the
 * SDK does. Only the fields the emulator uses are typed here.
 */

interface Message<T> {
  decode(buf: Uint8Array): T;
  encode(message: object): { finish(): Uint8Array };
}

/** protobufjs gives int64 fields as Long (or number when small). */
export type Int64 = number | { toNumber(): number };

export interface ConditionMsg {
  rowExistence: number;
  columnCondition?: Uint8Array;
}
export interface ReturnContentMsg {
  returnType?: number;
  returnColumnNames?: string[];
}
export interface PrimaryKeySchemaMsg {
  name: string;
  type: number;
  option?: number;
}
export interface CreateTableRequestMsg {
  tableMeta: { tableName: string; primaryKey: PrimaryKeySchemaMsg[] };
  tableOptions?: { timeToLive?: number; maxVersions?: number };
}
export interface RowWriteRequestMsg {
  tableName: string;
  row?: Uint8Array;
  rowChange?: Uint8Array;
  primaryKey?: Uint8Array;
  condition: ConditionMsg;
  returnContent?: ReturnContentMsg;
  transactionId?: string;
}
export interface GetRowRequestMsg {
  tableName: string;
  primaryKey: Uint8Array;
  columnsToGet?: string[];
  maxVersions?: number;
  transactionId?: string;
}
export interface GetRangeRequestMsg {
  tableName: string;
  direction: number;
  columnsToGet?: string[];
  limit?: number;
  inclusiveStartPrimaryKey: Uint8Array;
  exclusiveEndPrimaryKey: Uint8Array;
  transactionId?: string;
}
export interface BatchGetRowRequestMsg {
  tables: { tableName: string; primaryKey: Uint8Array[]; columnsToGet?: string[] }[];
}
export interface BatchWriteRowRequestMsg {
  tables: { tableName: string; rows: { type: number; rowChange: Uint8Array; condition: ConditionMsg; returnContent?: ReturnContentMsg }[] }[];
  transactionId?: string;
}
export interface StartLocalTransactionRequestMsg {
  tableName: string;
  key: Uint8Array;
}
export interface TransactionRequestMsg {
  transactionId: string;
}
export interface FilterMsg {
  type: number;
  filter: Uint8Array;
}
export interface SingleColumnValueFilterMsg {
  comparator: number;
  columnName: string;
  columnValue: Uint8Array;
  filterIfMissing: boolean;
  latestVersionOnly: boolean;
}
export interface CompositeColumnValueFilterMsg {
  combinator: number;
  subFilters: FilterMsg[];
}

type AnyMessage = Message<Record<string, unknown>>;

// The SDK ships plain JavaScript with no typings; this is its generated protobufjs module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const root = require('tablestore/lib/protocol/tablestore_compiled_proto.js') as {
  main: { proto: Record<string, AnyMessage> };
  filter: { proto: Record<string, AnyMessage | Record<string, number>> };
};

export const proto = root.main.proto;
export const filterProto = root.filter.proto as unknown as {
  Filter: Message<FilterMsg>;
  SingleColumnValueFilter: Message<SingleColumnValueFilterMsg>;
  CompositeColumnValueFilter: Message<CompositeColumnValueFilterMsg>;
};

/** Numbers of the enums the emulator switches on (the same values as the .proto files). */
export const RowExistence = { IGNORE: 0, EXPECT_EXIST: 1, EXPECT_NOT_EXIST: 2 } as const;
export const ReturnType = { RT_NONE: 0, RT_PK: 1, RT_AFTER_MODIFY: 2 } as const;
export const OperationType = { PUT: 1, UPDATE: 2, DELETE: 3 } as const;
export const FilterType = { SINGLE: 1, COMPOSITE: 2, PAGINATION: 3 } as const;
export const Comparator = { EQUAL: 1, NOT_EQUAL: 2, GREATER_THAN: 3, GREATER_EQUAL: 4, LESS_THAN: 5, LESS_EQUAL: 6 } as const;
export const LogicalOperator = { NOT: 1, AND: 2, OR: 3 } as const;
export const PrimaryKeyType = { INTEGER: 1, STRING: 2, BINARY: 3 } as const;

export function message<T>(name: string): Message<T> {
  const m = proto[name];
  if (!m) throw new Error(`no protobuf message ${name}`);
  return m as unknown as Message<T>;
}
