import type { RoutingInfo } from '../schemas';

/**
 * One group's queue as places are counted from it: the waiting keys in queue order (rank, then
 * conversation id, as the store sorts them), the seats serving it now and the mean handling time.
 * One snapshot serves every user waiting in the group (QueueTimers.queueStatus).
 */
export interface QueueSnapshot {
  readonly keys: readonly (readonly [rank: number, conversationId: string])[];
  /** Seats of the group's online agents; 0 when none is online. */
  readonly seats: number;
  readonly handlingSeconds: number;
}

export interface QueuePlace {
  /** 1-based place in the group's queue. */
  readonly position: number;
  /** Undefined while nobody serving the group is online: there is no wait to promise. */
  readonly estimatedWaitSeconds?: number;
}

const before = (a: readonly [number, string], b: readonly [number, string]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/**
 * The conversation's place: the entries ahead of its key, whether its own row is written yet or
 * not (a hand-off being decided), found by binary search. Each seat frees up every `handling`
 * seconds on average, and the conversation is served after `ahead + 1` frees.
 */
export function placeIn(snapshot: QueueSnapshot, info: Pick<RoutingInfo, 'rank'>, conversationId: string): QueuePlace {
  const mine = [info.rank, conversationId] as const;
  let low = 0;
  let high = snapshot.keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (before(snapshot.keys[mid]!, mine)) low = mid + 1;
    else high = mid;
  }
  if (snapshot.seats <= 0) return { position: low + 1 };
  return { position: low + 1, estimatedWaitSeconds: Math.round(((low + 1) * snapshot.handlingSeconds) / snapshot.seats) };
}
