import type { WriteOp } from '../store';
import type { Conversation } from '../schemas';
import type { Projection } from './ConversationLog';
import { tables } from './conversationTables';

type Row = { table: string; key: (string | number)[] };

/**
 * The index rows a conversation has in its state: the merchant's waiting list while queued, the
 * agent's list while assigned. Together they are every open conversation (supervisors' 全部).
 */
function rowsOf(c: Conversation | undefined): Row[] {
  if (!c) return [];
  const rows: Row[] = [];
  if (c.status === 'queued' && c.queuedAt) rows.push({ table: tables.waiting, key: [Date.parse(c.queuedAt), c.id] });
  if (c.status === 'assigned' && c.assigneeId) rows.push({ table: tables.assigned, key: [c.assigneeId, c.id] });
  return rows;
}

const same = (a: Row, b: Row) => a.table === b.table && a.key.length === b.key.length && a.key.every((k, i) => k === b.key[i]);

/**
 * Keeps the inbox indexes in step with every commit: rows the new state no longer has are deleted,
 * rows it gained are written, rows it keeps are left alone (so a message costs no index write).
 */
export const conversationIndexes: Projection = (before, after) => {
  const was = rowsOf(before);
  const now = rowsOf(after);
  const ops: WriteOp[] = [];
  for (const r of was) if (!now.some((n) => same(n, r))) ops.push({ op: 'delete', table: r.table, key: r.key });
  for (const r of now) if (!was.some((w) => same(w, r))) ops.push({ op: 'put', table: r.table, key: r.key, value: { conversationId: after.id } });
  return ops;
};
