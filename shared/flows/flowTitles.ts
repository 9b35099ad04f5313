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
