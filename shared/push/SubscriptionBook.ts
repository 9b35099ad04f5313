import type { Store } from '../store';
import type { AlipayIdType, AlipayRecipient } from '../alipay';
import { UNLIMITED_SENDS, type NotifySettings, type SubscriptionKind, type SubscriptionStatus, type SubscriptionUpdateRequest } from '../schemas';

interface SubscriptionRow {
  [column: string]: unknown;
  /** One-time acceptances not yet used. */
  remaining?: number;
  /** A long-term template the user accepted (and has not rejected since). */
  long?: boolean;
  at?: number;
}

/** A one-time send taken from a user's count (or a long-term template, which takes nothing). */
export interface Reservation {
  readonly templateId: string;
  readonly kind: SubscriptionKind;
}

const t = { subscriptions: 'pushSubscriptions', ids: 'pushIdType' } as const;

/** Alipay user ids are 2088 followed by 12 digits; anything else Kefu got from Alipay is an open_id. */
const ALIPAY_USER_ID = /^2088\d{12}$/;

/**
 * Kefu's record of which reply templates each user accepted in my.requestSubscribeMessage, and how
 * many one-time sends are left. Alipay keeps the authoritative count; this mirror lets Kefu send
 * only when a send can succeed, and is corrected (cleared) when Alipay says otherwise. One row per
 * user and template, so a send takes one acceptance with the store's atomic increment and two
 * concurrent sends can never both use the last one.
 */
export class SubscriptionBook {
  constructor(private readonly store: Store) {}

  /** What the chat needs to decide whether to offer "有回复时通知我". */
  async status(tenant: string, userId: string, settings: NotifySettings): Promise<SubscriptionStatus> {
    const ids = settings.replyTemplateIds;
    if (!ids.length) return { templateIds: [], kind: null, accepted: {} };
    const rows = await this.rows(tenant, userId);
    const accepted: Record<string, number> = {};
    for (const id of ids) accepted[id] = sendsLeft(rows.get(id), settings.kind);
    return { templateIds: [...ids], kind: settings.kind, accepted };
  }

  /**
   * Records what my.requestSubscribeMessage returned. A one-time acceptance adds one send (they
   * accumulate, as on Alipay); a one-time rejection takes nothing away (earlier acceptances still
   * stand). A long-term acceptance is kept until rejected. Ids that are not the merchant's reply
   * templates change nothing and come back in `ignored`.
   */
  async record(tenant: string, userId: string, settings: NotifySettings, body: SubscriptionUpdateRequest): Promise<SubscriptionStatus> {
    const offered = new Set(settings.replyTemplateIds);
    const rejected = body.rejected ?? [];
    const ignored = [...body.accepted, ...rejected].filter((id) => !offered.has(id));
    const db = this.store.tenant(tenant);
    const at = Date.now();
    for (const id of body.accepted.filter((i) => offered.has(i))) {
      if (settings.kind === 'once') {
        // A count left below zero by a failed reservation race is restored before it is added to.
        const n = await db.increment(t.subscriptions, [userId, id], 'remaining', 1);
        if (n < 1) await db.update(t.subscriptions, [userId, id], { remaining: 1, at });
      } else {
        await db.update(t.subscriptions, [userId, id], { long: true, at });
      }
    }
    if (settings.kind === 'long') {
      for (const id of rejected.filter((i) => offered.has(i))) await db.update(t.subscriptions, [userId, id], { long: false, at });
    }
    return { ...(await this.status(tenant, userId, settings)), ignored };
  }

  /** Takes one send for a reply notice: the first offered template that can still be sent, or none. */
  async reserve(tenant: string, userId: string, settings: NotifySettings): Promise<Reservation | undefined> {
    const rows = await this.rows(tenant, userId);
    const db = this.store.tenant(tenant);
    for (const id of settings.replyTemplateIds) {
      const row = rows.get(id);
      if (settings.kind === 'long') {
        if (row?.long) return { templateId: id, kind: 'long' };
        continue;
      }
      if ((row?.remaining ?? 0) < 1) continue;
      // Atomic: of two senders racing for the last acceptance, one gets 0 and the other -1.
      const left = await db.increment(t.subscriptions, [userId, id], 'remaining', -1);
      if (left >= 0) return { templateId: id, kind: 'once' };
      await db.increment(t.subscriptions, [userId, id], 'remaining', 1);
    }
    return undefined;
  }

  /** Whether a reply notice could be sent now, without taking anything. */
  async canNotify(tenant: string, userId: string, settings: NotifySettings): Promise<boolean> {
    const rows = await this.rows(tenant, userId);
    return settings.replyTemplateIds.some((id) => sendsLeft(rows.get(id), settings.kind) > 0);
  }

  /** Gives back a reserved send that was not used (Alipay did not deliver, and not because of the user). */
  async release(tenant: string, userId: string, r: Reservation): Promise<void> {
    if (r.kind === 'once') await this.store.tenant(tenant).increment(t.subscriptions, [userId, r.templateId], 'remaining', 1);
  }

  /** Alipay says the user cannot be sent this template (not subscribed, used up, switched off): forget it. */
  async revoke(tenant: string, userId: string, r: Reservation): Promise<void> {
    await this.store.tenant(tenant).update(t.subscriptions, [userId, r.templateId], r.kind === 'once' ? { remaining: 0, at: Date.now() } : { long: false, at: Date.now() });
  }

  /** Which identifier Alipay's login gave for this user (an app in openId mode gets open_id only). */
  async rememberIdType(tenant: string, userId: string, idType: AlipayIdType): Promise<void> {
    await this.store.tenant(tenant).put(t.ids, [userId], { idType });
  }

  /** Where a message to this user goes: `to_open_id` for an open_id, `to_user_id` for a 2088... id. */
  async recipient(tenant: string, userId: string): Promise<AlipayRecipient> {
    const row = await this.store.tenant(tenant).get<{ idType: AlipayIdType }>(t.ids, [userId]);
    // Users who logged in before the id type was recorded: the id's shape says which it is.
    return { id: userId, idType: row?.value.idType ?? (ALIPAY_USER_ID.test(userId) ? 'userId' : 'openId') };
  }

  private async rows(tenant: string, userId: string): Promise<Map<string, SubscriptionRow>> {
    const page = await this.store.tenant(tenant).range<SubscriptionRow>(t.subscriptions, [userId], { limit: 50 });
    return new Map(page.rows.map((r) => [String(r.key[1]), r.value]));
  }
}

function sendsLeft(row: SubscriptionRow | undefined, kind: SubscriptionKind): number {
  if (kind === 'long') return row?.long ? UNLIMITED_SENDS : 0;
  return Math.max(0, row?.remaining ?? 0);
}
