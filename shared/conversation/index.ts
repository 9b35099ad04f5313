export { ConversationLog, type Committed, type ConversationListener, type Decision } from './ConversationLog';
export { ConversationQueries, type EventsPage, type MessagesPage, type InboxBox } from './ConversationQueries';
export { UserTurn } from './UserTurn';
export { BotTurn } from './BotTurn';
export { AgentActions } from './AgentActions';
export { tables as conversationTables, channels as conversationChannels } from './conversationTables';
