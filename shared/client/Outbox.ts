import { ApiError, UnreachableError, type ApiClient } from './ApiClient';
import type { KeyValueStorage } from './Transport';
import { singleFlight } from './singleFlight';

/** A message the user sent that the server has not confirmed yet. */
export interface OutboxItem {
  readonly conversationId: string;
  /** Chosen by the client once; the server stores a retried message only once. */
  readonly clientMessageId: string;
  readonly text: string;
  readonly createdAt: number;
  /** `human`: the 转人工 button (the text is only its label, in the user's language). */
  readonly intent?: 'human';
}

export interface FlushResult {
  /** Confirmed by the server, with the stored message. */
  readonly sent: { item: OutboxItem; message: unknown }[];
  /** Refused by the server (a 4xx): dropped from the outbox, shown as failed with the reason. */
  readonly rejected: { item: OutboxItem; error: ApiError }[];
  /** Still waiting for the network. */
  readonly remaining: number;
}

const KEY = 'kefu.outbox';

/**
 * Unsent messages, kept in local storage so they survive a closed app or a lost network, and sent
 * in order when the network returns. Sending is idempotent on `clientMessageId`, so a message that
 * reached the server before the answer was lost is never stored twice.
 */
export class Outbox {
  private items: OutboxItem[] | undefined;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly api: ApiClient,
  ) {}

  async pending(): Promise<readonly OutboxItem[]> {
    return [...(await this.load())];
  }

  async add(item: OutboxItem): Promise<void> {
    const items = await this.load();
    if (!items.some((i) => i.clientMessageId === item.clientMessageId)) items.push(item);
    await this.save();
  }

  /** Sends what is queued, oldest first; stops at the first network failure (order is kept). */
  flush(): Promise<FlushResult> {
    return this.flushOnce();
  }

  private readonly flushOnce = singleFlight(() => this.doFlush());

  /**
   * `flush`, and when the server refused some for an expired session (401), those queued again
   * under a new one (`renew`) and sent once more; the results of both rounds together.
   */
  async flushRenewing(renew: () => Promise<unknown>): Promise<FlushResult> {
    const first = await this.flush();
    if (!first.rejected.some((r) => r.error.status === 401)) return first;
    for (const r of first.rejected) if (r.error.status === 401) await this.add(r.item);
    await renew();
    const again = await this.flush();
    return { sent: [...first.sent, ...again.sent], rejected: [...first.rejected.filter((r) => r.error.status !== 401), ...again.rejected], remaining: again.remaining };
  }

  private async doFlush(): Promise<FlushResult> {
    const items = await this.load();
    const sent: FlushResult['sent'] = [];
    const rejected: FlushResult['rejected'] = [];
    while (items.length) {
      const item = items[0]!;
      try {
        const message = await this.api.call('POST', `/v1/conversations/${encodeURIComponent(item.conversationId)}/messages`, { clientMessageId: item.clientMessageId, text: item.text, ...(item.intent ? { intent: item.intent } : {}) });
        sent.push({ item, message });
      } catch (err) {
        if (err instanceof UnreachableError) break;
        if (!(err instanceof ApiError)) throw err;
        rejected.push({ item, error: err });
      }
      items.shift();
      await this.save();
    }
    return { sent, rejected, remaining: items.length };
  }

  private async load(): Promise<OutboxItem[]> {
    if (!this.items) {
      const raw = await this.storage.get(KEY);
      try {
        this.items = raw ? (JSON.parse(raw) as OutboxItem[]) : [];
      } catch {
        this.items = [];
      }
    }
    return this.items;
  }

  private async save(): Promise<void> {
    await this.storage.set(KEY, JSON.stringify(this.items ?? []));
  }
}
