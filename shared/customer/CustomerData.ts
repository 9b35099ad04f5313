/**
 * The merchant's customer data, as Kefu reads it (ARCHITECTURE.md: a port to the outside). This
 * issue needs recent events; profile, transactions, devices and logins join with the workbench.
 */

/** Things that recently happened to a user in the merchant's systems. */
export type CustomerEventType = 'paymentFailed' | 'refundPending' | 'transferPending' | 'repaymentDue' | 'loginAnomaly';

export interface CustomerEvent {
  readonly type: CustomerEventType;
  /** When it happened (ISO 8601). */
  readonly at: string;
  /** Amount in fen, when the event concerns money. */
  readonly amountFen?: number;
}

export interface CustomerData {
  /** The user's events since `since`, newest first. An unknown user has none. */
  recentEvents(tenant: string, userId: string, since: Date): Promise<CustomerEvent[]>;
}
