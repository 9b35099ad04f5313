/**
 * Table names and key layouts of 留言, in one place so the Tablestore schema (one physical table
 * per name) can be derived from it. Only {@link LeaveMessageBook} reads or writes these tables.
 *
 * - leaveMessage     [conversationId]                 -> LeaveMessageTicket (one per conversation)
 * - leaveMessageOpen [createdAtIso, conversationId]   -> { conversationId }: the unanswered ones, oldest first
 * - leaveMessageDone [answeredAtIso, conversationId]  -> { conversationId }: the answered ones
 */
export const leaveMessageTables = {
  ticket: 'leaveMessage',
  open: 'leaveMessageOpen',
  done: 'leaveMessageDone',
} as const;
