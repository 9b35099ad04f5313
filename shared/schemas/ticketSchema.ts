import { Type, type Static } from '@sinclair/typebox';

/** Where a ticket field came from: the message, so the agent can jump to it. */
const Source = {
  messageId: Type.String(),
  seq: Type.Integer({ minimum: 1 }),
  at: Type.String({ format: 'date-time' }),
  /** Read from a picture (OCR) or a voice message (speech recognition) rather than typed. */
  via: Type.Optional(Type.Union([Type.Literal('image'), Type.Literal('voice')])),
  /** Corrected by this staff member in the workbench (the machine's reading replaced). */
  editedBy: Type.Optional(Type.String()),
};

const EntityField = Type.Object({
  /** The entity's value (for personal data: the masked text only). */
  value: Type.Unknown(),
  /** The words in the message it was read from (masked for personal data). */
  text: Type.String(),
  ...Source,
});

/**
 * What the machine learned about the issue, filled from the user's messages (see mergeTicket: an
 * empty field is filled, a machine field replaced only by a more precise value, a staff
 * correction kept). Agents see it pre-filled; routing reads its category.
 */
export const Ticket = Type.Object(
  {
    category: Type.Optional(
      Type.Object({ value: Type.String(), confidence: Type.Number(), ...Source }),
    ),
    /** A different category a later message suggests: offered to the agent, never applied by itself. */
    categorySuggestion: Type.Optional(
      Type.Object({ value: Type.String(), confidence: Type.Number(), ...Source }),
    ),
    orderNo: Type.Optional(EntityField),
    amount: Type.Optional(EntityField),
    time: Type.Optional(EntityField),
    cardTail: Type.Optional(EntityField),
    phone: Type.Optional(EntityField),
    bankCard: Type.Optional(EntityField),
    idCard: Type.Optional(EntityField),
  },
  { additionalProperties: false },
);
export type Ticket = Static<typeof Ticket>;

/** An agent's correction of one ticket field; empty text clears it. */
export const TicketEditRequest = Type.Object(
  {
    field: Type.Union([Type.Literal('category'), Type.Literal('orderNo'), Type.Literal('amount'), Type.Literal('time')]),
    text: Type.String({ maxLength: 200 }),
  },
  { additionalProperties: false },
);
