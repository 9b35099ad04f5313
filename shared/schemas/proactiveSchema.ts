import { Type, type Static } from '@sinclair/typebox';

/**
 * Business events a merchant's systems post to `POST /v1/events`. Only these types are accepted;
 * each may trigger the merchant's proactive rules and feeds 猜你想问.
 */
export const BUSINESS_EVENT_TYPES = ['transaction.succeeded', 'payment.failed', 'refund.started', 'transfer.pending', 'repayment.due', 'login.anomaly'] as const;
export type BusinessEventType = (typeof BUSINESS_EVENT_TYPES)[number];

export const BusinessEvent = Type.Object(
  {
    /** The merchant's id of the event; posting the same id again changes nothing. */
    id: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }),
    type: Type.String({ minLength: 1, maxLength: 64 }),
    userId: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }),
    /** When it happened (ISO 8601). */
    occurredAt: Type.String({ format: 'date-time' }),
    amountFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000_000 })),
    /** The merchant's trade number, shown to the agent; never in a message to the user. */
    tradeNo: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type BusinessEvent = Static<typeof BusinessEvent>;

/** One rule: an event type becomes a message to the user after a delay. */
export const ProactiveRule = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }),
    eventType: Type.Union(BUSINESS_EVENT_TYPES.map((t) => Type.Literal(t))),
    /** 0 sends at the next jobs sweep (within a minute). */
    delayMinutes: Type.Integer({ minimum: 0, maximum: 10080 }),
    text: Type.String({ minLength: 1, maxLength: 500 }),
    /** Knowledge-base entries offered under the text (up to 3). */
    faqIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 3 }),
    /** The same rule reaches one user at most once in this many hours (0: every event). */
    dedupeHours: Type.Integer({ minimum: 0, maximum: 720 }),
    enabled: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ProactiveRule = Static<typeof ProactiveRule>;

export const ProactiveRulesRequest = Type.Object({ rules: Type.Array(ProactiveRule, { maxItems: 50 }) }, { additionalProperties: false });

export const ProactiveOptOutRequest = Type.Object({ optOut: Type.Boolean() }, { additionalProperties: false });
