import type { FlowId } from '../schemas';

/**
 * The self-service flows by id with their default card titles, in the order the bot tries them:
 * what the console's settings list, without the matching patterns of flowCatalog.
 */
export const flowTitles: readonly { readonly id: FlowId; readonly title: string }[] = [
  { id: 'refundProgress', title: '退款进度' },
  { id: 'transferNotArrived', title: '转账到账查询' },
  { id: 'paymentFailed', title: '支付失败' },
  { id: 'repaymentDue', title: '还款提醒' },
  { id: 'orderStatus', title: '订单状态' },
  { id: 'billPeriod', title: '账单查询' },
];

/**
 * The mini-program pages the flows' cards lead to, with their buttons' words: the cards use them
 * (flowAnswers), and the console lists them for their H5 addresses beside the FAQ's pages.
 */
export const flowPages = {
  pay: { label: '重新支付', path: '/pages/order/pay' },
  order: { label: '查看订单', path: '/pages/order/index' },
  bill: { label: '查看账单', path: '/pages/bill/index' },
  transfer: { label: '重新转账', path: '/pages/transfer/index' },
  logistics: { label: '查看物流', path: '/pages/order/logistics' },
  repay: { label: '去还款', path: '/pages/repay/index' },
} as const;
