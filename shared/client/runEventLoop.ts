import { ApiError, type ApiClient } from './ApiClient';
import type { ConversationEvent } from '../schemas';

export interface EventLoopOptions {
  readonly api: ApiClient;
  readonly conversationId: string;
  readonly after: number;
  readonly onEvents: (events: ConversationEvent[], cursor: number) => void;
  /** Called once when the loop stops for good (the conversation is gone, the session ended). */
  readonly onStop?: (error: ApiError) => void;
  /**
   * A poll refused with 401 (the session ran out while it waited): renews the session, and the
   * loop goes on where it was. Without it, or when renewing fails, a 401 ends the loop.
   */
  readonly renew?: () => Promise<void>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly isStopped?: () => boolean;
  /** Server-side wait of one poll. */
  readonly pollTimeoutMs?: number;
  readonly maxBackoffMs?: number;
}

/**
 * The long-poll loop of the chat: asks for events after the cursor, hands them over, repeats. On a
 * network failure it waits 1 s, 2 s, 4 s ... up to `maxBackoffMs` before the next poll (so a dead
 * network is not hammered) and returns to polling at once after a success. A 4xx other than 429
 * (the conversation is gone) ends the loop; a 401 too unless `renew` gets a new session.
 */
export async function runEventLoop(o: EventLoopOptions): Promise<void> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const pollTimeoutMs = o.pollTimeoutMs ?? 25_000;
  const maxBackoffMs = o.maxBackoffMs ?? 30_000;
  let cursor = o.after;
  let backoff = 0;
  while (!o.isStopped?.()) {
    try {
      const page = await o.api.call<{ events: ConversationEvent[]; cursor: number }>(
        'GET',
        `/v1/conversations/${encodeURIComponent(o.conversationId)}/events?after=${cursor}&timeout=${pollTimeoutMs}`,
        undefined,
        { timeoutMs: pollTimeoutMs + 5000 },
      );
      backoff = 0;
      if (page.events.length) o.onEvents(page.events, page.cursor);
      cursor = Math.max(cursor, page.cursor);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401 && o.renew && (await renewed(o.renew))) continue;
      if (err instanceof ApiError && err.status !== 429) {
        o.onStop?.(err);
        return;
      }
      backoff = Math.min(maxBackoffMs, backoff ? backoff * 2 : 1000);
      await sleep(backoff);
    }
  }
}

async function renewed(renew: () => Promise<void>): Promise<boolean> {
  try {
    await renew();
    return true;
  } catch {
    return false;
  }
}
