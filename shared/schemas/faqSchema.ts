import { Type, type Static } from '@sinclair/typebox';

/** A guide button under an answer: a page of the merchant's mini-program, or a web link. */
export const FaqAction = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 20 }),
    path: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^/' })),
    url: Type.Optional(Type.String({ minLength: 1, maxLength: 500, pattern: '^https?://' })),
  },
  { additionalProperties: false },
);
export type FaqAction = Static<typeof FaqAction>;

export const FaqEntryId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });

/** One knowledge-base entry of a merchant. */
export const FaqEntry = Type.Object(
  {
    id: FaqEntryId,
    category: Type.String({ minLength: 1, maxLength: 32 }),
    question: Type.String({ minLength: 1, maxLength: 200 }),
    /** Other ways users ask the same thing; matched like the question. */
    similar: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 }),
    answer: Type.String({ minLength: 1, maxLength: 2000 }),
    actions: Type.Array(FaqAction, { maxItems: 5 }),
    enabled: Type.Boolean(),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type FaqEntry = Static<typeof FaqEntry>;

/** What a merchant sends to create or replace an entry; the server fills defaults and `updatedAt`. */
export const FaqEntryInput = Type.Object(
  {
    id: Type.Optional(FaqEntryId),
    category: Type.String({ minLength: 1, maxLength: 32 }),
    question: Type.String({ minLength: 1, maxLength: 200 }),
    similar: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 })),
    answer: Type.String({ minLength: 1, maxLength: 2000 }),
    actions: Type.Optional(Type.Array(FaqAction, { maxItems: 5 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type FaqEntryInput = Static<typeof FaqEntryInput>;

/** A merchant's decision thresholds; the defaults come from the calibration run of `train:faq`. */
export const FaqSettings = Type.Object(
  {
    /** Score at or above which (with `answerMargin`) the bot answers with the entry. */
    answer: Type.Number({ minimum: 0, maximum: 1 }),
    /** How far the best entry must lead the second to be answered rather than suggested. */
    answerMargin: Type.Number({ minimum: 0, maximum: 1 }),
    /** Score at or above which the bot suggests the top 3; below it hands off. */
    suggest: Type.Number({ minimum: 0, maximum: 1 }),
    /** The share of direct answers that should be right; when set, `answer` is derived from it (the matcher's calibration). */
    precision: Type.Optional(Type.Number({ minimum: 0.5, maximum: 0.999 })),
  },
  { additionalProperties: false },
);
export type FaqSettings = Static<typeof FaqSettings>;

/**
 * What a message asks of the service before it is a question for the FAQ (shared/nlp/serviceIntent):
 * greeting, thanks and abuse are answered by the bot; a human request, a complaint, a stolen
 * account and small talk (out of scope) go to a person at once.
 */
export const ServiceIntent = Type.Union([
  Type.Literal('greeting'),
  Type.Literal('thanks'),
  Type.Literal('human'),
  Type.Literal('complaint'),
  Type.Literal('accountTheft'),
  Type.Literal('abuse'),
  Type.Literal('offTopic'),
]);
export type ServiceIntent = Static<typeof ServiceIntent>;

/**
 * Why the FAQ decided so: `confident` (answered), `close` (a runner-up too near: suggested),
 * `lowConfidence` (not sure enough to answer: suggested above the suggest threshold, handed off
 * below it), `explicitRequest` (asked for a person), `emptyKnowledgeBase`.
 */
export const FaqDecisionReason = Type.Union([
  Type.Literal('confident'),
  Type.Literal('close'),
  Type.Literal('lowConfidence'),
  Type.Literal('explicitRequest'),
  Type.Literal('emptyKnowledgeBase'),
]);
export type FaqDecisionReason = Static<typeof FaqDecisionReason>;

/**
 * The bot's decision on one message as the 试一试 panel and `kefu faq match` show it: an intent's
 * (`reply`: the bot answers it itself; `handoff`: a person at once) or else the FAQ's, with the
 * entries the FAQ ranked either way.
 */
export const FaqTrialResult = Type.Object(
  {
    intent: Type.Optional(ServiceIntent),
    decision: Type.Union([Type.Literal('answer'), Type.Literal('suggest'), Type.Literal('handoff'), Type.Literal('reply')]),
    reason: Type.Union([FaqDecisionReason, ServiceIntent]),
    matches: Type.Array(Type.Object({ faqId: Type.String(), score: Type.Number(), question: Type.Optional(Type.String()) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type FaqTrialResult = Static<typeof FaqTrialResult>;
