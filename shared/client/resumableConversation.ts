import type { Conversation, ConversationStatus } from '../schemas';
import { ApiError } from './ApiClient';
import type { KeyValueStorage } from './Transport';

/** Where the device keeps the id of the conversation it shows. */
export const CONVERSATION_KEY = 'kefu.conversation';
export const openStatuses: readonly ConversationStatus[] = ['bot', 'queued', 'assigned'];
/** A person is on it: the conversation goes on whichever device the user opens the chat on. */
const humanStatuses: readonly ConversationStatus[] = ['queued', 'assigned'];

/**
 * What the chat opens with: the user's newest conversation if a person has it (queued or with an
 * agent), asked of the server rather than this device's storage, so a conversation begun on the
 * phone goes on when the user opens the chat on the H5 page or another phone, instead of a second
 * one beside it; else the bot conversation this device showed, if still open; else undefined (a
 * new one). A bot conversation stays on its device: another device starts afresh, with the earlier
 * one above the divider.
 */
export async function resumableConversation(get: <T>(path: string) => Promise<T>, storage: KeyValueStorage): Promise<Conversation | undefined> {
  // A refusal (the saved id is another user's, or gone) means nothing to resume; other errors are the caller's.
  const read = async <T>(path: string): Promise<T | undefined> => {
    try {
      return await get<T>(path);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return undefined;
    }
  };
  const newest = (await read<{ conversations: Conversation[] }>('/v1/conversations?limit=1'))?.conversations[0];
  if (newest && humanStatuses.includes(newest.status)) return newest;
  const savedId = await storage.get(CONVERSATION_KEY);
  const saved = savedId ? await read<Conversation>(`/v1/conversations/${encodeURIComponent(savedId)}`) : undefined;
  return saved && openStatuses.includes(saved.status) ? saved : undefined;
}
