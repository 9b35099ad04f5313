/**
 * Table names and key layouts of the conversation domain, in one place so the Tablestore schema
 * (one physical table per name) can be derived from it.
 *
 * - conversation     [conversationId]                      -> Conversation
 * - userConversation [userId, createdAtMs, conversationId] -> { conversationId }
 * - opened           [createdAtMs, conversationId]         -> { conversationId } (the merchant's list)
 * - event            [conversationId, seq]                 -> ConversationEvent
 * - understanding    [conversationId, seq]                 -> Understanding of a user message (stored as
 *                                                             table `analysis`, its first name, so existing data reads)
 * - clientMessage    [conversationId, senderId, clientId]  -> { seq, fingerprint }
 * - waiting          [queuedAtMs, conversationId]          -> { conversationId }
 * - assigned         [agentId, conversationId]             -> { conversationId }
 *
 * The inbox indexes (waiting, assigned) are written only by the conversationIndexes projection,
 * in the same batch as the conversation they index; together they list every open conversation.
 * A conversation's own rows (conversation, event, understanding, clientMessage) share one store
 * partition, a user's list another (shared/store/partitions.ts): the merchant-wide list of
 * conversations is `opened`, written once when a conversation starts.
 */
export const tables = {
  conversation: 'conversation',
  userConversation: 'userConversation',
  opened: 'opened',
  event: 'event',
  understanding: 'analysis',
  clientMessage: 'clientMessage',
  waiting: 'waiting',
  assigned: 'assigned',
} as const;

/**
 * Channel names of the notifier. A committed change wakes only the long-polls whose view it
 * changes: this conversation's, the inbox view it left or entered, the queue it joined or left.
 */
export const channels = {
  conversation: (tenant: string, id: string) => `${tenant}/conversation/${id}`,
  /** The merchant's waiting list (queued conversations). */
  waiting: (tenant: string) => `${tenant}/inbox/waiting`,
  /** One agent's own conversations. */
  agent: (tenant: string, agentId: string) => `${tenant}/inbox/agent/${agentId}`,
  /** Every open conversation (supervisors' 全部). */
  open: (tenant: string) => `${tenant}/inbox/open`,
  /** The places in one group's queue ('' for a merchant without groups). */
  queue: (tenant: string, groupId: string) => `${tenant}/queue/${groupId}`,
  alerts: (tenant: string) => `${tenant}/alerts`,
};
