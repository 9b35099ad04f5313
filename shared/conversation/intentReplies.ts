import type { ServiceIntent } from '../nlp';

/**
 * What the bot says to a message that is not a question for the FAQ (shared/nlp/serviceIntent.ts).
 * A greeting or thanks is answered and never handed off; a complaint is acknowledged and a stolen
 * account gets what to do at once before the expert seats take over.
 */
export const intentReplies: Readonly<Record<Exclude<ServiceIntent, 'human' | 'offTopic'>, string>> = {
  greeting: '您好,我是智能客服,请直接描述您遇到的问题,我马上为您查找。您可能想问:',
  thanks: '不客气,还有其他问题随时告诉我。',
  abuse: '理解您着急的心情,请文明交流,我会尽力帮您解决问题。',
  complaint: '非常抱歉给您带来不好的体验,您的投诉已记录,正在为您优先转接专家客服处理。',
  accountTheft: '如怀疑账户被盗,请立即在支付宝【我的】-【设置】-【账号与安全】中冻结账户并修改登录密码,不要向任何人透露验证码。正在为您转接专家客服。',
};
