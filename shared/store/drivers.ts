// The store's drivers, apart from the port (./index.ts): SQLite loads better-sqlite3 and a worker
// thread, Tablestore its SDK and node:http agents. Only the composition root (shared/app), the CLI,
// the dev runner, scripts, mock and tests pick a driver; everything else takes a Store.
export { createMemoryStore } from './memoryStore';
export { createSqliteStore, type SqliteStoreOptions } from './sqliteStore';
export {
  createTablestoreStore,
  initTablestoreTable,
  otsErrorCode,
  DEFAULT_TABLESTORE_TABLE,
  type TablestoreCredentials,
  type TablestoreStoreOptions,
} from './tablestoreStore';
