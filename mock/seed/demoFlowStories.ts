import { ago, at } from './chinaTime';
import type { CustomerTransaction } from '../../shared/customer';

/** An Alipay-style 28-digit trade number, the same on every start. */
const tradeNo = (user: number, i: number) => `20261127220030185274${String(user).padStart(4, '0')}${String(i).padStart(4, '0')}`;


const H = 60;
const D = 24 * H;

/**
 * The transactions the self-service flows answer about (issue 22), relative to now so the demo
 * always shows them: every flow has a case, and some users have several so the bot must ask which.
 * - u001: a 128 元 payment failed 12 minutes ago (balance too low), a 9.90 元 top-up failed 3 days
 *   ago (card expired), a 59 元 refund came back last week;
 * - u002: a 350 元 refund on its way, an 89 元 refund back already;
 * - u003: three orders: on the road, delivered, not yet shipped;
 * - u005: a 2,000 元 transfer still pending, a 350 元 transfer that arrived yesterday at 15:10;
 * - u006: a 5,000 元 transfer refused (over the daily limit);
 * - u008: a 500 元 transfer pending for 3 hours;
 * - u009: 花呗 due in 3 days and 借呗 in 12.
 */
export function demoFlowStories(userId: string, now: Date, deviceId: string, city: string): CustomerTransaction[] {
  const n = Number(userId.slice(1));
  const t = (i: number, minutes: number, yuan: number, rest: Omit<CustomerTransaction, 'id' | 'at' | 'amountFen' | 'deviceId' | 'city'>): CustomerTransaction => ({
    id: `${userId}-f${i}`,
    at: ago(now, minutes),
    amountFen: Math.round(yuan * 100),
    deviceId,
    city,
    ...(rest.type === 'transfer' || rest.type === 'repayment' ? {} : { tradeNo: tradeNo(n, i) }),
    ...rest,
  });
  switch (userId) {
    case 'u001':
      return [
        // The 128 元 payment keeps the id it always had: the workbench's tests refer to it.
        { ...t(1, 12, 128, { type: 'payment', counterparty: '旗舰店订单', status: 'failed', failReason: '余额不足' }), id: 'u001-fail' },
        t(2, 3 * D, 9.9, { type: 'payment', counterparty: '话费充值', status: 'failed', failReason: '银行卡已过期' }),
        t(3, 6 * D, 59, { type: 'refund', counterparty: '美团外卖', status: 'success', refundStage: 'refunded' }),
      ];
    case 'u002':
      return [
        t(1, 2 * D, 350, { type: 'refund', counterparty: '优品家居旗舰店', status: 'pending', refundStage: 'processing', expectedBy: ago(now, -D) }),
        t(2, 8 * D, 89, { type: 'refund', counterparty: '美团外卖', status: 'success', refundStage: 'refunded' }),
      ];
    case 'u003':
      return [
        t(1, 2 * D, 299, { type: 'order', counterparty: '运动旗舰店', status: 'success', orderNo: `DD2026${n}0001`, orderStage: 'inTransit', tracking: '快件已到达【杭州转运中心】,正发往【西湖区营业部】' }),
        t(2, 6 * D, 45.8, { type: 'order', counterparty: '超市', status: 'success', orderNo: `DD2026${n}0002`, orderStage: 'delivered', tracking: '已签收,签收人:门卫' }),
        t(3, 3 * H, 1099, { type: 'order', counterparty: '数码专营店', status: 'success', orderNo: `DD2026${n}0003`, orderStage: 'unshipped' }),
      ];
    case 'u005':
      return [
        t(1, H, 2000, { type: 'transfer', counterparty: '李**', status: 'pending', expectedBy: ago(now, -2 * H) }),
        { ...t(2, D, 350, { type: 'transfer', counterparty: '王**', status: 'success' }), at: at(now, 1, 15, 10) },
      ];
    case 'u006':
      return [t(1, 40, 5000, { type: 'transfer', counterparty: '赵**', status: 'failed', failReason: '超出单日转账限额' })];
    case 'u008':
      return [t(1, 3 * H, 500, { type: 'transfer', counterparty: '刘**', status: 'pending', expectedBy: ago(now, -H) })];
    case 'u009':
      return [
        t(1, 2 * D, 1280.5, { type: 'repayment', counterparty: '花呗', status: 'pending', dueAt: ago(now, -3 * D) }),
        t(2, 2 * D, 3150, { type: 'repayment', counterparty: '借呗', status: 'pending', dueAt: ago(now, -12 * D) }),
      ];
    default:
      return [];
  }
}
