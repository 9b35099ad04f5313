import { Type, type Static } from '@sinclair/typebox';

/**
 * How agents' presence follows their console session (`GET|PUT /v1/merchant/settings/presence`):
 * whether logging in puts an agent 在线 at once (so conversations are assigned without a claim),
 * and after how many idle minutes (no key or pointer in the console) an 在线 agent becomes 小休.
 */
export const PresenceSettings = Type.Object(
  {
    onlineOnLogin: Type.Boolean(),
    /** 0 switches automatic away off. */
    autoAwayMinutes: Type.Integer({ minimum: 0, maximum: 240 }),
  },
  { additionalProperties: false },
);
export type PresenceSettings = Static<typeof PresenceSettings>;

export const defaultPresenceSettings: PresenceSettings = { onlineOnLogin: true, autoAwayMinutes: 10 };
