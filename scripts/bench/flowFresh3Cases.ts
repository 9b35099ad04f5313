/**
 * A third fresh, independent evaluation set for the self-service flows (issue 22), written on
 * 2026-12-01 by a helper session (Claude) WITHOUT reading the flows' code, the understanding
 * step's word lists, the FAQ matcher or the other flow case sets: only the demo data
 * (mock/seed/demoFlowStories.ts, demoCustomers.ts), the FAQ questions (mock/seed/defaultFaq.ts),
 * the case format (flowBenchCases.ts) and the flow ids (shared/schemas/flowSchema.ts). It is to be
 * run once, unchanged, to measure the flows on wording they were not tuned on.
 *
 * Times are written for the bench's fixed clock: 2026-12-01 21:30 UTC = 2026-12-02 05:30 China
 * time (a Wednesday). Relative to that instant the demo data is:
 * - u001: 128 元 payment to 旗舰店订单 failed at 05:18 today (u001-fail); 9.90 元 话费充值 failed
 *   11-29 05:30, 大前天 (u001-f2, 2026112722003018527400010002); 59 元 美团外卖 refund back 11-26 (u001-f3);
 * - u002: 350 元 refund from 优品家居旗舰店 pending since 11-30, 前天 (u002-f1, 2026112722003018527400020001);
 *   89 元 美团外卖 refund back 11-24 (u002-f2);
 * - u003: orders DD202630001 运动旗舰店 299 元 in transit (u003-f1), DD202630002 超市 45.80 元 delivered
 *   (u003-f2), DD202630003 数码专营店 1099 元 placed at 02:30 today, not shipped (u003-f3);
 * - u005: 2000 元 to 李** at 04:30 today pending (u005-f1); 350 元 to 王** yesterday 15:10, arrived (u005-f2);
 * - u006: 5000 元 to 赵** at 04:50 today refused (u006-f1); u008: 500 元 to 刘** at 02:30 today pending (u008-f1);
 * - u009: 花呗 1280.50 元 due 12-05 (u009-f1), 借呗 3150 元 due 12-14 (u009-f2);
 * - everyone: a month of ordinary payments (the bills).
 * Ambiguous cases always carry the user's answer and expect the card; answers are typed, not tapped.
 */
import type { FlowCase } from './flowBenchCases';

export const flowFresh3Cases: readonly FlowCase[] = [
  // --- paymentFailed ---------------------------------------------------------------------------
  { user: 'u001', turns: ['128快钱付不出去 咋回事'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['刚刚付钱没付成功 是我卡有问题吗'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['前几天充话费没充进去 显示付款失败'], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  { user: 'u001', turns: ['大前天那笔九块九的为啥扣款失败'], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  { user: 'u001', turns: ['交易号2026112722003018527400010002 付款没成功什么原因'], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  {
    user: 'u001',
    turns: ['喂你好我想问一下就是我刚才在那个旗舰店下单付钱的时候它提示支付失败然后我也不知道是怎么回事你帮我看一下'],
    expected: { card: 'paymentFailed', transaction: 'u001-fail' },
  },
  { user: 'u001', turns: ['您好，请问我今天早上五点多付的一笔款为什么没有成功？麻烦帮忙查一下，谢谢。'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['那笔128的咋没付成功 要不要重新下单啊'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },

  // --- refundProgress --------------------------------------------------------------------------
  { user: 'u002', turns: ['350的退款啥时候能到账啊 等两天了'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['优品家居的退款还没到 急用钱'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['美团那个89的退了没'], expected: { card: 'refundProgress', transaction: 'u002-f2' } },
  { user: 'u001', turns: ['外卖退款到了没有'], expected: { card: 'refundProgress', transaction: 'u001-f3' } },
  { user: 'u002', turns: ['2026112722003018527400020001这笔退款到哪了'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['俺那个三百五的退款咋还没到账嘞'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['您好，麻烦帮我查询一下，我前天在优品家居旗舰店申请的退款，现在处理到哪一步了？非常感谢！'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['退宽什么时候到 350'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },

  // --- transferNotArrived ----------------------------------------------------------------------
  { user: 'u008', turns: ['转给朋友500块到现在都没到 三个小时了'], expected: { card: 'transferNotArrived', transaction: 'u008-f1' } },
  { user: 'u008', turns: ['转帐没到帐'], expected: { card: 'transferNotArrived', transaction: 'u008-f1' } },
  {
    user: 'u008',
    turns: ['那个我凌晨两点多的时候给我表哥转了五百块钱到现在他还没收到你们这个是怎么回事啊能不能快一点'],
    expected: { card: 'transferNotArrived', transaction: 'u008-f1' },
  },
  { user: 'u006', turns: ['刚给赵哥转了5000 他说没收到'], expected: { card: 'transferNotArrived', transaction: 'u006-f1' } },
  { user: 'u005', turns: ['昨天下午3点多给老王转的350 对方说没收到'], expected: { card: 'transferNotArrived', transaction: 'u005-f2' } },
  { user: 'u005', turns: ['一个小时前转了两千 咋还在处理中'], expected: { card: 'transferNotArrived', transaction: 'u005-f1' } },

  // --- orderStatus -----------------------------------------------------------------------------
  { user: 'u003', turns: ['DD202630001到哪了'], expected: { card: 'orderStatus', transaction: 'u003-f1' } },
  { user: 'u003', turns: ['我买的运动鞋快递到哪里了 299那个'], expected: { card: 'orderStatus', transaction: 'u003-f1' } },
  { user: 'u003', turns: ['今天凌晨两点多下的单 怎么还没发货'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  { user: 'u003', turns: ['超市买的东西送到了吗'], expected: { card: 'orderStatus', transaction: 'u003-f2' } },
  { user: 'u003', turns: ['订单号DD202630003 啥时候发货啊'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  { user: 'u003', turns: ['1099的耳机发货没'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  { user: 'u003', turns: ['我的快第到哪了 运动旗舰店买的'], expected: { card: 'orderStatus', transaction: 'u003-f1' } },

  // --- billPeriod (a summary: no transaction) --------------------------------------------------
  { user: 'u004', turns: ['我上个月一共花了多少钱'], expected: { card: 'billPeriod' } },
  { user: 'u007', turns: ['查下11月账单'], expected: { card: 'billPeriod' } },
  { user: 'u010', turns: ['最近一个礼拜消费了多少'], expected: { card: 'billPeriod' } },
  { user: 'u011', turns: ['帮我算算十一月份总共支出多少'], expected: { card: 'billPeriod' } },
  { user: 'u012', turns: ['上周花了多少钱啊'], expected: { card: 'billPeriod' } },
  { user: 'u001', turns: ['11月份的账单给我看一下'], expected: { card: 'billPeriod' } },
  { user: 'u010', turns: ['感觉这两周花钱有点多 帮我看看最近两周的账单'], expected: { card: 'billPeriod' } },

  // --- repaymentDue ----------------------------------------------------------------------------
  { user: 'u009', turns: ['花呗啥时候还款'], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },
  { user: 'u009', turns: ['借呗这期要还多少 哪天扣'], expected: { card: 'repaymentDue', transaction: 'u009-f2' } },
  { user: 'u009', turns: ['我花呗欠了1280还没还 最后还款日几号'], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },
  { user: 'u009', turns: ['借被还款日是哪天'], expected: { card: 'repaymentDue', transaction: 'u009-f2' } },
  { user: 'u009', turns: ['花呗还款日'], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },
  {
    user: 'u009',
    turns: ['你好我想问问我那个花呗这个月是几号还款啊我怕忘了到时候逾期'],
    expected: { card: 'repaymentDue', transaction: 'u009-f1' },
  },

  // --- ambiguous: several fit, the bot asks which, the user answers -----------------------------
  { user: 'u001', turns: ['我付款一直失败咋回事啊', '九块九那笔'], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  { user: 'u001', turns: ['支付失拜了', '128那个'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u002', turns: ['我的退款呢', '350那笔'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['帮我看下我那个退款到哪一步了 谢谢', '外卖那个'], expected: { card: 'refundProgress', transaction: 'u002-f2' } },
  { user: 'u003', turns: ['我买的东西到哪了', '299的'], expected: { card: 'orderStatus', transaction: 'u003-f1' } },
  { user: 'u003', turns: ['查下我的订单', '数码专营店那个'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  { user: 'u005', turns: ['我转的钱对方说没收到', '2000的那个'], expected: { card: 'transferNotArrived', transaction: 'u005-f1' } },
  { user: 'u005', turns: ['转账到账没', '昨天下午那笔'], expected: { card: 'transferNotArrived', transaction: 'u005-f2' } },
  { user: 'u009', turns: ['还款日是几号', '借呗的'], expected: { card: 'repaymentDue', transaction: 'u009-f2' } },
  { user: 'u009', turns: ['我下次要还多少钱啊', '花呗'], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },

  // --- fits nothing: the bot asks once; a second miss goes to a human; a fitting answer gets the card
  { user: 'u001', turns: ['昨晚付560没付成功'], expected: { ask: 'paymentFailed' } },
  { user: 'u002', turns: ['退款1500块什么时候到', '金额没错 就是1500'], expected: { handoff: 'refundProgress' } },
  { user: 'u008', turns: ['上周给我妈转的1000块没到账'], expected: { ask: 'transferNotArrived' } },
  { user: 'u005', turns: ['给我姐转的800块钱没到'], expected: { ask: 'transferNotArrived' } },
  { user: 'u003', turns: ['订单DD202639999怎么还没到', '单号没错啊 DD202639999'], expected: { handoff: 'orderStatus' } },
  { user: 'u001', turns: ['付款失败了 300块', '哦不好意思说错了 是128的'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },

  // --- general questions: no flow's, the FAQ answers --------------------------------------------
  { user: 'u004', turns: ['退款一般要几天才能到账'], expected: { faq: true } },
  { user: 'u010', turns: ['花呗怎么开通啊'], expected: { faq: true } },
  { user: 'u011', turns: ['支付密码忘记了咋整'], expected: { faq: true } },
  { user: 'u012', turns: ['转账到银行卡要多长时间'], expected: { faq: true } },
  { user: 'u007', turns: ['银行卡不用了想解除绑定怎么弄'], expected: { faq: true } },
  { user: 'u004', turns: ['在哪里看账单明细啊'], expected: { faq: true } },
  { user: 'u010', turns: ['卖家一直拒绝退款我该咋办'], expected: { faq: true } },
  { user: 'u011', turns: ['一天最多能转多少钱 额度能提高吗'], expected: { faq: true } },
  { user: 'u012', turns: ['余额宝转出来多久能到'], expected: { faq: true } },
  { user: 'u007', turns: ['电子发票在哪开'], expected: { faq: true } },
];
