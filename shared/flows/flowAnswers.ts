import type { CustomerTransaction } from '../customer';
import type { FaqAction, FlowId, FlowTransaction, StatusCardBody } from '../schemas';
import { localParts } from '../nlp';
import { flowById } from './flowCatalog';
import { flowPages } from './flowTitles';

/** 12800 -> "128.00 元". */
export const yuan = (fen: number): string => `${(fen / 100).toFixed(2)} 元`;

/** An instant as the user reads it, in China time: "12月1日 14:02". */
export function shortTime(iso: string): string {
  const p = localParts(new Date(Date.parse(iso)));
  return `${p.month}月${p.day}日 ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** A trade or order number as anyone but the merchant's systems sees it: first and last four. */
export function maskRef(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  return ref.length <= 8 ? `${ref.slice(0, 2)}****` : `${ref.slice(0, 4)}****${ref.slice(-4)}`;
}

const statusText: Record<CustomerTransaction['status'], string> = { success: '成功', failed: '失败', pending: '处理中' };
const refundStage = { applied: '等待商家处理', approved: '商家已同意', processing: '退款中', refunded: '已退回' } as const;
const orderStage = { unshipped: '待发货', shipped: '已发货', inTransit: '运输中', delivered: '已签收' } as const;

/** The status in words, the flow's own where it has one (退款中, 运输中). */
function statusOf(t: CustomerTransaction): string {
  if (t.type === 'refund' && t.refundStage) return refundStage[t.refundStage];
  if (t.type === 'order' && t.orderStage) return orderStage[t.orderStage];
  return statusText[t.status];
}

export function flowTransaction(t: CustomerTransaction): FlowTransaction {
  const ref = maskRef(t.tradeNo ?? t.orderNo);
  return { id: t.id, kind: t.type, amountFen: t.amountFen, at: t.at, counterparty: t.counterparty, status: statusOf(t), ...(ref ? { ref } : {}) };
}

/**
 * The `i`th button of "which one": its number first (two failed retries in one minute look alike
 * otherwise), then amount, time and counterparty; cut at 40 characters, never inside one.
 */
export const choiceLabel = (t: CustomerTransaction, i: number): string => [...`${i + 1}. ${yuan(t.amountFen)} · ${shortTime(t.at)} · ${t.counterparty}`].slice(0, 40).join('');

/** What happened and what to do next, by flow and the transaction's state. */
function explain(flow: FlowId, t: CustomerTransaction): { text: string; actions: FaqAction[] } {
  const by = t.expectedBy ? `,预计 ${shortTime(t.expectedBy)} 前到账` : '';
  switch (flow) {
    case 'paymentFailed':
      // A trade Alipay reports as waiting or paid is no failure (a number the user gave, looked up there).
      if (t.status === 'pending') return { text: '这笔交易还在等待付款,尚未完成。如已扣款,请稍后刷新订单查看;超时未支付的交易会自动关闭。', actions: [{ ...flowPages.order }] };
      if (t.status === 'success') return { text: `这笔付款已于 ${shortTime(t.at)} 成功。如订单仍显示未支付,请稍后刷新或转人工核实。`, actions: [{ ...flowPages.order }] };
      return {
        text: `这笔付款没有成功${t.failReason ? `,原因是:${t.failReason}` : ''}。钱没有扣,如已扣款会在 1-3 个工作日内原路退回。您可以更换付款方式后重新支付。`,
        actions: [{ ...flowPages.pay }],
      };
    case 'refundProgress':
      if (t.refundStage === 'refunded' || t.status === 'success') return { text: `这笔退款已退回原付款方式,请在余额或银行卡账单中查看。`, actions: [{ ...flowPages.bill }] };
      if (t.refundStage === 'applied') return { text: `退款申请已提交,正在等待商家处理,商家通常在 48 小时内处理${by}。`, actions: [{ ...flowPages.order }] };
      return { text: `商家已同意退款,款项正在退回原付款方式${by || ',一般 1-3 个工作日到账'}。`, actions: [{ ...flowPages.order }] };
    case 'transferNotArrived':
      if (t.status === 'success') return { text: `这笔转账已于 ${shortTime(t.at)} 成功转入对方账户。请对方在支付宝【我的】-【账单】中查看;如对方仍未查到,可以转人工为您核实。`, actions: [{ ...flowPages.bill }] };
      if (t.status === 'failed') return { text: `这笔转账没有成功${t.failReason ? `,原因是:${t.failReason}` : ''},钱已退回您的账户。`, actions: [{ ...flowPages.transfer }] };
      return { text: `这笔转账正在处理中${by || ',一般 2 小时内到账'},到账后对方会收到通知。`, actions: [{ ...flowPages.bill }] };
    case 'orderStatus':
      if (t.orderStage === 'delivered') return { text: `订单已签收${t.tracking ? `:${t.tracking}` : ''}。如未收到货,请先联系快递或查看代收点。`, actions: [{ ...flowPages.logistics }] };
      if (t.orderStage === 'unshipped' || !t.orderStage) return { text: '商家还没有发货,一般会在付款后 48 小时内发货,发货后您会收到通知。', actions: [{ ...flowPages.order }] };
      return { text: `包裹正在路上${t.tracking ? `:${t.tracking}` : ''}。`, actions: [{ ...flowPages.logistics }] };
    case 'repaymentDue':
      return {
        text: t.dueAt ? `请在 ${shortTime(t.dueAt)} 前还款,逾期会产生罚息并影响信用记录。` : '请按时还款,逾期会产生罚息并影响信用记录。',
        actions: [{ ...flowPages.repay }],
      };
    case 'billPeriod':
      return { text: '', actions: [] };
  }
}

/** The card for one transaction the flow found. */
export function transactionCard(flow: FlowId, t: CustomerTransaction, title = flowById.get(flow)!.title): StatusCardBody {
  const { text, actions } = explain(flow, t);
  const facts = [
    { label: '金额', value: yuan(t.amountFen) },
    { label: '时间', value: shortTime(t.at) },
    { label: t.type === 'transfer' ? '收款方' : '商户', value: t.counterparty },
    { label: '状态', value: statusOf(t) },
    ...(t.failReason && t.status === 'failed' ? [{ label: '原因', value: t.failReason }] : []),
    ...(t.type === 'repayment' && t.dueAt ? [{ label: '到期日', value: shortTime(t.dueAt) }] : []),
    ...(maskRef(t.tradeNo ?? t.orderNo) ? [{ label: '单号', value: maskRef(t.tradeNo ?? t.orderNo)! }] : []),
  ];
  return { type: 'statusCard', flow, title, transaction: flowTransaction(t), facts, explanation: text, actions, handoff: true };
}

/** The bill for a period: what the user paid, how often, and the largest payment. */
export function billCard(period: string, payments: readonly CustomerTransaction[], title = flowById.get('billPeriod')!.title): StatusCardBody {
  const total = payments.reduce((sum, t) => sum + t.amountFen, 0);
  const largest = payments.reduce<CustomerTransaction | undefined>((max, t) => (!max || t.amountFen > max.amountFen ? t : max), undefined);
  return {
    type: 'statusCard',
    flow: 'billPeriod',
    title,
    facts: [
      { label: '期间', value: period },
      { label: '支出合计', value: yuan(total) },
      { label: '笔数', value: `${payments.length} 笔` },
      ...(largest ? [{ label: '最大一笔', value: `${yuan(largest.amountFen)} · ${largest.counterparty}` }] : []),
    ],
    explanation: payments.length ? '以上为成功的付款和转账,不含退款。每笔明细可在账单中查看。' : '这段时间没有成功的付款或转账。',
    actions: [{ ...flowPages.bill }],
    // A user who doubts a figure (这笔不是我付的) asks a human, who sees the period and its count.
    handoff: true,
  };
}
