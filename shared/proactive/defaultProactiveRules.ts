import type { ProactiveRule } from '../schemas';

/** What a merchant gets before configuring anything: help right after a failure, a guide after success. */
export const defaultProactiveRules: readonly ProactiveRule[] = [
  {
    id: 'guide-after-transaction',
    eventType: 'transaction.succeeded',
    delayMinutes: 30,
    text: '您的交易已完成。想查看账单、开发票或了解售后,可以直接问我哦。',
    faqIds: ['bill-query', 'other-invoice'],
    dedupeHours: 24,
    enabled: true,
  },
  {
    id: 'help-payment-failed',
    eventType: 'payment.failed',
    delayMinutes: 0,
    text: '看到您刚才的付款没有成功。常见原因是余额不足、银行卡限额或网络波动,需要帮助可以直接回复我。',
    faqIds: ['payment-failed'],
    dedupeHours: 1,
    enabled: true,
  },
  {
    id: 'refund-started',
    eventType: 'refund.started',
    delayMinutes: 0,
    text: '您的退款已受理,一般 1-3 个工作日原路退回,可以随时问我退款进度。',
    faqIds: ['refund-progress'],
    dedupeHours: 24,
    enabled: true,
  },
];
