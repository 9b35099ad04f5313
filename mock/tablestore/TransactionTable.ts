import { randomBytes } from 'node:crypto';
import { OtsError, invalid, rowConflict } from './OtsError';
import { MAX_TRANSACTION_BYTES, TRANSACTION_TTL_MS } from './requestLimits';
import type { StoredRow } from './storedRows';
import type { Value } from './plainBuffer';

export interface Transaction {
  readonly id: string;
  readonly table: string;
  readonly partition: string;
  readonly expiresAt: number;
  /** Rows written inside the transaction, by key; null is a delete. Applied on commit. */
  readonly writes: Map<string, { readonly pk: Value[]; readonly row: StoredRow | null }>;
  /** Bytes of the row changes sent in the transaction so far (the service caps their sum). */
  bytes: number;
}

const expired = () => invalid('Transaction ID is invalid or the transaction has timed out.');

/**
 * The open local transactions: pessimistic locks on one partition key each, which lapse 60 s after
 * the start (the service then aborts them), and the running size of what each has written.
 */
export class TransactionTable {
  private readonly open = new Map<string, Transaction>();

  constructor(private readonly clock: () => number) {}

  /** A transaction still in its lifetime, or none (an expired one is dropped, its writes lost). */
  live(id: string): Transaction | undefined {
    const txn = this.open.get(id);
    if (txn && txn.expiresAt <= this.clock()) {
      this.open.delete(id);
      return undefined;
    }
    return txn;
  }

  /** The transaction a request names, which must be live and on the row's partition. */
  named(id: string, table: string, partition: string): Transaction {
    const txn = this.live(id);
    if (!txn) throw expired();
    if (txn.table !== table || txn.partition !== partition) throw invalid('The row is not in the partition of the transaction.');
    return txn;
  }

  lockHolder(table: string, partition: string): Transaction | undefined {
    for (const txn of this.open.values()) {
      if (txn.table === table && txn.partition === partition && this.live(txn.id)) return txn;
    }
    return undefined;
  }

  /** Refuses a write outside a transaction to a partition one holds. */
  checkUnlocked(table: string, partition: string): void {
    if (this.lockHolder(table, partition)) throw rowConflict();
  }

  start(table: string, partition: string): Transaction {
    this.checkUnlocked(table, partition);
    const id = `${randomBytes(8).toString('hex')}-${this.clock().toString(16)}`;
    const txn: Transaction = { id, table, partition, expiresAt: this.clock() + TRANSACTION_TTL_MS, writes: new Map(), bytes: 0 };
    this.open.set(id, txn);
    return txn;
  }

  /** Counts a write's bytes against the transaction's total; past it the write is refused, the rest of the transaction stands. */
  charge(txn: Transaction, bytes: number): void {
    if (txn.bytes + bytes > MAX_TRANSACTION_BYTES) {
      throw new OtsError(400, 'OTSOutOfTransactionDataSizeLimit', `Transaction size exceeds the limit.RowSize:${bytes}.TotalSize:${txn.bytes + bytes}.Limit:${MAX_TRANSACTION_BYTES}.`);
    }
    txn.bytes += bytes;
  }

  /** Ends a live transaction and gives it back (to apply its writes on commit). */
  end(id: string): Transaction {
    const txn = this.live(id);
    if (!txn) throw expired();
    this.open.delete(id);
    return txn;
  }
}
