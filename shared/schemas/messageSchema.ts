import { Type, type Static } from '@sinclair/typebox';
import { FaqAction } from './faqSchema';
import { ChoicesBody, StatusCardBody } from './flowSchema';
import { MAX_TEXT_LENGTH } from './limits';

export { MAX_TEXT_LENGTH };

export const TextBody = Type.Object(
  { type: Type.Literal('text'), text: Type.String({ minLength: 1, maxLength: MAX_TEXT_LENGTH }) },
  { additionalProperties: false },
);

/** A notice from the system (queue status, assignment, resolution); never typed by a person. */
export const SystemBody = Type.Object(
  {
    type: Type.Literal('system'),
    event: Type.Union([Type.Literal('queued'), Type.Literal('assigned'), Type.Literal('resolved'), Type.Literal('notice')]),
    text: Type.String(),
  },
  { additionalProperties: false },
);

/** The bot's answer from the knowledge base, shown with 解决了/没解决 buttons. */
export const FaqCardBody = Type.Object(
  {
    type: Type.Literal('faqCard'),
    faqId: Type.String(),
    question: Type.String(),
    answer: Type.String(),
    actions: Type.Array(FaqAction),
    /** True until the user tapped 解决了 or 没解决 on this card. */
    feedback: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** The bot's "did you mean" list: up to 3 entries the user can tap. */
export const FaqSuggestBody = Type.Object(
  {
    type: Type.Literal('faqSuggest'),
    text: Type.String(),
    items: Type.Array(Type.Object({ faqId: Type.String(), question: Type.String() }, { additionalProperties: false }), { maxItems: 5 }),
    /** Sent by the proactive service (not an answer to the user): shown with 不再提醒. */
    proactive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** The user's rating of a finished conversation: stars, quick tags, a comment, and a complaint flag. */
export const RatingBody = Type.Object(
  {
    type: Type.Literal('rating'),
    stars: Type.Integer({ minimum: 1, maximum: 5 }),
    tags: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 10 }),
    comment: Type.String({ maxLength: 500 }),
    complaint: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type RatingBody = Static<typeof RatingBody>;

/**
 * A voice message: the recording (fetched through a short-lived signed link) and, once speech
 * recognition has run, its transcript. `transcribed: false` is shown as 未转写.
 */
export const VoiceBody = Type.Object(
  {
    type: Type.Literal('voice'),
    mediaId: Type.String(),
    mime: Type.String(),
    durationMs: Type.Integer({ minimum: 0 }),
    transcribed: Type.Boolean(),
    text: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** A picture the user sent (a screenshot of a payment, say), fetched through a signed link. */
export const ImageBody = Type.Object(
  {
    type: Type.Literal('image'),
    mediaId: Type.String(),
    mime: Type.String(),
    bytes: Type.Integer({ minimum: 1 }),
    /** Text read from the picture, once recognition has run. */
    text: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** An internal note between staff on a conversation: never shown to the user. */
export const NoteBody = Type.Object({ type: Type.Literal('note'), text: Type.String({ minLength: 1, maxLength: MAX_TEXT_LENGTH }) }, { additionalProperties: false });

/** The one message body union shared by mini-program, functions and console. */
export const MessageBody = Type.Union([TextBody, SystemBody, FaqCardBody, FaqSuggestBody, RatingBody, VoiceBody, ImageBody, NoteBody, StatusCardBody, ChoicesBody]);
export type MessageBody = Static<typeof MessageBody>;

export const SenderRole = Type.Union([
  Type.Literal('user'),
  Type.Literal('agent'),
  Type.Literal('bot'),
  Type.Literal('system'),
]);
export type SenderRole = Static<typeof SenderRole>;

export const Message = Type.Object(
  {
    id: Type.String(),
    conversationId: Type.String(),
    /** Position in the conversation's event log; the cursor of `events?after=`. */
    seq: Type.Integer({ minimum: 1 }),
    sender: Type.Object({ role: SenderRole, id: Type.String(), name: Type.Optional(Type.String()) }),
    /** The id the client chose, which makes retries idempotent. */
    clientMessageId: Type.Optional(Type.String()),
    body: MessageBody,
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type Message = Static<typeof Message>;
