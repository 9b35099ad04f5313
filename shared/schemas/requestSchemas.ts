import { Type, type Static } from '@sinclair/typebox';
import { MAX_TEXT_LENGTH } from './messageSchema';
import { Channel } from './conversationSchema';

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });

export const DevLoginRequest = Type.Object(
  { tenant: Id, userId: Id, name: Type.Optional(Type.String({ maxLength: 64 })) },
  { additionalProperties: false },
);
export type DevLoginRequest = Static<typeof DevLoginRequest>;

/** The mini-program's one-time auth code from my.getAuthCode (scope auth_base). */
export const AlipayLoginRequest = Type.Object({ tenant: Id, authCode: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false });

export const StaffLoginRequest = Type.Object(
  { tenant: Id, username: Id, password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type StaffLoginRequest = Static<typeof StaffLoginRequest>;

export const CreateConversationRequest = Type.Object(
  { channel: Type.Optional(Channel) },
  { additionalProperties: false },
);
export type CreateConversationRequest = Static<typeof CreateConversationRequest>;

/** A text message from a user or agent; `clientMessageId` makes retries idempotent. */
export const SendTextRequest = Type.Object(
  {
    clientMessageId: Id,
    text: Type.String({ minLength: 1, maxLength: MAX_TEXT_LENGTH }),
  },
  { additionalProperties: false },
);
export type SendTextRequest = Static<typeof SendTextRequest>;

/**
 * A user's message: typed text, or a voice recording / picture uploaded first to `/v1/media`.
 * `intent: 'human'` is the 转人工 button: the text is only its label (in the user's language), the
 * hand-off follows the flag.
 */
export const SendUserMessageRequest = Type.Union([
  SendTextRequest,
  Type.Object({ clientMessageId: Id, text: Type.String({ minLength: 1, maxLength: MAX_TEXT_LENGTH }), intent: Type.Literal('human') }, { additionalProperties: false }),
  Type.Object({ clientMessageId: Id, mediaId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }, { additionalProperties: false }),
]);
export type SendUserMessageRequest = Static<typeof SendUserMessageRequest>;

export const EmptyRequest = Type.Object({}, { additionalProperties: false });

/** The user tapped 解决了 (`resolved: true`) or 没解决 under the bot's answer card `faqId`. */
export const FaqFeedbackRequest = Type.Object(
  { clientMessageId: Id, faqId: Id, resolved: Type.Boolean() },
  { additionalProperties: false },
);
export type FaqFeedbackRequest = Static<typeof FaqFeedbackRequest>;

/** The user tapped a suggested question or a predicted one (猜你想问). */
export const FaqSelectRequest = Type.Object(
  { clientMessageId: Id, faqId: Id, source: Type.Optional(Type.Union([Type.Literal('suggest'), Type.Literal('predicted')])) },
  { additionalProperties: false },
);
export type FaqSelectRequest = Static<typeof FaqSelectRequest>;

/** A question to match against the caller's knowledge base (the `faq` function). */
export const FaqMatchRequest = Type.Object({ text: Type.String({ minLength: 1 }) }, { additionalProperties: false });
export type FaqMatchRequest = Static<typeof FaqMatchRequest>;

/** The user rates a resolved conversation, once. */
export const RatingRequest = Type.Object(
  {
    stars: Type.Integer({ minimum: 1, maximum: 5 }),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 10 })),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
    complaint: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RatingRequest = Static<typeof RatingRequest>;
