import { createHash } from 'node:crypto';
import { KefuError } from '../errors';
import type { Key } from './Store';

/**
 * How logical tables map to Tablestore partitions (the first primary-key column), for every driver.
 *
 * A Tablestore local transaction locks one partition key value, and one value holds at most 10 GB
 * and one partition's throughput (https://www.alibabacloud.com/help/zh/tablestore/table-store-service/developer-reference/startlocaltransaction,
 * https://www.alibabacloud.com/help/doc-detail/120983.html; general limits
 * https://www.alibabacloud.com/help/doc-detail/91524.html). So the partition
 * must not be the merchant: one conversation's rows (the row, its events, the understanding of its
 * messages and its idempotency records) share a partition of their own, keyed by the conversation
 * id, and a user's conversation list is a partition per user. Every other table is one partition
 * per merchant and table: written on state changes (queues, inboxes, settings), never per message.
 *
 * The memory and SQLite drivers are atomic across everything, but they refuse what Tablestore
 * could not serve (a range over a partitioned table without its partition part), so code that
 * passes on SQLite also runs on Tablestore.
 */
const BY_FIRST_KEY_PART: Readonly<Record<string, string>> = {
  conversation: 'c',
  event: 'c',
  // The conversation module's `understanding` rows (stored under their first name).
  analysis: 'c',
  clientMessage: 'c',
  userConversation: 'u',
};

/** The partition group of a table whose partition is its key's first part, or undefined. */
export function partitionGroup(table: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(BY_FIRST_KEY_PART, table) ? BY_FIRST_KEY_PART[table] : undefined;
}

/**
 * The partition key value of a row (or of a range's prefix). A short hash comes first so that a
 * merchant's partitions spread over the service's shards instead of sorting next to each other
 * (the docs' "hash prefix" advice); the rest keeps the value readable in the console.
 */
export function partitionOf(tenant: string, table: string, key: Key): string {
  const group = partitionGroup(table);
  let name: string;
  if (group === undefined) {
    name = `${tenant}\u0001t${table}`;
  } else {
    const first = key[0];
    if (first === undefined) {
      throw new KefuError('VALIDATION_FAILED', `table ${table} is partitioned by its first key part: a range over it needs that part`, { reason: 'partition' });
    }
    name = `${tenant}\u0001${group}${JSON.stringify(first)}`;
  }
  const hash = createHash('md5').update(name).digest('hex').slice(0, 4);
  return `${hash}\u0001${name}`;
}

/** Refuses, on every driver alike, a range Tablestore could only serve by scanning every partition. */
export function checkRangePrefix(table: string, prefix: Key): void {
  if (partitionGroup(table) !== undefined && prefix.length === 0) partitionOf('', table, prefix);
}
