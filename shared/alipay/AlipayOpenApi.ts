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
