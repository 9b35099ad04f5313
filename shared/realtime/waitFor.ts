import type { Notifier } from './Notifier';

export interface WaitForOptions {
  /** Total time to wait for something to appear. */
  readonly timeoutMs: number;
  /** How often to re-read even without a notification (writes from other processes). */
  readonly recheckMs?: number;
  /** Aborts the wait, e.g. when the HTTP client disconnects. */
  readonly signal?: AbortSignal;
}

/**
 * The long-poll loop: read; if nothing, wait for a notification on the channel (or the recheck
 * interval, or the deadline) and read again. Subscribing before each read closes the race where a
 * write lands between reading and waiting.
 */
export async function waitFor<T>(
  notifier: Notifier,
  channel: string,
  read: () => Promise<T[]>,
  options: WaitForOptions,
): Promise<T[]> {
  const deadline = Date.now() + options.timeoutMs;
  const recheckMs = options.recheckMs ?? 1000;
  for (;;) {
    const sub = notifier.subscribe(channel);
    try {
      const found = await read();
      const remaining = deadline - Date.now();
      if (found.length > 0 || remaining <= 0 || options.signal?.aborted) return found;
      let timer: NodeJS.Timeout | undefined;
      let onAbort: (() => void) | undefined;
      await Promise.race([
        sub.fired,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, Math.min(remaining, recheckMs));
          onAbort = resolve;
          options.signal?.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
      clearTimeout(timer);
      if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    } finally {
      sub.cancel();
    }
  }
}
