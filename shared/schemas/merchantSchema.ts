import { Type, type Static } from '@sinclair/typebox';
import { entryIconPattern } from '../merchant/entryIcons';

/** How the floating service button looks in the merchant's mini-program (kf-entry). */
export const EntryConfig = Type.Object(
  {
    placement: Type.Union([Type.Literal('top-left'), Type.Literal('top-right'), Type.Literal('bottom-left'), Type.Literal('bottom-right')]),
    /** Distance from the two edges of the corner, in rpx. */
    offsetX: Type.Integer({ minimum: 0, maximum: 750 }),
    offsetY: Type.Integer({ minimum: 0, maximum: 2000 }),
    /** A built-in icon's name (headset, chat, question, phone), an https image URL, or empty for the headset. */
    icon: Type.String({ maxLength: 500, pattern: entryIconPattern }),
    color: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
    label: Type.String({ maxLength: 8 }),
    showBadge: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type EntryConfig = Static<typeof EntryConfig>;

export { defaultEntryConfig } from './defaultEntryConfig';

/** Where the merchant's customer-data API is, and the secret requests to it are signed with. */
export const CustomerApiRequest = Type.Object(
  { url: Type.String({ pattern: '^https?://', maxLength: 500 }), secret: Type.String({ minLength: 32, maxLength: 200 }) },
  { additionalProperties: false },
);

/** A new colleague for the console (an admin invites; a temporary password is returned once). */
export const InviteStaffRequest = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z][a-z0-9_.-]{2,31}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 32 }),
    role: Type.Union([Type.Literal('agent'), Type.Literal('supervisor'), Type.Literal('admin')]),
    skills: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 16 }), { maxItems: 20 })),
    level: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('expert')])),
    maxConcurrent: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);
