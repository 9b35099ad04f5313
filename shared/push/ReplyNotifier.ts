import { randomUUID } from 'node:crypto';
import type { Store } from '../store';
import type { Logger } from '../log';
import { type AlipayOpenApi, classifySendError } from '../alipay';
import type { NotifySettings, SubscriptionStatus, SubscriptionUpdateRequest } from '../schemas';
import { SubscriptionBook, type Reservation } from './SubscriptionBook';
import { readNotifySettings } from './notifySettings';

export interface ReplyNotifierOptions {
  readonly store: Store;
  /** Without Alipay configured nothing is sent (and nothing queued). */
  readonly alipay?: AlipayOpenApi;
  readonly clock?: () => number;
  /** A reply is pushed when the user has not polled for this long (default 60 s). */
  readonly afterSeconds?: number;
  /** At most one push per user per this many seconds (default 300). */
  readonly intervalSeconds?: number;
  /** Where "no subscription, nothing sent" and refusals are told (debug / info); silent without one. */
  readonly logger?: Pick<Logger, 'debug' | 'info' | 'warn'>;
}

interface PushJob {
  [column: string]: unknown;
  id: string;
  userId: string;
  conversationId: string;
  attempts: number;
  nextAt: number;
}

export interface DeliveryReport {
  sent: number;
  /** Transient failures, to be retried with backoff. */
  failed: number;
  /** Given up: the last retry failed, or the merchant's template or the deployment is wrong. */
  gaveUp: number;
  /** Alipay refused for the user's subscription (not subscribed, used up): the record was cleared. */
  refused: number;
  /** Nothing left to send with when the job came due (the user's sends were used meanwhile). */
  skipped: number;
}

/** Waits before the 2nd, 3rd ... attempt; after the last the push is given up (and logged). */
const BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000];

const t = { seen: 'pushSeen', sent: 'pushSent', outbox: 'pushOutbox', log: 'pushLog' } as const;

/**
 * Tells a user who has left the chat that an agent replied, with an Alipay subscription message
 * (订阅消息) on a template the merchant configured and the user accepted in the chat
 * (my.requestSubscribeMessage). A reply queues a notice only if the user has a send left (a
 * one-time acceptance, or a long-term template), has not polled for `afterSeconds` and was not
 * notified within `intervalSeconds`. The send takes one acceptance atomically; queued notices go
 * out right away and by the jobs timer, transient failures retried with backoff, refusals clear the
 * user's record without retrying, every result logged. Without a subscription nothing is sent and
 * nothing queued. Nothing here can fail the reply itself: callers fire and forget.
 */
export class ReplyNotifier {
  readonly subscriptions: SubscriptionBook;
  private readonly clock: () => number;
  /** Polls already recorded recently by this process, so a busy poller writes once per 20 s. */
  private readonly recentPolls = new Map<string, number>();

  constructor(private readonly o: ReplyNotifierOptions) {
    this.clock = o.clock ?? Date.now;
    this.subscriptions = new SubscriptionBook(o.store);
  }

  /** The merchant's templates, page and keywords (`/v1/merchant/settings/notify`). */
  settings(tenant: string): Promise<NotifySettings> {
    return readNotifySettings(this.o.store, tenant);
  }

  /**
   * What the chat offers this user (`GET /v1/me/subscriptions`). Without Alipay configured no
   * notice can be sent, so nothing is offered.
   */
  async subscriptionStatus(tenant: string, userId: string): Promise<SubscriptionStatus> {
    return this.subscriptions.status(tenant, userId, await this.offeredSettings(tenant));
  }

  /** Records what my.requestSubscribeMessage returned (`POST /v1/me/subscriptions`). */
  async recordSubscriptions(tenant: string, userId: string, body: SubscriptionUpdateRequest): Promise<SubscriptionStatus> {
    return this.subscriptions.record(tenant, userId, await this.offeredSettings(tenant), body);
  }

  private async offeredSettings(tenant: string): Promise<NotifySettings> {
    const settings = await this.settings(tenant);
    return this.o.alipay ? settings : { ...settings, replyTemplateIds: [] };
  }

  async userPolled(tenant: string, userId: string): Promise<void> {
    const key = `${tenant}/${userId}`;
    const now = this.clock();
    if (now - (this.recentPolls.get(key) ?? 0) < 20_000) return;
    this.recentPolls.set(key, now);
    if (this.recentPolls.size > 10_000) this.recentPolls.clear();
    await this.o.store.tenant(tenant).put(t.seen, [userId], { at: now });
  }

  /** Queues a notice when the user is away and subscribed; returns whether one was queued. */
  async agentReplied(tenant: string, userId: string, conversationId: string): Promise<boolean> {
    if (!this.o.alipay) return false;
    const db = this.o.store.tenant(tenant);
    const now = this.clock();
    const seen = (await db.get<{ at: number }>(t.seen, [userId]))?.value.at ?? 0;
    if (now - seen < (this.o.afterSeconds ?? 60) * 1000) return false;
    const settings = await this.settings(tenant);
    if (!(await this.subscriptions.canNotify(tenant, userId, settings))) {
      this.o.logger?.debug({ service_type: 'push', tenant, conversationId, templates: settings.replyTemplateIds.length }, 'reply notice not sent: no subscription');
      return false;
    }
    const last = await db.get<{ at: number }>(t.sent, [userId]);
    if (last && now - last.value.at < (this.o.intervalSeconds ?? 300) * 1000) return false;
    // The interval counts from queuing, so a burst of replies gives one message.
    await db.put(t.sent, [userId], { at: now });
    const job: PushJob = { id: randomUUID(), userId, conversationId, attempts: 0, nextAt: now };
    await db.put(t.outbox, [job.id], job);
    return true;
  }

  /** Sends what is due in a tenant's outbox; the jobs timer calls it every sweep. */
  async deliver(tenant: string): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, failed: 0, gaveUp: 0, refused: 0, skipped: 0 };
    const alipay = this.o.alipay;
    if (!alipay) return report;
    const db = this.o.store.tenant(tenant);
    const now = this.clock();
    const due = (await db.range<PushJob>(t.outbox, [], { limit: 200 })).rows.filter((r) => r.value.nextAt <= now);
    if (!due.length) return report;
    const settings = await this.settings(tenant);
    for (const { value: job, version } of due) {
      // Claim the job first (conditional on its version), so two sweeps never send it twice.
      const attempts = job.attempts + 1;
      try {
        await db.update(t.outbox, [job.id], { attempts, nextAt: now + (BACKOFF_MS[attempts - 1] ?? Infinity) }, { version });
      } catch {
        continue;
      }
      const reserved = await this.subscriptions.reserve(tenant, job.userId, settings);
      if (!reserved) {
        await db.delete(t.outbox, [job.id]);
        await this.logResult(tenant, job, 'skipped', attempts);
        report.skipped++;
        continue;
      }
      const outcome = await this.send(tenant, job, reserved, settings, now);
      report[outcome]++;
      if (outcome !== 'failed') await db.delete(t.outbox, [job.id]);
    }
    return report;
  }

  private async send(tenant: string, job: PushJob, r: Reservation, settings: NotifySettings, now: number): Promise<'sent' | 'failed' | 'gaveUp' | 'refused'> {
    const to = await this.subscriptions.recipient(tenant, job.userId);
    const page = `${settings.page}${settings.page.includes('?') ? '&' : '?'}conversation=${encodeURIComponent(job.conversationId)}`;
    const time = beijingTime(now);
    const data = Object.fromEntries(settings.keywords.map((k, i) => [`keyword${i + 1}`, { value: k.replaceAll('{time}', time).slice(0, 50) }]));
    let failure: { error: unknown } | undefined;
    try {
      await this.o.alipay?.sendSubscriptionMessage(to, { templateId: r.templateId, page, data });
    } catch (error) {
      failure = { error };
    }
    // The result is logged outside the try: a store error while logging a delivered notice must not
    // be taken for a failed send, which would give the acceptance back and send the notice again.
    if (!failure) {
      // Delivered: a failure to record it only loses the record, never sends it twice.
      await this.logResult(tenant, job, 'sent', job.attempts + 1, undefined, r.templateId).catch((err: unknown) => {
        this.o.logger?.warn({ service_type: 'push', tenant, error: err instanceof Error ? err.message : String(err) }, 'reply notice sent but not recorded');
      });
      return 'sent';
    }
    const err = failure.error;
    const kind = classifySendError(err);
    const error = err instanceof Error ? err.message : String(err);
    const subCode = (err as { subCode?: unknown }).subCode;
    if (kind === 'refused') {
      // Alipay's count is the truth: this user cannot get this template now, so stop trying it.
      await this.subscriptions.revoke(tenant, job.userId, r);
      this.o.logger?.info({ service_type: 'push', tenant, subCode, templateId: r.templateId }, 'reply notice refused by Alipay; subscription cleared');
      await this.logResult(tenant, job, 'refused', job.attempts + 1, error, r.templateId);
      return 'refused';
    }
    // The user's acceptance was not used: give it back for the retry or the next reply.
    await this.subscriptions.release(tenant, job.userId, r);
    const last = kind !== 'transient' || job.attempts + 1 > BACKOFF_MS.length;
    if (kind !== 'transient') this.o.logger?.warn({ service_type: 'push', tenant, subCode, templateId: r.templateId, kind }, 'reply notice not deliverable: check the template settings');
    await this.logResult(tenant, job, last ? 'gaveUp' : 'failed', job.attempts + 1, error, r.templateId);
    return last ? 'gaveUp' : 'failed';
  }

  private async logResult(tenant: string, job: PushJob, status: 'sent' | 'failed' | 'gaveUp' | 'refused' | 'skipped', attempts: number, error?: string, templateId?: string): Promise<void> {
    const at = new Date(this.clock()).toISOString();
    await this.o.store.tenant(tenant).put(t.log, [at, randomUUID()], {
      jobId: job.id,
      userId: job.userId,
      conversationId: job.conversationId,
      status,
      attempts,
      at,
      ...(templateId ? { templateId } : {}),
      ...(error ? { error: error.slice(0, 200) } : {}),
    });
  }
}

/** "2026-12-01 17:05" in China time, as a template keyword shows it. */
function beijingTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
