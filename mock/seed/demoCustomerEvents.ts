import type { CustomerEvent, CustomerEventSource } from '../../shared/customer';
import { DEMO_TENANT } from './demoTenant';

const minutes = (now: Date, n: number) => new Date(now.getTime() - n * 60_000).toISOString();

/**
 * What the demo merchant's systems know about its users, relative to now so the demo always
 * shows it: u001 just had a payment fail, u002 waits for a refund, u008 sent a transfer that has
 * not arrived, u009 has a 花呗 bill due, u013 saw a login from a new device. The others have none.
 */
export const demoCustomerEvents: CustomerEventSource = (tenant, userId, now) => {
  if (tenant !== DEMO_TENANT) return [];
  const events: Record<string, CustomerEvent[]> = {
    u001: [{ type: 'paymentFailed', at: minutes(now, 12), amountFen: 12_800 }],
    u002: [{ type: 'refundPending', at: minutes(now, 2 * 24 * 60), amountFen: 35_000 }],
    u008: [{ type: 'transferPending', at: minutes(now, 3 * 60), amountFen: 50_000 }],
    u009: [{ type: 'repaymentDue', at: minutes(now, 60) }],
    u013: [
      { type: 'loginAnomaly', at: minutes(now, 30) },
      { type: 'paymentFailed', at: minutes(now, 5 * 60), amountFen: 9_900 },
    ],
  };
  return events[userId] ?? [];
};
