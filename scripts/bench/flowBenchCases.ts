/**
 * Scripted users for `npm run bench:flows`: what demo users type about their own payments,
 * refunds, transfers, orders, bills and repayments (mock/seed/demoFlowStories.ts), written as
 * users type it (short, rambling, colloquial), with and without order numbers, with ambiguity
 * (the bot must ask which), with details that fit nothing (the bot asks once, then a human), and
 * general questions a flow must leave to the FAQ. Written for the bench, not taken from the tests.
 *
 * A turn is a typed text or `{ tap }`: the button of the bot's last question whose label contains
 * `tap` is pressed (its text sent as the user's message).
 */
export type Turn = string | { readonly tap: string };

export type Expected =
  /** A status card of this flow about this transaction (the bill has none: `transaction` omitted). */
  | { readonly card: string; readonly transaction?: string }
  /** The bot asks for a missing detail and waits. */
  | { readonly ask: string }
  /** The flow could not settle: a human, with what it found. */
  | { readonly handoff: string }
  /** Not a flow's question: the FAQ answers (a card, suggestions or its own hand-off). */
  | { readonly faq: true };

export interface FlowCase {
  readonly user: string;
  readonly turns: readonly Turn[];
  readonly expected: Expected;
}

const tradeOf = (user: number, i: number) => `20261127220030185274${String(user).padStart(4, '0')}${String(i).padStart(4, '0')}`;

export const flowCases: readonly FlowCase[] = [
  // Failed payments (u001: 128 元 twelve minutes ago, 9.90 元 three days ago).
  { user: 'u001', turns: ['我付的128块怎么失败了'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['刚才买东西付款失败了,128元'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['128元付不了'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['为什么我的支付失败了', { tap: '旗舰店订单' }], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['付款失败了是怎么回事', { tap: '话费充值' }], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  { user: 'u001', turns: ['充话费付款不成功', '9.9那笔'], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  { user: 'u001', turns: ['9.9元的话费充值怎么失败了'], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  { user: 'u001', turns: [`订单号${tradeOf(1, 1)}支付失败`], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['我的付款被拒了', '第一笔'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['支付的时候报错了', { tap: '旗舰店订单' }], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['一百二十八块钱没付成功'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  // Refunds (u002: 350 元 on its way, 89 元 back; u001: 59 元 back).
  { user: 'u002', turns: ['我的退款怎么还没到'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['退款进度查一下'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['优品家居的退款到哪了'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['350的退款什么时候到账'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['美团外卖的退款到了吗'], expected: { card: 'refundProgress', transaction: 'u002-f2' } },
  { user: 'u002', turns: ['89块的退款退回来了吗'], expected: { card: 'refundProgress', transaction: 'u002-f2' } },
  { user: 'u002', turns: ['退的钱去哪了,一直没收到'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['退款要多久'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u001', turns: ['美团外卖退款到账了吗'], expected: { card: 'refundProgress', transaction: 'u001-f3' } },
  { user: 'u003', turns: ['我的退款怎么样了'], expected: { faq: true } },
  // Transfers (u005: 2,000 元 pending, 350 元 arrived yesterday 15:10; u006: 5,000 元 refused; u008: 500 元 pending).
  { user: 'u005', turns: ['昨天下午三点给王**转了350,对方说没收到'], expected: { card: 'transferNotArrived', transaction: 'u005-f2' } },
  { user: 'u005', turns: ['转账怎么还没到'], expected: { card: 'transferNotArrived', transaction: 'u005-f1' } },
  { user: 'u005', turns: ['我转的2000块钱对方还没收到'], expected: { card: 'transferNotArrived', transaction: 'u005-f1' } },
  { user: 'u005', turns: ['给李**转的钱多久能到'], expected: { card: 'transferNotArrived', transaction: 'u005-f1' } },
  { user: 'u005', turns: ['转账到账了吗'], expected: { card: 'transferNotArrived', transaction: 'u005-f1' } },
  { user: 'u005', turns: ['昨天转给朋友的350块显示成功但对方说没收到'], expected: { card: 'transferNotArrived', transaction: 'u005-f2' } },
  { user: 'u005', turns: ['两千块转账到哪了'], expected: { card: 'transferNotArrived', transaction: 'u005-f1' } },
  { user: 'u006', turns: ['转账失败了'], expected: { card: 'transferNotArrived', transaction: 'u006-f1' } },
  { user: 'u006', turns: ['为什么我转5000转不出去'], expected: { card: 'transferNotArrived', transaction: 'u006-f1' } },
  { user: 'u008', turns: ['三个小时前转了500块对方没到账'], expected: { card: 'transferNotArrived', transaction: 'u008-f1' } },
  { user: 'u008', turns: ['我转的钱还没到'], expected: { card: 'transferNotArrived', transaction: 'u008-f1' } },
  { user: 'u008', turns: ['转账多久到账'], expected: { card: 'transferNotArrived', transaction: 'u008-f1' } },
  { user: 'u007', turns: ['转账对方没收到怎么办'], expected: { faq: true } },
  // Orders (u003: 299 元 on the road, 45.80 元 delivered, 1,099 元 not shipped).
  { user: 'u003', turns: ['我的快递到哪了', { tap: '运动旗舰店' }], expected: { card: 'orderStatus', transaction: 'u003-f1' } },
  { user: 'u003', turns: ['运动鞋的物流到哪了', '299那个'], expected: { card: 'orderStatus', transaction: 'u003-f1' } },
  { user: 'u003', turns: ['订单号DD202630001到哪了'], expected: { card: 'orderStatus', transaction: 'u003-f1' } },
  { user: 'u003', turns: ['数码专营店的订单什么时候发货'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  { user: 'u003', turns: ['我买的东西怎么还没发货', { tap: '数码专营店' }], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  { user: 'u003', turns: ['超市的订单显示签收了但我没收到'], expected: { card: 'orderStatus', transaction: 'u003-f2' } },
  { user: 'u003', turns: ['1099的订单发货了吗'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  { user: 'u003', turns: ['包裹到哪儿了', '第一个'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  // Repayments (u009: 花呗 due in 3 days, 借呗 in 12).
  { user: 'u009', turns: ['花呗这个月要还多少'], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },
  { user: 'u009', turns: ['借呗什么时候还款'], expected: { card: 'repaymentDue', transaction: 'u009-f2' } },
  { user: 'u009', turns: ['我的还款日是哪天', { tap: '花呗' }], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },
  { user: 'u009', turns: ['信用卡该还多少'], expected: { ask: 'repaymentDue' } },
  { user: 'u009', turns: ['花呗账单多少钱'], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },
  { user: 'u009', turns: ['借呗还款日'], expected: { card: 'repaymentDue', transaction: 'u009-f2' } },
  { user: 'u009', turns: ['这个月要还多少钱', { tap: '借呗' }], expected: { card: 'repaymentDue', transaction: 'u009-f2' } },
  // Bills for a period.
  { user: 'u004', turns: ['上个月账单'], expected: { card: 'billPeriod' } },
  { user: 'u010', turns: ['这个月花了多少钱'], expected: { card: 'billPeriod' } },
  { user: 'u011', turns: ['11月消费了多少'], expected: { card: 'billPeriod' } },
  { user: 'u012', turns: ['查一下我这周的账单'], expected: { card: 'billPeriod' } },
  // Details that fit nothing: asked once, then a human with what the flow found.
  { user: 'u002', turns: ['退款500块怎么还没到', '500元,上周'], expected: { handoff: 'refundProgress' } },
  { user: 'u005', turns: ['转了8000块对方没收到', '8000,前天'], expected: { handoff: 'transferNotArrived' } },
  { user: 'u003', turns: ['订单号DD999999999到哪了', '订单号DD999999999'], expected: { handoff: 'orderStatus' } },
  { user: 'u001', turns: ['我付的300块怎么失败了', '300元,今天'], expected: { handoff: 'paymentFailed' } },
  { user: 'u009', turns: ['信用卡还款日是哪天', '信用卡,2000块'], expected: { handoff: 'repaymentDue' } },
  // General questions: the FAQ's, not a flow's.
  { user: 'u001', turns: ['转账手续费多少'], expected: { faq: true } },
  { user: 'u002', turns: ['怎么申请退款'], expected: { faq: true } },
  { user: 'u005', turns: ['转账限额是多少'], expected: { faq: true } },
  { user: 'u003', turns: ['怎么修改收货地址'], expected: { faq: true } },
  { user: 'u009', turns: ['花呗怎么开通'], expected: { faq: true } },
  { user: 'u001', turns: ['支付密码忘了怎么办'], expected: { faq: true } },
  { user: 'u006', turns: ['怎么设置转账到账时间'], expected: { faq: true } },
];

/**
 * Written after the patterns were fixed on the cases above. Its first run (64.0 %) showed that
 * regular expressions per flow did not generalise, and its failures led to the topic + status
 * design (flowCatalog): so it is a second development set now, reported apart.
 */
export const flowHeldOutCases: readonly FlowCase[] = [
  { user: 'u001', turns: ['刚刚128的单子没付上是为啥'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['旗舰店那个订单付款老是失败'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['我交话费的时候支付不成功'], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  { user: 'u001', turns: ['付钱一直提示失败', { tap: '旗舰店订单' }], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u002', turns: ['申请的退款到现在还没到账'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['家居店退我的350呢'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['我那笔退款啥时候能到'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u001', turns: ['外卖退的59块到了没'], expected: { card: 'refundProgress', transaction: 'u001-f3' } },
  { user: 'u005', turns: ['转给小王的350他说一直没到'], expected: { card: 'transferNotArrived', transaction: 'u005-f2' } },
  { user: 'u005', turns: ['一小时前转的两千还没到账'], expected: { card: 'transferNotArrived', transaction: 'u005-f1' } },
  { user: 'u006', turns: ['我转5000块怎么给退回来了'], expected: { card: 'transferNotArrived', transaction: 'u006-f1' } },
  { user: 'u008', turns: ['汇给朋友的500块钱到哪了'], expected: { card: 'transferNotArrived', transaction: 'u008-f1' } },
  { user: 'u003', turns: ['我买的鞋子到哪了', { tap: '运动旗舰店' }], expected: { card: 'orderStatus', transaction: 'u003-f1' } },
  { user: 'u003', turns: ['手机买了怎么还不发货'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  { user: 'u003', turns: ['快递显示签收但我没拿到,超市买的'], expected: { card: 'orderStatus', transaction: 'u003-f2' } },
  { user: 'u003', turns: ['我的货到哪里了', '第二个'], expected: { card: 'orderStatus', transaction: 'u003-f1' } },
  { user: 'u009', turns: ['花呗几号要还'], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },
  { user: 'u009', turns: ['借呗这期还多少'], expected: { card: 'repaymentDue', transaction: 'u009-f2' } },
  { user: 'u009', turns: ['最近要还的钱有哪些', { tap: '花呗' }], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },
  { user: 'u004', turns: ['帮我看看上月总共花了多少'], expected: { card: 'billPeriod' } },
  { user: 'u010', turns: ['本月支出多少'], expected: { card: 'billPeriod' } },
  { user: 'u005', turns: ['转了3000给我妈她没收到', '3000块,昨天晚上'], expected: { handoff: 'transferNotArrived' } },
  { user: 'u002', turns: ['退款怎么申请'], expected: { faq: true } },
  { user: 'u003', turns: ['快递可以改地址吗'], expected: { faq: true } },
  { user: 'u005', turns: ['转账到银行卡要手续费吗'], expected: { faq: true } },
];

/**
 * Written after the topic + status design; its first run (80.0 %, then 75.0 % after a review made
 * the flows stricter) led to three general fixes (如何 only before a verb, 处理中 / 查不到 as status
 * words, 订单 + number as an order number): a third development set now.
 */
export const flowThirdCases: readonly FlowCase[] = [
  { user: 'u001', turns: ['为啥我那128块的付款没成功'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['充值话费扣款失败了吗'], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  { user: 'u001', turns: ['下单的时候一直付款失败', '128那个'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u002', turns: ['那个350块的退款进度如何'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['退款到底什么时候到账啊'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['外卖那笔退款到账没有'], expected: { card: 'refundProgress', transaction: 'u002-f2' } },
  { user: 'u005', turns: ['我给朋友转的两千块还没到账呢'], expected: { card: 'transferNotArrived', transaction: 'u005-f1' } },
  { user: 'u005', turns: ['昨天转的350对方查不到'], expected: { card: 'transferNotArrived', transaction: 'u005-f2' } },
  { user: 'u006', turns: ['转账五千没转成功'], expected: { card: 'transferNotArrived', transaction: 'u006-f1' } },
  { user: 'u008', turns: ['刚才转账500怎么还在处理中'], expected: { card: 'transferNotArrived', transaction: 'u008-f1' } },
  { user: 'u003', turns: ['运动鞋的快递怎么还没到'], expected: { card: 'orderStatus', transaction: 'u003-f1' } },
  { user: 'u003', turns: ['数码店买的东西发货没'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  { user: 'u003', turns: ['查一下订单DD202630002'], expected: { card: 'orderStatus', transaction: 'u003-f2' } },
  { user: 'u009', turns: ['花呗最后还款日是几号'], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },
  { user: 'u009', turns: ['借呗要还多少钱'], expected: { card: 'repaymentDue', transaction: 'u009-f2' } },
  { user: 'u011', turns: ['我上个月消费了多少钱'], expected: { card: 'billPeriod' } },
  { user: 'u012', turns: ['看下11月的账单'], expected: { card: 'billPeriod' } },
  { user: 'u001', turns: ['我付的666怎么失败了', '666元,昨天'], expected: { handoff: 'paymentFailed' } },
  { user: 'u002', turns: ['退款的钱会退到哪里'], expected: { faq: true } },
  { user: 'u005', turns: ['转账转错人了怎么办'], expected: { faq: true } },
];

/**
 * Written after the last change to the flows and never used to change them: the bench's figure
 * for wording the flows have not seen.
 */
export const flowUnseenCases: readonly FlowCase[] = [
  { user: 'u001', turns: ['刚才那笔128的支付怎么就失败了呢'], expected: { card: 'paymentFailed', transaction: 'u001-fail' } },
  { user: 'u001', turns: ['话费没充上,付款失败'], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  { user: 'u001', turns: ['我的钱付不出去', { tap: '话费充值' }], expected: { card: 'paymentFailed', transaction: 'u001-f2' } },
  { user: 'u002', turns: ['优品家居退款啥情况了'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['我申请的退款到账没'], expected: { card: 'refundProgress', transaction: 'u002-f1' } },
  { user: 'u002', turns: ['那笔89的退款到没到'], expected: { card: 'refundProgress', transaction: 'u002-f2' } },
  { user: 'u005', turns: ['转账2000还没到对方账户'], expected: { card: 'transferNotArrived', transaction: 'u005-f1' } },
  { user: 'u005', turns: ['昨天下午那笔350转账对方说没到账'], expected: { card: 'transferNotArrived', transaction: 'u005-f2' } },
  { user: 'u006', turns: ['我的转账被退回来了是怎么回事'], expected: { card: 'transferNotArrived', transaction: 'u006-f1' } },
  { user: 'u008', turns: ['转出去的500块钱一直没到'], expected: { card: 'transferNotArrived', transaction: 'u008-f1' } },
  { user: 'u003', turns: ['299买的那个快递到哪了'], expected: { card: 'orderStatus', transaction: 'u003-f1' } },
  { user: 'u003', turns: ['订单号DD202630003什么时候发货'], expected: { card: 'orderStatus', transaction: 'u003-f3' } },
  { user: 'u003', turns: ['我的包裹显示签收了', { tap: '超市' }], expected: { card: 'orderStatus', transaction: 'u003-f2' } },
  { user: 'u009', turns: ['花呗到期日是哪天'], expected: { card: 'repaymentDue', transaction: 'u009-f1' } },
  { user: 'u009', turns: ['借呗该还多少了'], expected: { card: 'repaymentDue', transaction: 'u009-f2' } },
  { user: 'u010', turns: ['上个月一共花了多少'], expected: { card: 'billPeriod' } },
  { user: 'u008', turns: ['转了1万块给朋友没到', '一万,今天早上'], expected: { handoff: 'transferNotArrived' } },
  { user: 'u002', turns: ['退款能退到银行卡吗'], expected: { faq: true } },
  { user: 'u003', turns: ['快递丢了怎么赔偿'], expected: { faq: true } },
  { user: 'u009', turns: ['花呗额度怎么提升'], expected: { faq: true } },
];
