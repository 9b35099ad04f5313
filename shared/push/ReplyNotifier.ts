import { randomUUID } from 'node:crypto';
import type { Store } from '../store';
import type { AlipayOpenApi } from '../alipay/AlipayOpenApi';

export interface ReplyNotifierOptions {
  readonly store: Store;
  /** Without Alipay configured nothing is sent (and nothing queued). */
  readonly alipay?: AlipayOpenApi;
  readonly clock?: () => number;
  /** A reply is pushed when the user has not polled for this long (default 60 s). */
  readonly afterSeconds?: number;
  /** At most one push per user per this many seconds (default 300). */
  readonly intervalSeconds?: number;
  /** The merchant's mini-program message template. */
  readonly templateId?: string;
  /** The chat page the message opens. */
  readonly page?: string;
}

interface PushJob {
  [column: string]: unknown;
  id: string;
  userId: string;
  conversationId: string;
  attempts: number;
  nextAt: number;
}

/** Waits before the 2nd, 3rd ... attempt; after the last the push is given up (and logged). */
const BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000];

const t = { seen: 'pushSeen', sent: 'pushSent', outbox: 'pushOutbox', log: 'pushLog' } as const;

/**
 * Tells a user who has left the chat that an agent replied, with an Alipay mini-program message
 * ("您有新的客服回复"). A reply queues a push only if the user has not polled for `afterSeconds` and
 * was not pushed within `intervalSeconds`; queued pushes are sent right away and by the jobs timer,
 * failures retried with backoff, every result logged. Nothing here can fail the reply itself:
 * callers fire and forget.
 */
export class ReplyNotifier {
  private readonly clock: () => number;
  /** Polls already recorded recently by this process, so a busy poller writes once per 20 s. */
  private readonly recentPolls = new Map<string, number>();

  constructor(private readonly o: ReplyNotifierOptions) {
    this.clock = o.clock ?? Date.now;
  }

  async userPolled(tenant: string, userId: string): Promise<void> {
    const key = `${tenant}/${userId}`;
    const now = this.clock();
    if (now - (this.recentPolls.get(key) ?? 0) < 20_000) return;
    this.recentPolls.set(key, now);
    if (this.recentPolls.size > 10_000) this.recentPolls.clear();
    await this.o.store.tenant(tenant).put(t.seen, [userId], { at: now });
  }

  /** Queues a push when the user is away; returns whether one was queued. */
  async agentReplied(tenant: string, userId: string, conversationId: string): Promise<boolean> {
    if (!this.o.alipay) return false;
    const db = this.o.store.tenant(tenant);
    const now = this.clock();
    const seen = (await db.get<{ at: number }>(t.seen, [userId]))?.value.at ?? 0;
    if (now - seen < (this.o.afterSeconds ?? 60) * 1000) return false;
    const last = await db.get<{ at: number }>(t.sent, [userId]);
    if (last && now - last.value.at < (this.o.intervalSeconds ?? 300) * 1000) return false;
    // The interval counts from queuing, so a burst of replies gives one message.
    await db.put(t.sent, [userId], { at: now });
    const job: PushJob = { id: randomUUID(), userId, conversationId, attempts: 0, nextAt: now };
    await db.put(t.outbox, [job.id], job);
    return true;
  }

  /** Sends what is due in a tenant's outbox; the jobs timer calls it every sweep. */
  async deliver(tenant: string): Promise<{ sent: number; failed: number; gaveUp: number }> {
    const report = { sent: 0, failed: 0, gaveUp: 0 };
    if (!this.o.alipay) return report;
    const db = this.o.store.tenant(tenant);
    const now = this.clock();
    const due = (await db.range<PushJob>(t.outbox, [], { limit: 200 })).rows.filter((r) => r.value.nextAt <= now);
    for (const { value: job, version } of due) {
      // Claim the job first (conditional on its version), so two sweeps never send it twice.
      const attempts = job.attempts + 1;
      try {
        await db.update(t.outbox, [job.id], { attempts, nextAt: now + (BACKOFF_MS[attempts - 1] ?? Infinity) }, { version });
      } catch {
        continue;
      }
      try {
        await this.o.alipay.sendTemplateMessage(job.userId, {
          templateId: this.o.templateId ?? 'kefu-reply',
          page: `${this.o.page ?? 'pages/demo/index'}?conversation=${encodeURIComponent(job.conversationId)}`,
          data: { keyword1: { value: '您有新的客服回复' }, keyword2: { value: new Date(now).toISOString() } },
        });
        await db.delete(t.outbox, [job.id]);
        await this.logResult(tenant, job, 'sent', attempts);
        report.sent++;
      } catch (err) {
        const last = attempts > BACKOFF_MS.length;
        if (last) await db.delete(t.outbox, [job.id]);
        await this.logResult(tenant, job, last ? 'gaveUp' : 'failed', attempts, err instanceof Error ? err.message : String(err));
        if (last) report.gaveUp++;
        else report.failed++;
      }
    }
    return report;
  }

  private async logResult(tenant: string, job: PushJob, status: 'sent' | 'failed' | 'gaveUp', attempts: number, error?: string): Promise<void> {
    const at = new Date(this.clock()).toISOString();
    await this.o.store.tenant(tenant).put(t.log, [at, randomUUID()], { jobId: job.id, userId: job.userId, conversationId: job.conversationId, status, attempts, at, ...(error ? { error: error.slice(0, 200) } : {}) });
  }
}
