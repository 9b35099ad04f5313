import { KefuError } from '../errors';
import { AlipayAuthError, type AlipayIdType, type AlipayOpenApi } from './AlipayOpenApi';

/** What the login needs besides Alipay: sessions (AccountService) and where reply notices go (ReplyNotifier). */
export interface AlipayLoginDeps<S> {
  readonly alipay?: Pick<AlipayOpenApi, 'userOfAuthCode'>;
  readonly login: (tenant: string, alipayUserId: string) => Promise<S>;
  readonly rememberIdType: (tenant: string, alipayUserId: string, idType: AlipayIdType) => Promise<void>;
  /** Remembering the id type failed: only a later notice is at stake, never the login. */
  readonly onRememberFailed: (err: unknown) => void;
}

/**
 * The mini-program's login: the auth code (my.getAuthCode, auth_base) -> the Alipay user
 * (alipay.system.oauth.token) -> our session. LOGIN_UNAVAILABLE without an Alipay app,
 * ALIPAY_AUTH_FAILED with Alipay's sub-code when it refuses the code.
 */
export class AlipayLogin<S> {
  constructor(private readonly d: AlipayLoginDeps<S>) {}

  async login(tenant: string, authCode: string): Promise<S> {
    if (!this.d.alipay) throw new KefuError('LOGIN_UNAVAILABLE', '未配置支付宝登录');
    let user: { userId: string; idType: AlipayIdType };
    try {
      user = await this.d.alipay.userOfAuthCode(authCode);
    } catch (err) {
      if (err instanceof AlipayAuthError) throw new KefuError('ALIPAY_AUTH_FAILED', undefined, { subCode: err.subCode });
      throw err;
    }
    const session = await this.d.login(tenant, user.userId);
    // Reply notices go to_open_id for an openId-mode app.
    await this.d.rememberIdType(tenant, user.userId, user.idType).catch(this.d.onRememberFailed);
    return session;
  }
}
