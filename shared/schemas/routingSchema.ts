import { Type, type Static } from '@sinclair/typebox';

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });

/** A skill group: the agents who serve one kind of issue. `expert` groups take escalations. */
export const SkillGroup = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 32 }),
    members: Type.Array(Id, { maxItems: 500 }),
    expert: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SkillGroup = Static<typeof SkillGroup>;

export const SkillGroupInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 32 }),
    members: Type.Array(Id, { maxItems: 500 }),
    expert: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SkillGroupInput = Static<typeof SkillGroupInput>;

export const PresenceStatus = Type.Union([Type.Literal('online'), Type.Literal('busy'), Type.Literal('away'), Type.Literal('offline')]);
export type PresenceStatus = Static<typeof PresenceStatus>;

export const PresenceRequest = Type.Object({ status: PresenceStatus }, { additionalProperties: false });

/** Service hours in Beijing time: the days of the week (1 = Monday ... 7 = Sunday) and the hours. */
export const BusinessHours = Type.Object(
  {
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }),
    open: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
    close: Type.String({ pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$' }),
  },
  { additionalProperties: false },
);
export type BusinessHours = Static<typeof BusinessHours>;

/** Values of one entity condition of a scenario rule; `*` stands for any recognised value. */
const RuleValues = Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { maxItems: 50 }));

/**
 * A routing rule on scenario + entities: a conversation of one of `scenarios` whose messages name
 * a matching region, currency, bank and card type (each condition only when given) goes to
 * `groupId`, e.g. 境外消费被拒付 with any recognised region to an international-payments group.
 */
export const ScenarioRule = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 32 }),
    scenarios: Type.Array(Type.String({ minLength: 1, maxLength: 96 }), { minItems: 1, maxItems: 50 }),
    /** Region codes (ISO 3166: JP, US, HK...). */
    regions: RuleValues,
    /** Currency codes (ISO 4217: USD, JPY...). */
    currencies: RuleValues,
    /** Bank codes (ICBC, CMB...). */
    banks: RuleValues,
    /** Card networks (visa, mastercard, unionpay, jcb, amex) or kinds (credit, debit). */
    cardTypes: RuleValues,
    groupId: Id,
  },
  { additionalProperties: false },
);
export type ScenarioRule = Static<typeof ScenarioRule>;

/** How a tenant routes: category -> group, history, pins, escalation and queue settings. */
export const RoutingSettings = Type.Object(
  {
    /** Category of the understanding step -> skill group id; unmapped categories go to `defaultGroup`. */
    categoryGroups: Type.Record(Type.String(), Id),
    defaultGroup: Id,
    /** Where escalated (complex) cases go. */
    expertGroup: Id,
    /** VIP tier (as a string, "1".."3") -> a dedicated group; users of that tier or above go there. */
    pinnedTiers: Type.Record(Type.String(), Id),
    /** A user served within this many days goes back to the same agent when possible. */
    historyDays: Type.Integer({ minimum: 0, maximum: 90 }),
    /** How long a conversation waits for that agent before any member of the group may take it. */
    preferWaitSeconds: Type.Integer({ minimum: 0, maximum: 3600 }),
    /** An amount (yuan) at or above which a case is escalated. */
    escalationAmount: Type.Number({ minimum: 0 }),
    /** The contact about the same category within 7 days that escalates (3 = the third). */
    repeatContacts: Type.Integer({ minimum: 2, maximum: 20 }),
    /** Seconds a VIP of tier 1 is placed ahead of a normal user who arrived at the same time (x tier). */
    vipLeadSeconds: Type.Integer({ minimum: 0, maximum: 86400 }),
    /** A waiting user gets an automatic reply (place, estimate, suggestions) after this long. */
    autoReplySeconds: Type.Integer({ minimum: 5, maximum: 3600 }),
    /** An assigned agent who has not replied within this long loses the conversation to the next. */
    noReplySeconds: Type.Integer({ minimum: 10, maximum: 3600 }),
    /** When humans serve; absent means around the clock. */
    businessHours: Type.Optional(BusinessHours),
    /** Rules on scenario + entities, tried in order after escalation and before VIP pins. */
    scenarioRules: Type.Optional(Type.Array(ScenarioRule, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type RoutingSettings = Static<typeof RoutingSettings>;

export const RoutingLayer = Type.Union([Type.Literal('category'), Type.Literal('history'), Type.Literal('pinned'), Type.Literal('escalation'), Type.Literal('transfer'), Type.Literal('scenario')]);

export const EscalationReason = Type.Union([
  Type.Literal('accountTheft'),
  Type.Literal('largeAmount'),
  Type.Literal('repeatContact'),
  Type.Literal('complaint'),
  Type.Literal('agentEscalation'),
]);
export type EscalationReason = Static<typeof EscalationReason>;

/** Why a conversation went where it went: shown to the agent. */
export const RoutingInfo = Type.Object(
  {
    groupId: Type.String(),
    layer: RoutingLayer,
    reason: Type.String(),
    escalation: Type.Optional(EscalationReason),
    vipTier: Type.Integer({ minimum: 0 }),
    preferredAgentId: Type.Optional(Type.String()),
    preferUntil: Type.Optional(Type.String({ format: 'date-time' })),
    /** The queue key's rank: arrival time minus the VIP lead, in ms. */
    rank: Type.Integer({ minimum: 0 }),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type RoutingInfo = Static<typeof RoutingInfo>;

export const TransferRequest = Type.Object(
  {
    toAgentId: Type.Optional(Id),
    toGroupId: Type.Optional(Id),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type TransferRequest = Static<typeof TransferRequest>;

export const LeaveMessageRequest = Type.Object(
  { clientMessageId: Id, text: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const HoldRequest = Type.Object({ onHold: Type.Boolean() }, { additionalProperties: false });

export const EscalateRequest = Type.Object({ note: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });
