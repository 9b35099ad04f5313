/**
 * What the user is told, and what the agent reads in the handoff's steps, when a trade number
 * the user gave is looked up at Alipay: zh-CN first, English second. `ref` is always masked.
 */
export type TradeLookupLocale = 'zh-CN' | 'en';

const zh = {
  /** Also said for a trade of someone else: the user learns nothing about other people's trades. */
  notFound: (ref: string) => `没有查到交易号 ${ref} 对应的交易,请核对交易号。已为您转接人工客服继续核实,请稍候。`,
  noRefund: (ref: string) => `交易 ${ref} 在支付宝还没有退款记录。已为您转接人工客服核实退款进度,请稍候。`,
  unavailable: '暂时无法向支付宝查询这笔交易,已为您转接人工客服,请稍候。',
  stepAsked: (ref: string) => `向支付宝查询交易 ${ref}`,
  stepNotFound: '支付宝:交易不存在(ACQ.TRADE_NOT_EXIST)',
  stepNotYours: '支付宝查到该交易,但付款人不是当前用户,未向用户展示',
  stepNoRefund: '支付宝:该交易没有对应的退款记录',
  stepFailed: (why: string) => `查询失败:${why}`,
  stepFound: '支付宝查到该交易,已向用户展示状态',
  /** The subject Alipay gives when the merchant's order has no title. */
  noSubject: '支付宝交易',
  closedUnpaid: '交易超时未支付,已关闭',
  failure: { badSignature: '支付宝应答验签失败', refused: '支付宝拒绝了查询', unreachable: '无法连接支付宝', badAnswer: '支付宝应答格式不符', notConfigured: '未配置支付宝应用' },
};

type Texts = typeof zh;

const en: Texts = {
  notFound: (ref) => `No trade was found for ${ref}; please check the number. An agent will look into it, please wait.`,
  noRefund: (ref) => `Alipay has no refund for trade ${ref} yet. An agent will check the refund, please wait.`,
  unavailable: 'Alipay cannot be asked about this trade right now; an agent will help you, please wait.',
  stepAsked: (ref) => `Asked Alipay about trade ${ref}`,
  stepNotFound: 'Alipay: no such trade (ACQ.TRADE_NOT_EXIST)',
  stepNotYours: "Alipay knows the trade, but the current user did not pay it; not shown to the user",
  stepNoRefund: 'Alipay: no refund of this trade',
  stepFailed: (why) => `Query failed: ${why}`,
  stepFound: 'Alipay found the trade; its status was shown to the user',
  noSubject: 'Alipay trade',
  closedUnpaid: 'Not paid in time; the trade was closed',
  failure: { badSignature: "Alipay's answer failed signature verification", refused: 'Alipay refused the query', unreachable: 'Alipay could not be reached', badAnswer: "Alipay's answer was not in the documented form", notConfigured: 'No Alipay app is configured' },
};

export const tradeLookupText: Record<TradeLookupLocale, Texts> = { 'zh-CN': zh, en };
