import type { ChatView } from './ChatView';
import type { ChatState } from './conversationReducer';

/** What the view offers, from where the conversation stands and what history is left to load. */
export function viewOffers(chat: ChatState, earlier: { readonly list: ChatView['earlier']; readonly more: boolean }): Pick<ChatView, 'earlier' | 'moreEarlier' | 'canAskHuman' | 'canLeaveMessage'> {
  const status = chat.status ?? 'bot';
  return {
    earlier: earlier.list,
    moreEarlier: chat.moreBefore || earlier.more,
    // 转人工 only while the bot holds the conversation (a closed one: the next message opens a new one).
    canAskHuman: status !== 'queued' && status !== 'assigned',
    canLeaveMessage: status === 'queued' && !chat.leftMessage,
  };
}
