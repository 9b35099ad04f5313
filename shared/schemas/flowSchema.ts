import { Type, type Static } from '@sinclair/typebox';
import { FaqAction } from './faqSchema';

/** The self-service flows: each answers one kind of question with the user's own data. */
export const FlowId = Type.Union([
  Type.Literal('paymentFailed'),
  Type.Literal('refundProgress'),
  Type.Literal('transferNotArrived'),
  Type.Literal('orderStatus'),
  Type.Literal('billPeriod'),
  Type.Literal('repaymentDue'),
]);
export type FlowId = Static<typeof FlowId>;

/**
 * One of the user's transactions as a card shows it: the reference masked (first and last four),
 * never the full trade number, and the status in words.
 */
export const FlowTransaction = Type.Object(
  {
    id: Type.String(),
    kind: Type.Union([Type.Literal('payment'), Type.Literal('transfer'), Type.Literal('refund'), Type.Literal('repayment'), Type.Literal('order')]),
    amountFen: Type.Integer(),
    at: Type.String(),
    counterparty: Type.String(),
    status: Type.String(),
    /** The masked trade or order number, when the merchant's systems have one. */
    ref: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type FlowTransaction = Static<typeof FlowTransaction>;

/**
 * The bot's answer with the user's own data: what it found, the explanation, and the next step
 * (links of the FAQ-action kind; 转人工 with the transaction attached when `handoff`).
 */
export const StatusCardBody = Type.Object(
  {
    type: Type.Literal('statusCard'),
    flow: FlowId,
    title: Type.String(),
    /** What was found; absent for a summary (a bill for a period). */
    transaction: Type.Optional(FlowTransaction),
    /** Rows of label and value (a bill's total and count, a due date). */
    facts: Type.Array(Type.Object({ label: Type.String(), value: Type.String() }, { additionalProperties: false }), { maxItems: 8 }),
    explanation: Type.String(),
    actions: Type.Array(FaqAction, { maxItems: 3 }),
    /** Offers 转人工 on the card: the agent gets the transaction with the conversation. */
    handoff: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type StatusCardBody = Static<typeof StatusCardBody>;

/**
 * A question with ready answers: each button sends its `text` as the user's message (which the
 * flow reads like a typed one), so it works on every channel without an API of its own.
 */
export const ChoicesBody = Type.Object(
  {
    type: Type.Literal('choices'),
    text: Type.String(),
    items: Type.Array(Type.Object({ label: Type.String({ maxLength: 40 }), text: Type.String({ maxLength: 200 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 5 }),
  },
  { additionalProperties: false },
);
export type ChoicesBody = Static<typeof ChoicesBody>;

/** What can point at one transaction: a trade or order number, an amount (yuan), a time span, a product. */
export const FlowClues = Type.Object(
  {
    orderNo: Type.Optional(Type.String({ maxLength: 64 })),
    amount: Type.Optional(Type.Object({ min: Type.Number(), max: Type.Number() }, { additionalProperties: false })),
    time: Type.Optional(Type.Object({ start: Type.Number(), end: Type.Number() }, { additionalProperties: false })),
    products: Type.Optional(Type.Array(Type.String({ maxLength: 10 }), { maxItems: 5 })),
  },
  { additionalProperties: false },
);
export type FlowClues = Static<typeof FlowClues>;

/** A flow waiting for the user's next message: which one, and what it asked. */
export const FlowState = Type.Object(
  {
    flow: FlowId,
    /** `clarify`: several transactions fit (ids offered); `missing`: none fit, a detail was asked for once. */
    step: Type.Union([Type.Literal('clarify'), Type.Literal('missing')]),
    candidates: Type.Array(Type.String(), { maxItems: 5 }),
    /** What the user had said that did not fit (amount, time, number, product): kept with the answer. */
    clues: Type.Optional(FlowClues),
    at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type FlowState = Static<typeof FlowState>;

/** What a flow that could not settle hands to the agent: the flow, what it found, the steps taken. */
export const FlowContext = Type.Object(
  {
    flow: FlowId,
    transaction: Type.Optional(FlowTransaction),
    steps: Type.Array(Type.String(), { maxItems: 10 }),
  },
  { additionalProperties: false },
);
export type FlowContext = Static<typeof FlowContext>;
