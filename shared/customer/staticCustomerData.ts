import type { CustomerData, CustomerEvent } from './CustomerData';

/** Events of one user as of `now`; a function so relative times ("12 minutes ago") stay relative. */
export type CustomerEventSource = (tenant: string, userId: string, now: Date) => readonly CustomerEvent[];

/**
 * A customer-data driver over events held in the process: the demo merchant's data locally, and
 * fixtures in tests. The merchant's real systems get their own driver.
 */
export function staticCustomerData(source: CustomerEventSource, clock: () => Date = () => new Date()): CustomerData {
  return {
    recentEvents(tenant, userId, since) {
      const events = source(tenant, userId, clock())
        .filter((e) => Date.parse(e.at) >= since.getTime())
        .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
      return Promise.resolve(events);
    },
  };
}
