export { ConversationService, type ConversationServiceOptions, type EventsPage, type MessagesPage } from './ConversationService';
export { tables as conversationTables, channels as conversationChannels } from './conversationTables';
