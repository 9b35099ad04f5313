export interface ResendLoopOptions {
  /** Whether the API answers now (its health check). */
  readonly probe: () => Promise<boolean>;
  /** Sends what waits; resolves with how many are still waiting. */
  readonly flush: () => Promise<number>;
  readonly sleep: (ms: number) => Promise<void>;
  /** Pause between probes while the API does not answer. */
  readonly intervalMs: number;
  readonly live: () => boolean;
}

/**
 * While unsent messages wait, the API's health is probed every `intervalMs`; once it answers the
 * outbox is sent (each message under its own idempotent id, so nothing arrives twice), and the
 * loop ends when nothing waits. Other triggers (a successful call, the network back, the app in
 * the foreground) flush on their own; this loop is for the case where nothing else happens.
 */
export async function runResendLoop(o: ResendLoopOptions): Promise<void> {
  while (o.live()) {
    await o.sleep(o.intervalMs);
    if (!o.live()) return;
    if (!(await o.probe())) continue;
    if ((await o.flush()) === 0) return;
  }
}
