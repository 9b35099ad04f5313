import type { Message } from '../schemas';
import type { ApiClient } from './ApiClient';
import type { ChatAction } from './conversationReducer';
import type { Outbox, OutboxItem } from './Outbox';
import { runResendLoop } from './resendLoop';
import type { SessionKeeper } from './SessionKeeper';

export interface OutboxSenderOptions {
  readonly outbox: Outbox;
  readonly api: ApiClient;
  readonly keeper: SessionKeeper;
  readonly dispatch: (action: ChatAction) => void;
  /** The pending bubble's reason while it waits for the network. */
  readonly notSent: string;
  readonly sleep: (ms: number) => Promise<void>;
  /** Pause between health probes while messages wait. */
  readonly probeMs: number;
  readonly stopped: () => boolean;
}

/**
 * The chat's side of the outbox: queues a message and shows its bubble, sends what waits and
 * settles the bubbles, and, while anything waits, probes the API's health until it answers and
 * sends again (the same idempotent ids, so nothing arrives twice and nothing needs a tap).
 */
export class OutboxSender {
  private resending = false;

  constructor(private readonly o: OutboxSenderOptions) {}

  /** A message to send, shown at once as sending. */
  async queue(item: OutboxItem): Promise<void> {
    await this.o.outbox.add(item);
    this.o.dispatch({ type: 'sending', item });
  }

  /** The waiting message of that id, if it still waits (a tap on 重发 sends it as it was). */
  async waiting(clientMessageId: string): Promise<OutboxItem | undefined> {
    return (await this.o.outbox.pending()).find((i) => i.clientMessageId === clientMessageId);
  }

  /** What still waits from an earlier visit (closed or reloaded before it went out), shown as sending. */
  async showWaiting(): Promise<void> {
    for (const item of await this.o.outbox.pending()) this.o.dispatch({ type: 'sending', item });
  }

  /** The API does not answer: what waits is shown as not sent (it goes out once the API answers). */
  async markWaiting(): Promise<void> {
    for (const item of await this.o.outbox.pending()) this.o.dispatch({ type: 'rejected', clientMessageId: item.clientMessageId, error: this.o.notSent });
  }

  /** Sends what waits, oldest first; resolves with how many still wait for the network. */
  async flush(): Promise<number> {
    try {
      await this.o.keeper.ensure();
    } catch {
      // No session now (network down): the outbox keeps the messages.
    }
    // The token may run out between the check and the send: those go again under a new session.
    const result = await this.o.outbox.flushRenewing(() => this.o.keeper.renew());
    for (const s of result.sent) this.o.dispatch({ type: 'sent', clientMessageId: s.item.clientMessageId, message: s.message as Message });
    for (const r of result.rejected) this.o.dispatch({ type: 'rejected', clientMessageId: r.item.clientMessageId, error: r.error.message });
    if (result.remaining) {
      for (const item of await this.o.outbox.pending()) this.o.dispatch({ type: 'rejected', clientMessageId: item.clientMessageId, error: this.o.notSent });
      this.resendWhenBack();
    }
    return result.remaining;
  }

  /** Unsent messages wait: probe the API until it answers, then send them. */
  private resendWhenBack(): void {
    if (this.resending || this.o.stopped()) return;
    this.resending = true;
    const ended = () => {
      this.resending = false;
    };
    void runResendLoop({
      probe: () => this.o.api.call('GET', '/v1/health').then(() => true, () => false),
      flush: () => this.flush(),
      sleep: this.o.sleep,
      intervalMs: this.o.probeMs,
      live: () => !this.o.stopped(),
    }).then(ended, ended);
  }
}
