/**
 * Table names and key layouts of the conversation domain, in one place so the Tablestore schema
 * (one physical table per name) can be derived from it.
 *
 * - conversation     [conversationId]                      -> Conversation
 * - userConversation [userId, createdAtMs, conversationId] -> { conversationId }
 * - event            [conversationId, seq]                 -> ConversationEvent
 * - analysis         [conversationId, seq]                 -> ParseResult of a user message
 * - clientMessage    [conversationId, senderId, clientId]  -> { seq, fingerprint }
 * - waiting          [queuedAtMs, conversationId]          -> { conversationId }
 * - assigned         [agentId, conversationId]             -> { conversationId }
 * - alert            [atMs, conversationId]                -> supervisor alert (agent did not reply)
 */
export const tables = {
  conversation: 'conversation',
  userConversation: 'userConversation',
  event: 'event',
  analysis: 'analysis',
  clientMessage: 'clientMessage',
  waiting: 'waiting',
  assigned: 'assigned',
  alert: 'alert',
} as const;

/** Channel names of the notifier: one per conversation, one per merchant inbox. */
export const channels = {
  conversation: (tenant: string, id: string) => `${tenant}/conversation/${id}`,
  inbox: (tenant: string) => `${tenant}/inbox`,
  alerts: (tenant: string) => `${tenant}/alerts`,
};
