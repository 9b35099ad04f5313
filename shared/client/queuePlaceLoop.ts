import { ApiError } from './ApiClient';
import type { ConversationStatus } from '../schemas';

/** `GET /v1/conversations/:id/queue`: the status, and the place while queued in a routed group. */
export interface QueuePlace {
  readonly status: ConversationStatus;
  readonly groupId?: string;
  readonly position?: number;
  readonly estimatedWaitSeconds?: number;
}

export interface QueuePlaceLoopOptions {
  /**
   * One long-poll of the place: with `known` (the position on screen) the server answers when the
   * position differs from it (or its wait runs out); without it at once.
   */
  readonly read: (known: number | undefined) => Promise<QueuePlace>;
  /** What the chat shows now: the loop runs while the status is 'queued'. */
  readonly shown: () => { readonly status?: ConversationStatus; readonly position?: number };
  readonly onPlace: (place: { readonly position?: number; readonly estimatedWaitSeconds?: number }) => void;
  /** False once the window closed or another conversation opened. */
  readonly live: () => boolean;
  readonly sleep: (ms: number) => Promise<void>;
  /**
   * Pause after an answer that brought nothing new: no place to wait on (the server cannot hold
   * the request then) or a wait that ran out; keeps a server that does not wait from a busy loop.
   */
  readonly idleMs: number;
  readonly maxBackoffMs?: number;
}

/**
 * Follows the queue place while the user waits for a human, by long-poll: each request carries the
 * position shown and the server holds it until the place changes, so a change shows at once and a
 * quiet queue costs one request per server wait. Network failures back off 1 s, 2 s, 4 s ...; a
 * refusal (the conversation is gone) ends the loop, as does a status other than 'queued' (the
 * events bring the new status) or the window closing.
 */
export async function runQueuePlaceLoop(o: QueuePlaceLoopOptions): Promise<void> {
  const maxBackoffMs = o.maxBackoffMs ?? 30_000;
  let backoff = 0;
  while (o.live() && o.shown().status === 'queued') {
    const known = o.shown().position;
    let place: QueuePlace;
    try {
      place = await o.read(known);
      backoff = 0;
    } catch (err) {
      if (err instanceof ApiError && err.status < 500 && err.status !== 429) return;
      backoff = Math.min(maxBackoffMs, backoff ? backoff * 2 : 1000);
      await o.sleep(backoff);
      continue;
    }
    if (!o.live() || place.status !== 'queued') return;
    if (place.position !== known) o.onPlace(place.position !== undefined ? { position: place.position, ...(place.estimatedWaitSeconds !== undefined ? { estimatedWaitSeconds: place.estimatedWaitSeconds } : {}) } : {});
    // A changed place now on screen is asked about again at once (with the new `known`); anything
    // else waits, or the same answer would come back at once.
    const moved = place.position !== undefined && place.position !== known && o.shown().position === place.position;
    if (!moved) await o.sleep(o.idleMs);
  }
}
