import type { FlowCase } from './flowBenchCases';

/**
 * A fresh, independent set for the self-service flows (issue 22), written on 2026-12-01 by a helper
 * session (task F) that read only the demo data (mock/seed/demoFlowStories.ts, demoCustomers.ts),
 * the demo FAQ (mock/seed/defaultFaq.ts) and the case format, never the flows' code or word lists
 * (shared/flows, shared/nlp, shared/faq, shared/conversation). Its figure is that of its first run:
 * no case is to be changed or dropped after it. Expected outcomes follow the data: a card about the
 * transaction a good agent would pick, the which-one question answered by the second turn, one
 * question for a detail that fits nothing (then a human), and the FAQ for general questions.
 * Users type as on a phone: no punctuation, pinyin-input typos (付宽, 冲值, 家具, 花被, 借贝, 帐单),
 * colloquial words (昨儿, 钟头, 礼拜, 5k, 9块9, 一千多).
 */
export const flowFreshCases: readonly FlowCase[] = [
  // Failed payments (u001: 128 元 to 旗舰店订单 12 minutes ago, 余额不足; 9.90 元 话费充值 3 days ago, card expired).
  { user: 'u001', turns: ['刚买东西付不了钱 提示余额不足'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['话费冲值付款失败咋回事'], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  { user: 'u001', turns: ['那笔9块9的怎么扣不了款 说我银行卡过期了'], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  { user: 'u001', turns: ['交易号2026112722003018527400010002付款没成功'], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  { user: 'u001', turns: ['我在旗舰店下的单钱没付过去 怎么搞的'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  // Two failed payments fit: the bot asks which.
  { user: 'u001', turns: ['怎么老是支付不了啊', '话费那个'], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  { user: 'u001', turns: ['我的付宽失败了', { tap: '旗舰店订单' }], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  // No failed payment of that amount.
  { user: 'u001', turns: ['付款1500失败了'], expected: { ask: 'paymentFailed' } },
  { user: 'u001', turns: ['我付的520怎么一直失败', '520 今天中午'], expected: { handoff: 'paymentFailed' } },

  // Refunds (u002: 350 元 优品家居旗舰店 processing since 2 days, 89 元 美团外卖 back; u001: 59 元 美团外卖 back).
  { user: 'u002', turns: ['家具店的退款咋还没到账'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['前天申请的退款到哪一步了'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['退款三百五 啥时候能到啊 等好久了'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['2026112722003018527400020001这笔退款进度'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['点外卖退的那89回来没'], expected: { card: 'refundProgress', transaction: 'u002-f2' } },
  { user: 'u001', turns: ['美团退我的钱到账没'], expected: { card: 'refundProgress', transaction: 'u001-f3' } },
  // No refund of that amount.
  { user: 'u002', turns: ['退款1200到哪了'], expected: { ask: 'refundProgress' } },
  { user: 'u002', turns: ['退我的那笔730什么时候到', '730 京东买的'], expected: { handoff: 'refundProgress' } },

  // Transfers (u005: 2,000 元 to 李** pending an hour, 350 元 to 王** arrived yesterday 15:10;
  // u006: 5,000 元 to 赵** refused, over the daily limit; u008: 500 元 to 刘** pending 3 hours).
  { user: 'u006', turns: ['转账显示超限额了 转不过去'], expected: { card: 'transferNotArrived', transaction: 'u006-f1' } },
  { user: 'u006', turns: ['转账5k被拒了'], expected: { card: 'transferNotArrived', transaction: 'u006-f1' } },
  { user: 'u008', turns: ['给刘哥转了五百 到现在没到'], expected: { card: 'transferNotArrived', transaction: 'u008-f1' } },
  { user: 'u008', turns: ['转了钱到现在对方还没收到 好几个钟头了'], expected: { card: 'transferNotArrived', transaction: 'u008-f1' } },
  { user: 'u005', turns: ['转给老李的2千块咋还在处理'], expected: { card: 'transferNotArrived', transaction: 'u005-f1' } },
  { user: 'u005', turns: ['昨儿三点多转的350 对面说没到账'], expected: { card: 'transferNotArrived', transaction: 'u005-f2' } },
  // Both of u005's transfers fit "the other side says it has not arrived": which one.
  { user: 'u005', turns: ['我转的钱对方说没收到', '350那笔'], expected: { card: 'transferNotArrived', transaction: 'u005-f2' } },
  // No transfer of that amount.
  { user: 'u006', turns: ['转了800块对方没到账'], expected: { ask: 'transferNotArrived' } },
  { user: 'u008', turns: ['转给我妈的2万怎么没到', '两万 今天上午转的'], expected: { handoff: 'transferNotArrived' } },

  // Orders (u003: 299 元 运动旗舰店 DD202630001 in transit via 杭州转运中心, 45.80 元 超市 DD202630002
  // delivered, 1,099 元 数码专营店 DD202630003 not shipped).
  { user: 'u003', turns: ['运动旗舰店买的鞋物流咋不动了'], expected: { card: 'orderStatus', transaction: 'u003-f1' } },
  { user: 'u003', turns: ['一千多的那个单子还没发货吗'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  { user: 'u003', turns: ['单号dd202630001走到哪了'], expected: { card: 'orderStatus', transaction: 'u003-f1' } },
  { user: 'u003', turns: ['超市买的45块8的东西 显示签收了我没拿到'], expected: { card: 'orderStatus', transaction: 'u003-f2' } },
  { user: 'u003', turns: ['2026112722003018527400030003这个订单怎么还不发货'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  { user: 'u003', turns: ['杭州转运中心那个件啥时候到'], expected: { card: 'orderStatus', transaction: 'u003-f1' } },
  // Several orders fit: which one.
  { user: 'u003', turns: ['我网购的东西啥时候能到', '数码专营店的'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  { user: 'u003', turns: ['查一下我的订单', { tap: '超市' }], expected: { card: 'orderStatus', transaction: 'u003-f2' } },
  // No such order.
  { user: 'u003', turns: ['订单号DD202639999怎么还没发货'], expected: { ask: 'orderStatus' } },
  { user: 'u003', turns: ['我买的888的东西到哪了', '888块 上周买的'], expected: { handoff: 'orderStatus' } },

  // Repayments (u009: 花呗 1,280.50 元 due in 3 days, 借呗 3,150 元 due in 12).
  { user: 'u009', turns: ['花被这期多少钱'], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },
  { user: 'u009', turns: ['借贝哪天还'], expected: { card: 'repaymentDue', transaction: 'u009-f2' } },
  { user: 'u009', turns: ['1280那笔哪天是最后还款日'], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },
  { user: 'u009', turns: ['蚂蚁借呗3150啥时候扣款'], expected: { card: 'repaymentDue', transaction: 'u009-f2' } },
  // Both fit: which one.
  { user: 'u009', turns: ['最近有啥要还的吗 哪天到期', '借呗'], expected: { card: 'repaymentDue', transaction: 'u009-f2' } },
  { user: 'u009', turns: ['我欠的钱啥时候还', { tap: '花呗' }], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },
  // No repayment of that amount.
  { user: 'u009', turns: ['要还的那笔5000块哪天到期'], expected: { ask: 'repaymentDue' } },
  { user: 'u009', turns: ['我那笔800的还款啥时候到期', '800 上个月借的'], expected: { handoff: 'repaymentDue' } },

  // Bills for a period (users with a month of ordinary payments and no other story).
  { user: 'u014', turns: ['11月份总共花了多少钱啊'], expected: { card: 'billPeriod' } },
  { user: 'u015', turns: ['近一个月花了多少'], expected: { card: 'billPeriod' } },
  { user: 'u016', turns: ['上礼拜花了好多钱 帮我算算一共多少'], expected: { card: 'billPeriod' } },
  { user: 'u017', turns: ['帐单 上个月的'], expected: { card: 'billPeriod' } },
  { user: 'u018', turns: ['我11月的消费明细看一下'], expected: { card: 'billPeriod' } },

  // General questions: a topic, but no transaction of the user's; the FAQ answers.
  { user: 'u004', turns: ['一般退款多久能退回来'], expected: { faq: true } },
  { user: 'u002', turns: ['买错了东西 咋申请退款'], expected: { faq: true } },
  { user: 'u009', turns: ['花呗可以分期吗 手续费多少'], expected: { faq: true } },
  { user: 'u009', turns: ['借呗提前还款要手续费不'], expected: { faq: true } },
  { user: 'u011', turns: ['怎么提高转账额度'], expected: { faq: true } },
  { user: 'u010', turns: ['转到银行卡一般几个小时到'], expected: { faq: true } },
  { user: 'u001', turns: ['支付密码输错好几次被锁了咋办'], expected: { faq: true } },
  { user: 'u001', turns: ['付款的时候怎么默认用余额'], expected: { faq: true } },
  { user: 'u003', turns: ['怎么开电子发票'], expected: { faq: true } },
];
