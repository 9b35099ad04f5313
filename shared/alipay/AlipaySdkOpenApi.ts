import { AlipaySdk } from 'alipay-sdk';
import { AlipayAuthError, type AlipayOpenApi } from './AlipayOpenApi';

export interface AlipaySdkOptions {
  readonly appId: string;
  /** The app's private key (PEM, PKCS#8), which signs every request (RSA2). */
  readonly privateKey: string;
  /** Alipay's public key (PEM), which checks every response's signature. */
  readonly alipayPublicKey: string;
  /** The OpenAPI gateway, e.g. https://openapi.alipay.com/gateway.do (or the local stand-in). */
  readonly gateway: string;
  readonly timeoutMs?: number;
}

/** The port on the official alipay-sdk (v4): RSA2 request signing and response verification. */
export class AlipaySdkOpenApi implements AlipayOpenApi {
  private readonly sdk: AlipaySdk;

  constructor(o: AlipaySdkOptions) {
    this.sdk = new AlipaySdk({ appId: o.appId, privateKey: o.privateKey, alipayPublicKey: o.alipayPublicKey, gateway: o.gateway, signType: 'RSA2', keyType: 'PKCS8', timeout: o.timeoutMs ?? 5000 });
  }

  async sendTemplateMessage(userId: string, message: { templateId: string; page: string; data: Record<string, { value: string }> }): Promise<void> {
    const r = (await this.sdk.exec('alipay.open.app.mini.templatemessage.send', { bizContent: { toUserId: userId, userTemplateId: message.templateId, page: message.page, data: JSON.stringify(message.data) } }, { validateSign: true })) as { code?: string; subCode?: string; subMsg?: string; msg?: string };
    if (r.code !== '10000') throw new AlipayAuthError(r.code ?? '', r.subCode ?? '', r.subMsg ?? r.msg ?? 'Alipay refused the message');
  }

  async userOfAuthCode(authCode: string): Promise<{ userId: string }> {
    // validateSign: the answer must be signed by Alipay's key, or the SDK throws.
    const r = (await this.sdk.exec('alipay.system.oauth.token', { grantType: 'authorization_code', code: authCode }, { validateSign: true })) as { code?: string; subCode?: string; subMsg?: string; msg?: string; userId?: string; openId?: string };
    const userId = r.userId ?? r.openId;
    if (r.code && r.code !== '10000') throw new AlipayAuthError(r.code, r.subCode ?? '', r.subMsg ?? r.msg ?? 'Alipay refused the auth code');
    if (!userId) throw new AlipayAuthError(r.code ?? '', r.subCode ?? '', 'Alipay answered without a user id');
    return { userId };
  }
}
