import { Type, type Static } from '@sinclair/typebox';
import { MAX_TEXT_LENGTH } from '../schemas/limits';

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });

/**
 * 留言 from the chat: the question and how the user wants the answer, in the chat (`chat`) or by
 * a call back (`phone`, with the number). The reply always lands in the same chat as well.
 */
export const LeaveMessageInput = Type.Object(
  {
    clientMessageId: Id,
    text: Type.String({ minLength: 1, maxLength: MAX_TEXT_LENGTH }),
    contact: Type.Optional(Type.Union([Type.Literal('chat'), Type.Literal('phone')])),
    phone: Type.Optional(Type.String({ pattern: '^1[0-9]{10}$' })),
  },
  { additionalProperties: false },
);
export type LeaveMessageInput = Static<typeof LeaveMessageInput>;

/** Staff answer a 留言: the reply goes into the user's conversation. */
export const LeaveMessageAnswer = Type.Object({ clientMessageId: Id, text: Type.String({ minLength: 1, maxLength: MAX_TEXT_LENGTH }) }, { additionalProperties: false });
export type LeaveMessageAnswer = Static<typeof LeaveMessageAnswer>;

/** One 留言 as stored and as staff list it. */
export interface LeaveMessageTicket {
  readonly [column: string]: unknown;
  readonly conversationId: string;
  readonly userId: string;
  readonly text: string;
  readonly contact: 'chat' | 'phone';
  readonly phone?: string;
  readonly status: 'open' | 'answered';
  readonly createdAt: string;
  readonly answeredAt?: string;
  readonly answeredBy?: string;
  readonly answer?: string;
}
