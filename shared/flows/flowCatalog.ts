import type { CustomerTransaction } from '../customer';
import type { FlowClues, FlowId } from '../schemas';
import { flowText } from './flowText';
import { flowTitles } from './flowTitles';

const titleOf = (id: FlowId): string => flowTitles.find((f) => f.id === id)!.title;

/**
 * One self-service flow as data: when a message asks for it, which of the user's transactions it
 * is about, and what it asks when it cannot tell. The cards' explanations are in flowAnswers.
 */
export interface FlowDefinition {
  readonly id: FlowId;
  /** The card's title and the name the merchant sees in the settings. */
  readonly title: string;
  /** What the message is about (退款, 转账, 快递...). */
  readonly topic: RegExp;
  /**
   * Words that make the topic's words another matter: 余额宝的钱转出来 is taking money out of a
   * fund, which the FAQ answers, not a transfer to someone that has not arrived (walk finding).
   */
  readonly notTopic?: RegExp;
  /** Words that name the topic only beside an amount (3150那个几号到期: a sum that falls due is a repayment; 会员明天到期 is none). */
  readonly namedTopic?: RegExp;
  /** That it asks for a status, not how to do something; default: any of STATUS_WORDS. */
  readonly status?: RegExp;
  /** Status words of this flow only, beside STATUS_WORDS (a flow with its own `status` has none). */
  readonly alsoStatus?: RegExp;
  /** The transactions it looks at; none for a summary over a period (the bill). */
  readonly about?: (t: CustomerTransaction) => boolean;
  /** Among several that fit, those the user most likely means (the failed, the still pending). */
  readonly likely?: (t: CustomerTransaction) => boolean;
  /** Words that say any of them may be meant (对方说没收到: a transfer shown as arrived too): `likely` does not choose then. */
  readonly anyOf?: RegExp;
  /** Words that say which state the user means (还没发货: the unshipped one), tried when several fit. */
  readonly hints?: readonly (readonly [RegExp, (t: CustomerTransaction) => boolean])[];
  /** Asked once when the user has such transactions but none fits what they said: the detail that would find it. */
  readonly missing: string;
  /** Said when several fit, above the buttons. */
  readonly which: string;
}

/**
 * A question about where something stands: 到哪了, 还没到, 多久, 进度, 失败, 多少钱, 什么情况, a
 * closing 呢; something that stopped moving (不动了, 卡住, 没动静); a transfer or payment that does
 * not go through (转不过去). Read in flowText's spelling (咋 and 啥 are 怎么 and 什么 there).
 */
const STATUS_WORDS = /到哪|去哪|哪里|哪些|进度|多久|什么时候|几时|几号|哪天|还没|没到|没收到|没拿到|未到|到了|到没|到账|回来|怎么样|状态|查一下|查下|查个|查查|查一查|(?<!怎么|如何|在哪|哪里)查(看|询)|(帮我|帮忙)(看|瞅|瞧)|瞅瞅|瞧瞧|失败|不成功|转不|没转|不出去|不过去|没过去|退回|发货|签收|还多少|要还多少|多少钱|到期|还款日|欠.{0,3}多少|还有多少|多少没还|处理中|还在处理|查不到|如何了|进度如何|什么情况|怎么回事|怎么搞的|怎么还(没|不|在)|怎么没|一直没|迟迟|不动|没动|没动静|没更新|不更新|卡住|卡在|还不来|还没来|没送到|派送中|运输中|在路上|哪去|哪儿|待处理|在处理|成功(了)?[吗没么]|好了[吗没么]|通过(了)?[吗没么]|了没有?[?？!！。]*$|呢[?？!！。]*$/;

/** How to do something (申请, 开通, 手续费, 规则): the FAQ's question even when it names a topic. */
const HOW_TO = /(怎么|如何|怎样)(申请|开通|设置|办理|操作|修改|关闭|取消|提高|解除|改)|改地址|政策|规则|流程|手续费|(?<!超|超出|超过)限额|条件|要求|(能|可以|可不可以|能不能).{0,10}[吗么]|删除|导出|绑定|开通|提前还|利息|分期|用不了|登录|实名|认证|人脸|密码|撤回/;

/**
 * A general question about how things work (退款会退到哪里, 一般多久到账): the FAQ's, even with a
 * status word, unless the message also points at one of the user's own transactions.
 */
const GENERAL = /会(退|到|转|返|打)到?(哪|什么)|会[^,，。\s]{1,5}[吗么]|会(怎么样|怎样|有什么|有啥)|逾期|一般|通常|正常(情况)?(下)?(多久|几天)|是不是都/;

/** Where one clause of a message ends: users type a space or a comma between two questions. */
const CLAUSE = /[\s,，。?？!！;；、]+/;
/** The message without its clauses of that kind (empty when every clause is). */
const otherClauses = (words: string, kind: RegExp): string => words.split(CLAUSE).filter((c) => c && !kind.test(c)).join(' ');

/** Asking for something to be done (我要退款, 帮我申请), not where it stands: a clue alone does not make it a status question. */
const ACTION = /我要|我想|想要|帮我(申请|退|办|取消)|申请|能不能|可以.{0,6}[吗么]/;

/** 支付宝 is the app, not a payment: taken out before the topics are read. */
const APP_NAME = /支付宝/g;

/**
 * A payment that did not go through: said outright (失败, 付不了, 钱没付过去) or by its cause as the
 * app showed it (余额不足, 银行卡过期, 超限额).
 */
const FAILED = /失败|不成功|没成功|不了|被拒|拒绝|出错|报错|不上|不出去|不过去|没过去|没通过|不通过|没能?(付|支付|扣|转|充)(成功|上|出去|过去|进去)|不进去|没进去|不出来|没成|(付|支付|扣款|交易)[^,，。\s]{0,6}(不行|没反应|卡住|卡着|转圈|异常)|被关闭|交易关闭|余额不足|余额不够|钱不够|过期|冻结|超限|超额|超出/;

/**
 * The flows, most specific first: 退款失败 is about a refund, 转账失败 about a transfer, a failed
 * payment of an order about the payment, 花呗账单 about a repayment, so those come before the
 * order and the bill.
 */
export const flowCatalog: readonly FlowDefinition[] = [
  {
    id: 'refundProgress',
    title: titleOf('refundProgress'),
    topic: /退款|退钱|退的|退我|退回|退了|退给我|退货款/,
    about: (t) => t.type === 'refund',
    likely: (t) => t.status === 'pending',
    missing: '没有找到与您说的相符的退款。请告诉我退款的金额或订单号,我再帮您查一次。',
    which: '您近期有几笔退款,请问是哪一笔?',
  },
  {
    id: 'transferNotArrived',
    title: titleOf('transferNotArrived'),
    topic: /转账|转的|转了|转给|转钱|转款|转出|转过去|转走|汇款|汇给|汇的|打钱|打给|打款给|转不|没转|转[\d一二两三四五六七八九十百千万]/,
    notTopic: /(余额宝|余利宝|零钱通|基金|理财|定期)[^,。!?\s]{0,4}转(出|回)/,
    about: (t) => t.type === 'transfer',
    likely: (t) => t.status !== 'success',
    // 转账被拒绝了: a refusal is where a transfer stands; a refund's (卖家拒绝退款) is a question of what to do.
    alsoStatus: /被拒|拒绝/,
    anyOf: /对方|对面|收款人|人家|(他|她)说/,
    hints: [[/失败|退回|转不/, (t) => t.status === 'failed']],
    missing: '没有找到与您说的相符的转账。请告诉我转账的金额和大概时间,我再帮您查一次。',
    which: '您近期有几笔转账,请问是哪一笔?',
  },
  {
    id: 'paymentFailed',
    title: titleOf('paymentFailed'),
    topic: /付|支付|扣.{0,3}(款|钱)|钱.{0,3}扣|买|下单|交易|交话费|充值|充话费|话费|充不|没充/,
    status: FAILED,
    about: (t) => t.status === 'failed' && (t.type === 'payment' || t.type === 'order'),
    missing: '没有找到与您说的相符的失败付款。请告诉我付款的金额或订单号,我再帮您查一次。',
    which: '您近期有几笔付款没有成功,请问是哪一笔?',
  },
  {
    id: 'repaymentDue',
    title: titleOf('repaymentDue'),
    topic: /还款|还钱|要还|该还|待还|应还|还多少|还的钱|欠的|欠款|欠了|这期|本期|花呗|借呗|信用卡|(哪天|几号|哪一天|什么时候)要?还(?![没不在是有能可])/,
    namedTopic: /到期|还款日|截止|最后一天|最后期限|最晚.{0,2}(哪天|几号)/,
    // 本期多少: what is owed this period (花呗额度是多少 is no repayment).
    alsoStatus: /(这|本|上|下)期.{0,3}多少|多少.{0,2}(要|得|该)还/,
    about: (t) => t.type === 'repayment',
    likely: (t) => t.status === 'pending',
    missing: '没有找到与您说的相符的待还款。请告诉我是哪个产品(花呗、借呗或信用卡)的还款,我再帮您查一次。',
    which: '您有几笔待还款,请问是哪一笔?',
  },
  {
    id: 'orderStatus',
    title: titleOf('orderStatus'),
    topic: /订单|单号|单子|快递|快件|(那|这|哪)个件|我的件|包裹|物流|发货|签收|收货|到货|送到|送货|配送|派送|揽收|买的|买了|网购|下的单|的货/,
    about: (t) => t.type === 'order',
    likely: (t) => t.orderStage !== 'delivered',
    hints: [
      [/没发货|不发货|还没发|什么时候发货/, (t) => t.orderStage === 'unshipped'],
      [/签收/, (t) => t.orderStage === 'delivered'],
    ],
    missing: '没有找到与您说的相符的订单。请告诉我订单号,我再帮您查一次。',
    which: '您近期有几个订单,请问是哪一个?',
  },
  {
    id: 'billPeriod',
    title: titleOf('billPeriod'),
    topic: /账单|花了|花的钱|花钱|花费|消费|支出|花销|开销|流水|一共花|总共花/,
    // A period or an amount asked for, or the bill to be shown: 账单怎么删除 is no bill to show.
    status: /多少|一共|总共|合计|算算|看一下|看下|看看|查一下|查下|查查|上个?月|这个?月|本月|今年|去年|上个?(周|星期|礼拜)|这个?(周|星期|礼拜)|本周|最近|近(一|两|三|半|几|\d+)?个?(月|年|周|星期|礼拜|天)|\d+月|[一二三四五六七八九十]+月/,
    missing: '请告诉我想查哪段时间的账单,比如"上个月"或"11月"。',
    which: '',
  },
];

/**
 * The flows a message may ask for, most specific first: a topic and a status question, and not a
 * how-to. A message that names an amount, a time or an order number of the topic (家居店退我的350)
 * points at the user's own transaction: a status question unless it asks for something to be done.
 * A how-to or a general question beside a status question (逾期了会怎么样 after 这期要还多少) leaves the status asked.
 */
export function flowsAskedFor(text: string, clues?: FlowClues): FlowDefinition[] {
  let words = flowText(text).replace(APP_NAME, '');
  // 花呗这期要还多少 逾期了会怎么样, 快递到哪了 能改地址吗: a status question beside a how-to or a
  // general one is still asked; the card's next steps (or the FAQ, asked again) answer the rest.
  // Only the other clauses are read then.
  if (HOW_TO.test(words)) words = otherClauses(words, HOW_TO);
  const pointed = clues !== undefined && (clues.amount !== undefined || clues.orderNo !== undefined || clues.time !== undefined);
  if (GENERAL.test(words) && !pointed && !/我的|我那|我这|那笔|这笔/.test(words)) words = otherClauses(words, GENERAL);
  if (!words) return [];
  const named = pointed && !ACTION.test(words);
  return flowCatalog.filter((f) => !f.notTopic?.test(words) && (f.topic.test(words) || (clues?.amount !== undefined && f.namedTopic?.test(words) === true)) && ((f.status ?? STATUS_WORDS).test(words) || f.alsoStatus?.test(words) === true || (named && f.status === undefined)));
}

export const flowById = new Map(flowCatalog.map((f) => [f.id, f]));
