import { useEffect } from 'react';
import { ApiError } from '../api';

/**
 * Polls `fn` in a loop while mounted: each call long-polls on the server, errors back off. The
 * first success after errors calls `onRecover` (what happened meanwhile may need a full read).
 * A 401 stops the loop: the session is over and the app is already back at the login.
 */
export function useLongPoll(fn: (signal: AbortSignal) => Promise<void>, deps: unknown[], onRecover?: () => void): void {
  useEffect(() => {
    const ctrl = new AbortController();
    void (async () => {
      let backoff = 0;
      while (!ctrl.signal.aborted) {
        try {
          await fn(ctrl.signal);
          if (backoff) onRecover?.();
          backoff = 0;
        } catch (err) {
          if (ctrl.signal.aborted || (err instanceof ApiError && err.status === 401)) return;
          backoff = Math.min(10_000, backoff ? backoff * 2 : 1000);
          await new Promise((r) => setTimeout(r, backoff));
        }
      }
    })();
    return () => ctrl.abort();
  }, deps);
}
