import type { CustomerData, CustomerEvent, CustomerRecord } from './CustomerData';

/** Events of one user as of `now`; a function so relative times ("12 minutes ago") stay relative. */
export type CustomerEventSource = (tenant: string, userId: string, now: Date) => readonly CustomerEvent[];

/**
 * A customer-data driver over events held in the process: the demo merchant's data locally, and
 * fixtures in tests. The merchant's real systems get their own driver.
 */
/** A user's record as of `now`, likewise. */
export type CustomerRecordSource = (tenant: string, userId: string, now: Date) => CustomerRecord;

const emptyRecord: CustomerRecord = { transactions: [], devices: [], logins: [] };

export function staticCustomerData(source: CustomerEventSource, clock: () => Date = () => new Date(), records: CustomerRecordSource = () => emptyRecord): CustomerData {
  return {
    record(tenant, userId, since) {
      const r = records(tenant, userId, clock());
      const after = (at: string) => Date.parse(at) >= since.getTime();
      return Promise.resolve({ ...r, transactions: r.transactions.filter((t) => after(t.at)), logins: r.logins.filter((l) => after(l.at)) });
    },
    recentEvents(tenant, userId, since) {
      const events = source(tenant, userId, clock())
        .filter((e) => Date.parse(e.at) >= since.getTime())
        .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
      return Promise.resolve(events);
    },
  };
}
