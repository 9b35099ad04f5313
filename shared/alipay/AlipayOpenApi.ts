/**
 * Alipay's OpenAPI as Kefu uses it (ARCHITECTURE.md: a port to the outside). Login now; the
 * mini-program message push joins with the integration issue.
 */
export interface AlipayOpenApi {
  /**
   * Trades a mini-program auth code (`my.getAuthCode`, scope auth_base) for the Alipay user:
   * `alipay.system.oauth.token`. Rejects with AlipayAuthError when Alipay refuses the code.
   */
  userOfAuthCode(authCode: string): Promise<{ readonly userId: string }>;
  /**
   * A mini-program template message to a user (`alipay.open.app.mini.templatemessage.send`), e.g.
   * "您有新的客服回复" opening the chat page. Rejects with AlipayAuthError when Alipay refuses.
   */
  sendTemplateMessage(userId: string, message: { templateId: string; page: string; data: Record<string, { value: string }> }): Promise<void>;
}

/** Alipay refused (bad or used code, bad signature): its code and sub-code, for logs and tests. */
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
