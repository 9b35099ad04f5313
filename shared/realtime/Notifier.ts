/**
 * Wakes long-polls waiting on a channel when something is written to it. The in-process driver is
 * the default; a Redis driver can replace it when several processes serve the same tenant. Waiters
 * must also re-check the store periodically, because a notification from another process may never
 * arrive (docs/architecture.md, The conversation kernel).
 */
export interface Notifier {
  /** Wake every current subscriber of the channel. */
  notify(channel: string): void;
  /**
   * Subscribe before reading the store, so a write that lands between the read and the wait is not
   * missed. `fired` resolves on the next notification; `cancel` releases the subscription.
   */
  subscribe(channel: string): Subscription;
}

export interface Subscription {
  readonly fired: Promise<void>;
  cancel(): void;
}
