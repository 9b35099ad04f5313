import type { CustomerTransaction } from '../customer/CustomerData';
import type { FlowId } from '../schemas';

/**
 * One self-service flow as data: when a message asks for it, which of the user's transactions it
 * is about, and what it asks when it cannot tell. The cards' explanations are in flowAnswers.
 */
export interface FlowDefinition {
  readonly id: FlowId;
  /** The card's title and the name the merchant sees in the settings. */
  readonly title: string;
  /** Ways users ask for it; the first flow whose pattern matches the message wins. */
  readonly asks: RegExp;
  /** The transactions it looks at; none for a summary over a period (the bill). */
  readonly about?: (t: CustomerTransaction) => boolean;
  /** Among several that fit, those the user most likely means (the failed, the still pending). */
  readonly likely?: (t: CustomerTransaction) => boolean;
  /** Asked once when the user has such transactions but none fits what they said: the detail that would find it. */
  readonly missing: string;
  /** Said when several fit, above the buttons. */
  readonly which: string;
}

/**
 * The flows, most specific first: 退款失败 is about a refund, 转账失败 about a transfer, 花呗账单
 * about a repayment, so those come before the failed payment and the bill. A pattern asks for a
 * status (没到, 进度, 失败, 多少), not only a topic: 转账手续费多少 is a question for the FAQ.
 */
export const flowCatalog: readonly FlowDefinition[] = [
  {
    id: 'refundProgress',
    title: '退款进度',
    asks: /(退款|退钱|退的钱|钱.{0,3}退).{0,10}(进度|到哪|多久|什么时候|几天|还没|没到|没收到|到账|怎么样|状态|查|呢|失败)|(还没|没有?).{0,4}(退款|退钱|退回)|退款.{0,4}(没|未)/,
    about: (t) => t.type === 'refund',
    likely: (t) => t.status === 'pending',
    missing: '没有找到与您说的相符的退款。请告诉我退款的金额或订单号,我再帮您查一次。',
    which: '您近期有几笔退款,请问是哪一笔?',
  },
  {
    id: 'transferNotArrived',
    title: '转账到账查询',
    asks: /(转|汇|打).{0,20}(没到|没收到|未到|还没到|到账了吗|多久到|到哪|没有到|不到账|没到账|失败|被退回)|对方.{0,6}(没收到|没到账|说没|还没)/,
    about: (t) => t.type === 'transfer',
    likely: (t) => t.status !== 'success',
    missing: '没有找到与您说的相符的转账。请告诉我转账的金额和大概时间,我再帮您查一次。',
    which: '您近期有几笔转账,请问是哪一笔?',
  },
  {
    id: 'repaymentDue',
    title: '还款提醒',
    asks: /(还款|还钱|该还|要还|待还).{0,8}(多少|哪天|什么时候|几号|日期|到期)|(花呗|借呗|信用卡).{0,8}(还多少|该还|要还|哪天还|几号还|账单|还款日)|最后还款日|还款日/,
    about: (t) => t.type === 'repayment',
    likely: (t) => t.status === 'pending',
    missing: '没有找到与您说的相符的待还款。请告诉我是哪个产品(花呗、借呗或信用卡)的还款,我再帮您查一次。',
    which: '您有几笔待还款,请问是哪一笔?',
  },
  {
    id: 'orderStatus',
    title: '订单状态',
    asks: /(订单|快递|包裹|物流|货|东西).{0,8}(到哪|状态|进度|怎么还没|什么时候到|还没到|没到|没发|发货了吗|怎么样|信息)|还没发货|什么时候发货|物流信息|还没收到货/,
    about: (t) => t.type === 'order',
    likely: (t) => t.orderStage !== 'delivered',
    missing: '没有找到与您说的相符的订单。请告诉我订单号,我再帮您查一次。',
    which: '您近期有几个订单,请问是哪一个?',
  },
  {
    id: 'paymentFailed',
    title: '支付失败',
    asks: /(付|支付|付款|扣款|买|下单|交易).{0,8}(失败|不成功|没成功|不了|被拒|出错|报错|不上)|付不了|支付不了|怎么.{0,4}失败|失败了/,
    about: (t) => t.status === 'failed' && (t.type === 'payment' || t.type === 'order'),
    missing: '没有找到与您说的相符的失败付款。请告诉我付款的金额或订单号,我再帮您查一次。',
    which: '您近期有几笔付款没有成功,请问是哪一笔?',
  },
  {
    id: 'billPeriod',
    title: '账单查询',
    asks: /账单|花了多少|消费了?多少|支出.{0,4}(多少|明细)|花销|一共花/,
    missing: '请告诉我想查哪段时间的账单,比如"上个月"或"11月"。',
    which: '',
  },
];

export const flowById = new Map(flowCatalog.map((f) => [f.id, f]));
