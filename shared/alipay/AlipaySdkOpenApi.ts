import { AlipaySdk } from 'alipay-sdk';
import { AlipayAuthError, type AlipayIdType, type AlipayOpenApi, type AlipayRecipient, type SubscriptionMessage } from './AlipayOpenApi';

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

interface AlipayAnswer {
  code?: string;
  subCode?: string;
  subMsg?: string;
  msg?: string;
}

/** The port on the official alipay-sdk (v4): RSA2 request signing and response verification. */
export class AlipaySdkOpenApi implements AlipayOpenApi {
  private readonly sdk: AlipaySdk;

  constructor(o: AlipaySdkOptions) {
    this.sdk = new AlipaySdk({ appId: o.appId, privateKey: o.privateKey, alipayPublicKey: o.alipayPublicKey, gateway: o.gateway, signType: 'RSA2', keyType: 'PKCS8', timeout: o.timeoutMs ?? 5000 });
  }

  async sendSubscriptionMessage(to: AlipayRecipient, message: SubscriptionMessage): Promise<void> {
    // The SDK turns camelCase bizContent keys into the documented snake_case (to_open_id ...).
    // No form_id: a subscription template needs none (the form/trade templates do).
    const recipient = to.idType === 'openId' ? { toOpenId: to.id } : { toUserId: to.id };
    const bizContent = { ...recipient, userTemplateId: message.templateId, page: message.page, data: JSON.stringify(message.data) };
    const r = (await this.sdk.exec('alipay.open.app.mini.templatemessage.send', { bizContent }, { validateSign: true })) as AlipayAnswer;
    if (r.code !== '10000') throw new AlipayAuthError(r.code ?? '', r.subCode ?? '', r.subMsg ?? r.msg ?? 'Alipay refused the message');
  }

  async userOfAuthCode(authCode: string): Promise<{ userId: string; idType: AlipayIdType }> {
    // validateSign: the answer must be signed by Alipay's key, or the SDK throws.
    const r = (await this.sdk.exec('alipay.system.oauth.token', { grantType: 'authorization_code', code: authCode }, { validateSign: true })) as AlipayAnswer & { userId?: string; openId?: string };
    if (r.code && r.code !== '10000') throw new AlipayAuthError(r.code, r.subCode ?? '', r.subMsg ?? r.msg ?? 'Alipay refused the auth code');
    // An app in openId mode gets open_id only; the user_id is preferred when both come back.
    if (r.userId) return { userId: r.userId, idType: 'userId' };
    if (r.openId) return { userId: r.openId, idType: 'openId' };
    throw new AlipayAuthError(r.code ?? '', r.subCode ?? '', 'Alipay answered without a user id');
  }
}
