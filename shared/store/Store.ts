/**
 * The storage port. It follows Tablestore's access patterns (docs/architecture.md, Storage) so the
 * cloud driver is a thin mapping: single-row get/put/update/delete with conditions, range reads over
 * a primary-key prefix, batch writes and atomic increments.
 *
 * Tenant isolation is structural: domain code only ever holds a {@link TenantStore}, obtained from
 * {@link Store.tenant}, and every key it writes or reads is prefixed with that tenant by the driver.
 * There is no operation that takes a key without a tenant.
 */

/** One primary-key column value. Numbers must be non-negative safe integers (they sort numerically). */
export type KeyPart = string | number;

/** A primary key inside a table, without the tenant (the driver prepends it). At least one part. */
export type Key = readonly KeyPart[];

/** A row's attribute columns: a JSON-serialisable object. */
export type Columns = Record<string, unknown>;

/**
 * Write condition, as Tablestore's RowExistenceExpectation plus a column condition on the row's
 * version: `'exists'` (EXPECT_EXIST), `'notExists'` (EXPECT_NOT_EXIST), `{ version }` (row exists and
 * its version equals). Omitted means IGNORE. A failed condition throws {@link ConditionFailedError}.
 */
export type Condition = 'exists' | 'notExists' | { readonly version: number };

export interface StoredRow<T extends Columns = Columns> {
  readonly key: Key;
  readonly value: T;
  /** Starts at 1 on the first write and grows by 1 on every write; used for optimistic concurrency. */
  readonly version: number;
}

export interface RangeOptions {
  /** `'forward'` (ascending keys, default) or `'backward'` (descending). */
  readonly direction?: 'forward' | 'backward';
  /** Maximum rows in this page (default 100, at most 1000). */
  readonly limit?: number;
  /**
   * First key to return (inclusive), a full key within the prefix. Going forward rows >= start are
   * returned, going backward rows <= start.
   */
  readonly start?: Key;
  /** The `nextToken` of the previous page; when given, `start` is ignored. */
  readonly token?: string;
}

export interface RangePage<T extends Columns = Columns> {
  readonly rows: StoredRow<T>[];
  /** Present when more rows may follow; pass it back as `token`. Opaque to callers. */
  readonly nextToken?: string;
}

export type WriteOp =
  | { readonly op: 'put'; readonly table: string; readonly key: Key; readonly value: Columns; readonly condition?: Condition }
  | { readonly op: 'update'; readonly table: string; readonly key: Key; readonly set: Columns; readonly condition?: Condition }
  | { readonly op: 'delete'; readonly table: string; readonly key: Key; readonly condition?: Condition };

/** All operations of one tenant. Keys are relative to the tenant. */
export interface TenantStore {
  readonly tenant: string;

  get<T extends Columns = Columns>(table: string, key: Key): Promise<StoredRow<T> | undefined>;

  /** Replaces the whole row. Returns the new version. */
  put(table: string, key: Key, value: Columns, condition?: Condition): Promise<number>;

  /**
   * Sets the given columns, keeping the others; a column set to `null` is removed. Creates the row
   * when it is missing, unless the condition says otherwise. Returns the new version.
   */
  update(table: string, key: Key, set: Columns, condition?: Condition): Promise<number>;

  /** Deletes the row; deleting a missing row is not an error unless the condition requires it. */
  delete(table: string, key: Key, condition?: Condition): Promise<void>;

  /** Rows whose key starts with `prefix` (which may be empty: the whole table of this tenant). */
  range<T extends Columns = Columns>(table: string, prefix: Key, options?: RangeOptions): Promise<RangePage<T>>;

  /**
   * Applies every op or none: if any condition fails, nothing is written and the error is thrown.
   * At most what one Tablestore request and local transaction take (200 rows, 4 MB of encoded rows;
   * see keyCodec's MAX_BATCH_*): a larger batch is refused with BATCH_TOO_LARGE before anything is
   * written, by every driver alike. Larger writes use {@link TenantStore.writeMany}.
   *
   * The first op names the batch's home partition (partitions.ts). On Tablestore, where a local
   * transaction covers one partition, a batch that reaches other partitions is committed as: the
   * rows of partitions with a conditional op (a version, exists, notExists) written and checked
   * under their own transactions, then the home partition's commit (the point where the batch
   * happens), then the others' commits and the unconditional rows of other partitions. What a
   * crash cuts off after the home commit is finished by {@link TenantStore.recover}; readers of
   * such rows (inbox and queue indexes) check what they point to. Memory and SQLite are atomic.
   */
  batchWrite(ops: readonly WriteOp[]): Promise<void>;

  /**
   * Writes any number of ops, not atomically: in order, cut into service-sized batches that are each
   * applied by {@link TenantStore.batchWrite} (atomic by itself). If one fails, the batches before
   * it stay written, the later ones are not attempted, and the error is thrown. For data that is
   * invisible until a pointer row written afterwards makes it current (see FaqService).
   */
  writeMany(ops: readonly WriteOp[]): Promise<void>;

  /**
   * Atomically adds `by` to a numeric column (missing row or column counts as 0) and returns the new
   * value. Safe under concurrency: N concurrent increments by 1 yield N distinct results.
   */
  increment(table: string, key: Key, column: string, by?: number): Promise<number>;

  /**
   * Finishes the batches of this tenant that committed their home partition but were cut off (a
   * crash, a timeout) before writing their other partitions, and drops those that never committed.
   * Only batches older than `olderThanMs` (default 2 minutes, past a transaction's 60 s life) are
   * touched, so a batch still running is left alone. Returns how many were finished. The jobs
   * timer calls it; drivers whose batches are atomic answer 0.
   */
  recover(olderThanMs?: number): Promise<number>;
}

export interface Store {
  /** A view of the store restricted to one tenant (merchant). `tenantId` must be non-empty. */
  tenant(tenantId: string): TenantStore;
  close(): Promise<void>;
}
