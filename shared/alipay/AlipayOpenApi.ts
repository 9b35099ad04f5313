/**
 * Alipay's OpenAPI as Kefu uses it (docs/architecture.md: a port to the outside): login, and the
 * subscription message that tells a user an agent replied.
 */
export interface AlipayOpenApi {
  /**
   * Trades a mini-program auth code (`my.getAuthCode`, scope auth_base) for the Alipay user:
   * `alipay.system.oauth.token`. An app in openId mode gets only `open_id` back; `idType` says
   * which one `userId` is, so a later message goes to `to_open_id` instead of `to_user_id`.
   * Rejects with AlipayAuthError when Alipay refuses the code.
   */
  userOfAuthCode(authCode: string): Promise<{ readonly userId: string; readonly idType: AlipayIdType }>;
  /**
   * A subscription message (订阅消息) to a user who accepted the template in
   * `my.requestSubscribeMessage`: `alipay.open.app.mini.templatemessage.send` with
   * `user_template_id`, `page`, `data` and `to_user_id` or `to_open_id`, and no `form_id`
   * (subscription templates need none). Rejects with AlipayAuthError carrying Alipay's code and
   * sub-code when Alipay refuses (see `classifySendError`).
   */
  sendSubscriptionMessage(to: AlipayRecipient, message: SubscriptionMessage): Promise<void>;
}

/** Which identifier Alipay gave for a user: the 2088... `user_id`, or the app-scoped `open_id`. */
export type AlipayIdType = 'userId' | 'openId';

export interface AlipayRecipient {
  readonly id: string;
  readonly idType: AlipayIdType;
}

export interface SubscriptionMessage {
  readonly templateId: string;
  /** The mini-program page the message opens, with its query (the doc's `page`). */
  readonly page: string;
  /** keyword1, keyword2 ... in the template's order, each value at most 50 characters. */
  readonly data: Record<string, { value: string }>;
}

/** Alipay refused (bad or used code, bad signature, a message it will not deliver): its code and sub-code. */
export class AlipayAuthError extends Error {
  constructor(
    readonly code: string,
    readonly subCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'AlipayAuthError';
  }
}
