import { Type, type Static } from '@sinclair/typebox';

/**
 * Where a FAQ guide button (去还款, 查看账单 ...) leads outside the mini-program
 * (`GET|PUT /v1/merchant/settings/action-links`): the button is known by its mini-program page,
 * the intent every channel shares, and a merchant gives that page's H5 address. The H5 chat opens
 * the address; a button with none sends its intent to the bot instead.
 */
export const ActionLink = Type.Object(
  {
    /** The mini-program page of the FAQ action, as in the entry's `actions[].path`. */
    path: Type.String({ minLength: 1, maxLength: 200, pattern: '^/' }),
    url: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type ActionLink = Static<typeof ActionLink>;

export const ActionLinkSettings = Type.Object({ links: Type.Array(ActionLink, { maxItems: 50 }) }, { additionalProperties: false });
export type ActionLinkSettings = Static<typeof ActionLinkSettings>;

export const defaultActionLinkSettings: ActionLinkSettings = { links: [] };
