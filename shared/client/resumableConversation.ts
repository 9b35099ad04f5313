import type { Conversation, ConversationStatus } from '../schemas';
import { ApiError } from './ApiClient';
import type { KeyValueStorage } from './Transport';

/** Where the device keeps the id of the conversation it shows. */
export const CONVERSATION_KEY = 'kefu.conversation';
export const openStatuses: readonly ConversationStatus[] = ['bot', 'queued', 'assigned'];
/** A person is on it: the conversation goes on whichever device the user opens the chat on. */
const humanStatuses: readonly ConversationStatus[] = ['queued', 'assigned'];
/** How long an agent's resolved conversation stays up for its rating (the card is in it). */
const RATING_WINDOW_MS = 24 * 3600_000;

/**
 * Resolved by an agent lately and not rated yet: reopening the chat shows it with its rating card
 * (a reload had lost the card, and the user the way to rate); the next message starts a new one.
 */
function awaitingRating(c: Conversation, now: number): boolean {
  return c.status === 'resolved' && c.resolution === 'agent' && !!c.resolvedAt && now - Date.parse(c.resolvedAt) < RATING_WINDOW_MS;
}

/**
 * What the chat opens with: the user's newest conversation if a person has it (queued or with an
 * agent), asked of the server rather than this device's storage, so a conversation begun on the
 * phone goes on when the user opens the chat on the H5 page or another phone, instead of a second
 * one beside it; else the bot conversation this device showed, if still open; else undefined (a
 * new one). A bot conversation stays on its device: another device starts afresh, with the earlier
 * one above the divider. An agent's conversation resolved in the last 24 hours and not rated yet
 * opens too, with its rating card.
 */
export async function resumableConversation(get: <T>(path: string) => Promise<T>, storage: KeyValueStorage, now = Date.now()): Promise<Conversation | undefined> {
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
  if (newest && (humanStatuses.includes(newest.status) || awaitingRating(newest, now))) return newest;
  const savedId = await storage.get(CONVERSATION_KEY);
  const saved = savedId ? await read<Conversation>(`/v1/conversations/${encodeURIComponent(savedId)}`) : undefined;
  return saved && openStatuses.includes(saved.status) ? saved : undefined;
}
