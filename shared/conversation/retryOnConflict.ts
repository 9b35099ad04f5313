import { KefuError } from '../errors';
import { isConditionFailed } from '../store';

/** How often one change is redone after losing a race before the caller hears CONFLICT. */
export const MAX_CONFLICT_RETRIES = 8;

/**
 * Runs `attempt` (read the conversation, decide, write conditional on its version) again while its
 * write loses to a concurrent one, each time on fresh data; after MAX_CONFLICT_RETRIES lost races
 * the caller gets CONFLICT, never the store's own condition error. One loop for every write of the
 * conversation, so the copies cannot drift.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, maxRetries = MAX_CONFLICT_RETRIES): Promise<T> {
  for (let lost = 0; ; lost++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      if (lost >= maxRetries) throw new KefuError('CONFLICT');
    }
  }
}
