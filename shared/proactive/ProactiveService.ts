import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AccountService } from '../accounts';
import type { BotTurn } from '../conversation';
import type { CustomerEvent, CustomerEventType } from '../customer';
import { KefuError } from '../errors';
import type { FaqService } from '../faq';
import { BUSINESS_EVENT_TYPES, type BusinessEvent, type BusinessEventType, type ProactiveRule } from '../schemas';
import { isConditionFailed, type Store, type WriteOp } from '../store';
import { MerchantSettings } from '../merchant';
import { defaultProactiveRules } from './defaultProactiveRules';

const t = {
  replay: 'eventReplay',
  event: 'bizEvent',
  userEvent: 'userBizEvent',
  due: 'proactiveDue',
  last: 'proactiveLast',
  log: 'proactiveLog',
  prefs: 'userPrefs',
} as const;

/**
 * The `X-Kefu-Signature` of an event request: HMAC-SHA256 over `<timestamp>.<body>` with the
 * merchant's event secret, as `sha256=<hex>`. What a merchant's system computes, and what is checked.
 */
export function signEvent(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Signed requests older (or newer) than this are refused; a replay inside it is caught by its signature. */
export const EVENT_WINDOW_SECONDS = 300;
const SEND_ATTEMPTS = 3;

/** Which 猜你想问 signal each business event is. */
const CUSTOMER_EVENT: Partial<Record<BusinessEventType, CustomerEventType>> = {
  'payment.failed': 'paymentFailed',
  'refund.started': 'refundPending',
  'transfer.pending': 'transferPending',
  'repayment.due': 'repaymentDue',
  'login.anomaly': 'loginAnomaly',
};

interface DueItem {
  readonly [column: string]: unknown;
  readonly userId: string;
  readonly ruleId: string;
  readonly eventId: string;
  readonly attempts: number;
}

/** What identifies one signed request (its minute and signature). */
export interface RequestMark {
  readonly minute: number;
  readonly signature: string;
}

export interface SignedRequest {
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly body: string;
}

export interface ProactiveServiceOptions {
  readonly store: Store;
  readonly conversations: Pick<BotTurn, 'postProactive'>;
  readonly faq: FaqService;
  /**
   * Who has an account. An event for anyone else is kept for 猜你想问 but schedules nothing, so no
   * conversation is ever opened for a user who never used the chat. Without it every user counts.
   */
  readonly users?: Pick<AccountService, 'getUser'>;
  /** Where the event secret and rules live (the merchant's settings); one over `store` when not given. */
  readonly settings?: MerchantSettings;
  readonly clock?: () => number;
}

/** What `record` answers: `skipped` says why nothing was scheduled for an accepted event. */
export interface RecordedEvent {
  readonly eventId: string;
  readonly duplicate: boolean;
  readonly scheduled: number;
  readonly skipped?: { readonly code: 'USER_NOT_FOUND'; readonly message: string };
}

/** Business events are dated from 2000 to a year ahead; anything else is a merchant's bug. */
const EARLIEST_EVENT_MS = Date.UTC(2000, 0, 1);
const LATEST_EVENT_AHEAD_MS = 366 * 24 * 3600_000;

/**
 * Proactive service: a merchant's systems post business events (signed with HMAC-SHA256 over
 * `<timestamp>.<body>` with the merchant's event secret); the merchant's rules turn them into
 * messages to the user, sent by the jobs timer when due — into the user's open conversation (or a
 * new one), with an Alipay message when the user is away. Each event is taken once (by its id),
 * each signed request once (by its signature), each rule reaches a user at most once per its
 * dedupe window, and a user who opted out gets nothing. The events also feed 猜你想问.
 */
export class ProactiveService {
  private readonly clock: () => number;
  private readonly settings: MerchantSettings;

  constructor(private readonly o: ProactiveServiceOptions) {
    this.clock = o.clock ?? Date.now;
    this.settings = o.settings ?? new MerchantSettings(o.store);
  }

  /** A new event secret for the merchant, returned once (the old one stops working). */
  async rotateSecret(tenant: string): Promise<string> {
    const secret = randomBytes(32).toString('base64url');
    await this.settings.updateEventSettings(tenant, { secret, rotatedAt: new Date(this.clock()).toISOString() });
    return secret;
  }

  async rules(tenant: string): Promise<ProactiveRule[]> {
    return (await this.settings.eventSettings(tenant)).rules ?? [...defaultProactiveRules];
  }

  async setRules(tenant: string, rules: readonly ProactiveRule[]): Promise<ProactiveRule[]> {
    const ids = new Set<string>();
    for (const r of rules) {
      if (ids.has(r.id)) throw new KefuError('VALIDATION_FAILED', `规则 id 重复: ${r.id}`, { field: 'rules', reason: 'duplicate' });
      ids.add(r.id);
    }
    await this.settings.updateEventSettings(tenant, { rules: [...rules] });
    return [...rules];
  }

  async setOptOut(tenant: string, userId: string, optOut: boolean): Promise<void> {
    await this.o.store.tenant(tenant).update(t.prefs, [userId], { proactiveOptOut: optOut });
  }

  async optedOut(tenant: string, userId: string): Promise<boolean> {
    return (await this.o.store.tenant(tenant).get<{ proactiveOptOut?: boolean }>(t.prefs, [userId]))?.value.proactiveOptOut === true;
  }

  /**
   * Checks a signed request, in order: the merchant has an event secret, the timestamp is within 5
   * minutes of now, the signature is HMAC-SHA256 of `<timestamp>.<body>`. Returns the request's
   * mark, which {@link record} keeps so the same request cannot be replayed.
   */
  async verify(tenant: string, request: SignedRequest): Promise<RequestMark> {
    const secret = (await this.settings.eventSettings(tenant)).secret;
    if (!secret) throw new KefuError('EVENTS_NOT_CONFIGURED');
    if (!request.timestamp || !/^\d{9,11}$/.test(request.timestamp)) throw new KefuError('EVENT_SIGNATURE_INVALID', '缺少或无效的 X-Kefu-Timestamp (Unix 秒)');
    const ts = Number(request.timestamp);
    if (Math.abs(this.clock() / 1000 - ts) > EVENT_WINDOW_SECONDS) throw new KefuError('EVENT_EXPIRED', `时间戳与服务器时间相差超过 ${EVENT_WINDOW_SECONDS} 秒`);
    const expected = Buffer.from(signEvent(secret, request.timestamp, request.body));
    const given = Buffer.from(request.signature ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new KefuError('EVENT_SIGNATURE_INVALID');
    return { minute: Math.floor(ts / 60), signature: expected.toString('utf8').slice('sha256='.length) };
  }

  /**
   * Records a verified event and schedules what the merchant's rules say, in one write. The same
   * signed request again is EVENT_REPLAYED; the same event id under a new signature (a retry by
   * the merchant) is accepted as a duplicate and schedules nothing.
   */
  async record(tenant: string, event: BusinessEvent, mark: RequestMark): Promise<RecordedEvent> {
    // Everything that can refuse the event is checked before the request's mark is taken, so a
    // refused request costs the merchant nothing: the corrected event, signed again, goes through.
    if (!(BUSINESS_EVENT_TYPES as readonly string[]).includes(event.type)) {
      throw new KefuError('EVENT_TYPE_UNKNOWN', `不支持的事件类型 ${event.type},可用: ${BUSINESS_EVENT_TYPES.join(', ')}`, { type: event.type });
    }
    const type = event.type as BusinessEventType;
    const db = this.o.store.tenant(tenant);
    const now = this.clock();
    const occurredAt = Date.parse(event.occurredAt);
    if (!Number.isFinite(occurredAt) || occurredAt < EARLIEST_EVENT_MS || occurredAt > now + LATEST_EVENT_AHEAD_MS) {
      throw new KefuError('VALIDATION_FAILED', '参数 occurredAt 不合法: 须在 2000-01-01 与一年后之间', { field: 'occurredAt', reason: 'range' });
    }
    const known = !this.o.users || (await this.o.users.getUser(tenant, event.userId)) !== undefined;
    try {
      // Kept per minute, so old marks can be swept by range.
      await db.put(t.replay, [mark.minute, mark.signature], { at: now }, 'notExists');
    } catch (err) {
      if (isConditionFailed(err)) throw new KefuError('EVENT_REPLAYED');
      throw err;
    }
    const rules = known ? (await this.rules(tenant)).filter((r) => r.enabled && r.eventType === type) : [];
    const ops: WriteOp[] = [
      { op: 'put', table: t.event, key: [event.id], value: { type, userId: event.userId, occurredAt: event.occurredAt, receivedAt: new Date(now).toISOString() }, condition: 'notExists' },
      { op: 'put', table: t.userEvent, key: [event.userId, occurredAt, event.id], value: { type, ...(event.amountFen !== undefined ? { amountFen: event.amountFen } : {}) } },
      ...rules.map((r): WriteOp => {
        const item: DueItem = { userId: event.userId, ruleId: r.id, eventId: event.id, attempts: 0 };
        // Measured from when it happened, but never in the past of an event reported late.
        return { op: 'put', table: t.due, key: [Math.max(now, occurredAt + r.delayMinutes * 60_000), event.id, r.id], value: { ...item } };
      }),
    ];
    try {
      await db.batchWrite(ops);
    } catch (err) {
      if (isConditionFailed(err)) return { eventId: event.id, duplicate: true, scheduled: 0, ...skippedFor(known) };
      throw err;
    }
    return { eventId: event.id, duplicate: false, scheduled: rules.length, ...skippedFor(known) };
  }

  /** The user's recent business events as 猜你想问 signals. */
  async recentEvents(tenant: string, userId: string, since: Date): Promise<CustomerEvent[]> {
    const page = await this.o.store.tenant(tenant).range<{ type: BusinessEventType; amountFen?: number }>(t.userEvent, [userId], { direction: 'backward', limit: 50 });
    return page.rows
      .filter((r) => Number(r.key[1]) >= since.getTime() && CUSTOMER_EVENT[r.value.type])
      .map((r) => ({ type: CUSTOMER_EVENT[r.value.type]!, at: new Date(Number(r.key[1])).toISOString(), ...(r.value.amountFen !== undefined ? { amountFen: r.value.amountFen } : {}) }));
  }

  /**
   * Sends the tenant's due messages (the jobs timer, every sweep). Each is claimed by deleting its
   * due row first, so two sweeps never send it twice; a failed send is put back with a later time,
   * up to 3 attempts.
   */
  async deliverDue(tenant: string): Promise<{ sent: number; optedOut: number; deduplicated: number; failed: number }> {
    const report = { sent: 0, optedOut: 0, deduplicated: 0, failed: 0 };
    const db = this.o.store.tenant(tenant);
    const now = this.clock();
    const page = await db.range<DueItem>(t.due, [], { limit: 100 });
    const due = page.rows.filter((r) => Number(r.key[0]) <= now);
    if (due.length === 0) return report;
    const rules = new Map((await this.rules(tenant)).map((r) => [r.id, r]));
    for (const row of due) {
      try {
        await db.delete(t.due, row.key, { version: row.version });
      } catch (err) {
        if (isConditionFailed(err)) continue;
        throw err;
      }
      const item = row.value;
      const rule = rules.get(item.ruleId);
      const log = (outcome: string, extra: Record<string, unknown> = {}) => db.put(t.log, [now, item.eventId, item.ruleId], { userId: item.userId, outcome, ...extra });
      if (!rule || !rule.enabled) {
        await log('ruleRemoved');
        continue;
      }
      // Scheduled before accounts were checked at intake: still never a conversation for no one.
      if (this.o.users && !(await this.o.users.getUser(tenant, item.userId))) {
        await log('userNotFound');
        continue;
      }
      if (await this.optedOut(tenant, item.userId)) {
        await log('optedOut');
        report.optedOut++;
        continue;
      }
      const last = await db.get<{ at: number }>(t.last, [item.userId, rule.id]);
      if (last && rule.dedupeHours > 0 && now - last.value.at < rule.dedupeHours * 3600_000) {
        await log('deduplicated');
        report.deduplicated++;
        continue;
      }
      try {
        const items = (await Promise.all(rule.faqIds.map((id) => this.o.faq.get(tenant, id).catch(() => undefined))))
          .filter((e) => e?.enabled)
          .map((e) => ({ faqId: e!.id, question: e!.question }));
        const conversationId = await this.o.conversations.postProactive(tenant, item.userId, { type: 'faqSuggest', text: rule.text, items, proactive: true });
        await db.put(t.last, [item.userId, rule.id], { at: now });
        await log('sent', { conversationId });
        report.sent++;
        // No Alipay notice: what the user accepted with 有回复时通知我 is for agents' replies, and a
        // one-time acceptance spent on a reminder would be missing when the reply comes.
      } catch (err) {
        const attempts = item.attempts + 1;
        if (attempts < SEND_ATTEMPTS) await db.put(t.due, [now + attempts * 60_000, item.eventId, item.ruleId], { ...item, attempts });
        await log(attempts < SEND_ATTEMPTS ? 'retrying' : 'failed', { error: err instanceof Error ? err.message : String(err) });
        report.failed++;
      }
    }
    return report;
  }

  /** Forgets replay marks older than the window (kept twice as long to be safe). */
  async sweepReplayMarks(tenant: string): Promise<number> {
    const db = this.o.store.tenant(tenant);
    const cutoff = Math.floor(this.clock() / 1000 / 60) - Math.ceil((2 * EVENT_WINDOW_SECONDS) / 60);
    const old = (await db.range(t.replay, [], { limit: 200 })).rows.filter((r) => Number(r.key[0]) < cutoff);
    for (const r of old) await db.delete(t.replay, r.key);
    return old.length;
  }
}

function skippedFor(known: boolean): Pick<RecordedEvent, 'skipped'> {
  return known ? {} : { skipped: { code: 'USER_NOT_FOUND', message: '该用户还没有使用过客服,事件已记录(用于猜你想问),不发送主动消息' } };
}
