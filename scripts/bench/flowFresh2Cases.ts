/**
 * A second fresh, independent evaluation set for the self-service flows (issue 22).
 *
 * Written 2026-12-01 by a helper session, without reading the flows' code (nothing under
 * shared/flows, shared/nlp, shared/faq or shared/conversation) and without reading the other
 * case sets beyond the format at the top of flowBenchCases.ts. Only the demo data
 * (mock/seed/demoFlowStories.ts, mock/seed/chinaTime.ts) and the demo FAQ's questions
 * (mock/seed/defaultFaq.ts) were read. Meant to be run once, unchanged.
 *
 * Wording as users type on a phone: pinyin-input typos (失白, 到帐, 定单, 借贝, 帐单), dialect and
 * colloquial words (咋整, 搞么子, 点解冇到, 俺, 莫得), no punctuation, two questions in one
 * message, voice-to-text run-ons. Times assume the bench runs in the small hours of 2026-12-02
 * China time (UTC+8): "这个月" is December, "上个月" is November, "昨天下午" is 12-01 afternoon.
 */
import type { FlowCase } from './flowBenchCases';

export const flowFresh2Cases: readonly FlowCase[] = [
  // ---- paymentFailed (u001: 128 元 旗舰店订单 failed 12 min ago; 9.90 元 话费充值 failed 3 days ago)
  { user: 'u001', turns: ['刚才买东西付款老是失白 咋回事'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['那个旗舰店的单子付不了款 是余额不够吗'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['前几天充话费9块9的没充上 为啥付不了'], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  { user: 'u001', turns: ['2026112722003018527400010002 这个单号付款没成功'], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  // ambiguous: two failed payments
  { user: 'u001', turns: ['我付钱咋一直不成功呢', '128的那个'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['付款失败了帮我看看是哪里出问题了'], expected: { ask: 'paymentFailed' } },
  // fits nothing: no 66 元 payment
  { user: 'u001', turns: ['我付66块钱没付成功 咋整'], expected: { ask: 'paymentFailed' } },
  { user: 'u001', turns: ['我付66块钱没付成功 咋整', '就是66块 买奶茶那个'], expected: { handoff: 'paymentFailed' } },

  // ---- refundProgress (u002: 350 元 优品家居旗舰店 processing; 89 元 美团外卖 refunded. u001: 59 元 美团外卖 refunded)
  { user: 'u002', turns: ['优品家居那个350的退款到哪了 啥时候能到'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['美团外卖退的89块到帐没有'], expected: { card: 'refundProgress', transaction: 'u002-f2' } },
  { user: 'u001', turns: ['上礼拜外卖退了59 退回来没有啊'], expected: { card: 'refundProgress', transaction: 'u001-f3' } },
  { user: 'u002', turns: ['350那个退款到哪一步了 还有就是是原路退回吗'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  // ambiguous: two refunds
  { user: 'u002', turns: ['帮我查下我的退款', { tap: '优品家居' }], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['我退款到底到哪了'], expected: { ask: 'refundProgress' } },
  // fits nothing
  { user: 'u002', turns: ['退了1200块到现在都没收到'], expected: { ask: 'refundProgress' } },
  { user: 'u004', turns: ['我的退款咋还没到啊 都好几天了'], expected: { ask: 'refundProgress' } },

  // ---- transferNotArrived (u005: 2000 元 to 李** pending 1 h; 350 元 to 王** arrived yesterday 15:10.
  //      u006: 5000 元 to 赵** refused, over the daily limit. u008: 500 元 to 刘** pending 3 h)
  { user: 'u005', turns: ['给李转的两千咋还没到帐'], expected: { card: 'transferNotArrived', transaction: 'u005-f1' } },
  {
    user: 'u005',
    turns: ['喂你好我想问一下就是我昨天下午三点多给姓王的朋友转了三百五他说没收到你帮我看看到底到没到'],
    expected: { card: 'transferNotArrived', transaction: 'u005-f2' },
  },
  { user: 'u006', turns: ['转账5000给赵 显示失败了 是不是超限额了'], expected: { card: 'transferNotArrived', transaction: 'u006-f1' } },
  { user: 'u006', turns: ['我转账点解冇到 五千蚊'], expected: { card: 'transferNotArrived', transaction: 'u006-f1' } },
  { user: 'u008', turns: ['转了500块给刘 三个钟了还没到 搞么子哦'], expected: { card: 'transferNotArrived', transaction: 'u008-f1' } },
  // ambiguous: two transfers
  { user: 'u005', turns: ['我转出去的钱对方收到了没', '2000那笔'], expected: { card: 'transferNotArrived', transaction: 'u005-f1' } },
  // fits nothing: u008 sent no 1000 元
  { user: 'u008', turns: ['我给我妈转了1000块她说莫得收到'], expected: { ask: 'transferNotArrived' } },
  { user: 'u008', turns: ['我给我妈转了1000块她说莫得收到', '就是1000的那笔 转给我妈的'], expected: { handoff: 'transferNotArrived' } },

  // ---- orderStatus (u003: DD202630001 299 元 运动旗舰店 in transit; DD202630002 45.80 元 超市 delivered;
  //      DD202630003 1099 元 数码专营店 not yet shipped)
  { user: 'u003', turns: ['运动旗舰店买的鞋子到哪了'], expected: { card: 'orderStatus', transaction: 'u003-f1' } },
  { user: 'u003', turns: ['DD202630003 啥时候发货'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  { user: 'u003', turns: ['超市买的东西送到没 我咋没看到'], expected: { card: 'orderStatus', transaction: 'u003-f2' } },
  { user: 'u003', turns: ['俺在数码专营店买的那个一千多的玩意儿咋还不发货呢'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  // ambiguous: three orders
  { user: 'u003', turns: ['我的定单啥情况了', '1099的那个'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  { user: 'u003', turns: ['我买的东西到哪了'], expected: { ask: 'orderStatus' } },
  // fits nothing
  { user: 'u003', turns: ['DD202639999这个单子到哪了'], expected: { ask: 'orderStatus' } },

  // ---- billPeriod (a period's bill, no transaction)
  { user: 'u003', turns: ['这个月花了多少钱'], expected: { card: 'billPeriod' } },
  { user: 'u002', turns: ['看下我上个月的帐单'], expected: { card: 'billPeriod' } },
  { user: 'u001', turns: ['11月份账单给我看看'], expected: { card: 'billPeriod' } },
  {
    user: 'u005',
    turns: ['你帮我查一下我这个月一共支出了多少钱就是十二月份的账单'],
    expected: { card: 'billPeriod' },
  },
  { user: 'u008', turns: ['本月账单多少'], expected: { card: 'billPeriod' } },

  // ---- repaymentDue (u009: 花呗 1280.50 元 due in 3 days; 借呗 3150 元 due in 12 days)
  { user: 'u009', turns: ['花呗这期要还多少 最晚哪天还 逾期了会咋样'], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },
  { user: 'u009', turns: ['借贝啥时候还 要还多少'], expected: { card: 'repaymentDue', transaction: 'u009-f2' } },
  { user: 'u009', turns: ['3150那个几号到期'], expected: { card: 'repaymentDue', transaction: 'u009-f2' } },
  // ambiguous: 花呗 and 借呗
  { user: 'u009', turns: ['我最近要还多少钱啊', '花呗的'], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },
  { user: 'u009', turns: ['我的还款日是哪天'], expected: { ask: 'repaymentDue' } },

  // ---- general questions: no flow's, the FAQ answers
  { user: 'u002', turns: ['退款正常多久能到'], expected: { faq: true } },
  { user: 'u004', turns: ['咋样申请退款啊'], expected: { faq: true } },
  { user: 'u007', turns: ['花呗咋开通'], expected: { faq: true } },
  { user: 'u005', turns: ['转到银行卡一般要多长时间'], expected: { faq: true } },
  { user: 'u004', turns: ['支付密码忘记了咋整'], expected: { faq: true } },
  { user: 'u009', turns: ['借呗可以提前还吗 有没有违约金'], expected: { faq: true } },
  { user: 'u007', turns: ['转账要不要手续费'], expected: { faq: true } },
  { user: 'u009', turns: ['花呗额度咋提高 还有账单能分期不'], expected: { faq: true } },
];
