import { AlipayAuthError } from './AlipayOpenApi';

/**
 * What a failed `alipay.open.app.mini.templatemessage.send` means for Kefu:
 *
 * - `refused`: Alipay will not deliver this template to this user now (not subscribed, the one-time
 *   acceptances used up, or the user switched it off in 设置 > 消息管理). Kefu's record of the user's
 *   subscription is wrong: clear it, and do not retry (a retry gets the same answer).
 * - `template`: the merchant's template is wrong (deleted, not this app's, keywords do not match).
 *   Not the user's fault: keep their record, do not retry, log it for the merchant.
 * - `config`: the request itself was refused (signature, app id, parameters): a deployment problem;
 *   retrying the same request cannot help.
 * - `transient`: Alipay was busy or unreachable (code 20000, isp.*, network): retried with backoff.
 *
 * Alipay's gateway codes: 10000 success, 20000 service unavailable, 40001 missing parameter,
 * 40002 invalid parameter (isv.*), 40004 business failed (with a business sub_code), 40006
 * insufficient permissions. The template sub-codes below are the documented ones
 * (../shared/platform-docs/alipay-open-docs/support/支付宝小程序/常见问题/USER_TEMPLATE_ILLEGAL（模板非法）.md,
 * USER_TEMPLATE_LACK_KEYWORD（缺少关键词）.md, USER_KEYWORD_LENGTH_ERROR（关键词超长）.md). Every other
 * 40004 of a subscription send is about the user's subscription, so it is classified by its code
 * rather than by a list of sub-codes that Alipay may extend.
 */
export type SendErrorKind = 'refused' | 'template' | 'config' | 'transient';

export const TEMPLATE_SUB_CODES: ReadonlySet<string> = new Set(['USER_TEMPLATE_ILLEGAL', 'USER_TEMPLATE_LACK_KEYWORD', 'USER_KEYWORD_LENGTH_ERROR', 'TEMPLATE_ID_IS_BLANK']);

/** 40004 sub-codes about the app, not the user: APP_TYPE_ERROR (this kind of app may not send). */
export const APP_SUB_CODES: ReadonlySet<string> = new Set(['APP_TYPE_ERROR']);

export function classifySendError(err: unknown): SendErrorKind {
  if (!(err instanceof AlipayAuthError)) return 'transient';
  if (err.code === '20000' || err.subCode.startsWith('isp.')) return 'transient';
  if (err.code === '40004') return TEMPLATE_SUB_CODES.has(err.subCode) ? 'template' : APP_SUB_CODES.has(err.subCode) ? 'config' : 'refused';
  return 'config';
}
