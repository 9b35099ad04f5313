import { Type, type Static } from '@sinclair/typebox';

/**
 * Reply notifications through Alipay subscription messages (订阅消息). The user accepts templates
 * in the mini-program with my.requestSubscribeMessage (at most 3 ids per call, one-time and
 * long-term never mixed: ../shared/platform-docs/alipay-open-docs/mini/api/开放能力API/消息/my.requestSubscribeMessage.md),
 * and the server sends with alipay.open.app.mini.templatemessage.send (https://opendocs.alipay.com/mini/02cth2).
 */

/** my.requestSubscribeMessage takes at most this many template ids per call. */
export const MAX_SUBSCRIBE_TEMPLATES = 3;

/**
 * In `accepted`, a long-term template the user accepted: it may be sent any number of times, so it
 * has no count. One-time templates show their remaining sends (each acceptance adds one).
 */
export const UNLIMITED_SENDS = 999_999;

/** A template id as the merchant platform shows it (the doc's user_template_id, at most 64 characters). */
export const TemplateId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9+/=_-]+$' });

/** 一次性 (each acceptance allows one message) or 长期 (accepted once, sent repeatedly). */
export const SubscriptionKind = Type.Union([Type.Literal('once'), Type.Literal('long')]);
export type SubscriptionKind = Static<typeof SubscriptionKind>;

/** The merchant's reply notification: `GET|PUT /v1/merchant/settings/notify`. */
export const NotifySettings = Type.Object(
  {
    /** The templates the chat offers (empty: no offer, no notification). All of one kind. */
    replyTemplateIds: Type.Array(TemplateId, { maxItems: MAX_SUBSCRIBE_TEMPLATES, uniqueItems: true }),
    kind: SubscriptionKind,
    /**
     * The mini-program page the message opens; `conversation=<id>` is added to its query. Leaves
     * room for that within the doc's 128 characters.
     */
    page: Type.String({ minLength: 1, maxLength: 80, pattern: '^[A-Za-z0-9_./-]+(\\?[A-Za-z0-9_.%=&-]*)?$' }),
    /**
     * The values of keyword1, keyword2 ... in the template's order (Alipay refuses a message whose
     * keyword count differs from the template's). `{time}` becomes the reply's time (Beijing).
     * At most 50 characters each, as Alipay allows.
     */
    keywords: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { minItems: 1, maxItems: 10 }),
  },
  { additionalProperties: false },
);
export type NotifySettings = Static<typeof NotifySettings>;

export const defaultNotifySettings: NotifySettings = { replyTemplateIds: [], kind: 'once', page: 'pages/demo/index', keywords: ['您有新的客服回复', '{time}'] };

/**
 * What my.requestSubscribeMessage returned (`result.subscribedEntityIds` / `unsubscribedEntityIds`,
 * or the per-id 'accept' / 'reject' keys): `POST /v1/me/subscriptions`.
 */
export const SubscriptionUpdateRequest = Type.Object(
  {
    accepted: Type.Array(TemplateId, { maxItems: MAX_SUBSCRIBE_TEMPLATES, uniqueItems: true }),
    rejected: Type.Optional(Type.Array(TemplateId, { maxItems: MAX_SUBSCRIBE_TEMPLATES, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type SubscriptionUpdateRequest = Static<typeof SubscriptionUpdateRequest>;

/** `GET|POST /v1/me/subscriptions`. */
export interface SubscriptionStatus {
  /** The merchant's reply templates to offer (empty when not configured: offer nothing). */
  readonly templateIds: string[];
  /** Their kind, or null when none are configured. */
  readonly kind: SubscriptionKind | null;
  /** Per offered template: remaining one-time sends, UNLIMITED_SENDS for an accepted long-term one, 0 when not accepted. */
  readonly accepted: Record<string, number>;
  /** POST only: ids in the body that are not the merchant's reply templates, which changed nothing. */
  readonly ignored?: string[];
}
