import type { RiskDevice, RiskTransaction } from '../risk';

/**
 * The merchant's customer data, as Kefu reads it (docs/architecture.md: a port to the outside): recent
 * events (for 猜你想问) and, for the workbench, the profile, transactions, devices and logins.
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

export interface CustomerProfile {
  readonly userId: string;
  readonly name: string;
  readonly vipTier: number;
  /** Full number; masked before it reaches anyone. */
  readonly phone: string;
  readonly city: string;
  readonly registeredAt: string;
}

export interface CustomerTransaction extends RiskTransaction {
  readonly type: 'payment' | 'transfer' | 'refund' | 'repayment' | 'order';
  readonly counterparty: string;
  readonly status: 'success' | 'failed' | 'pending';
  /** Alipay's 28-digit trade number, when the transaction went through Alipay. */
  readonly tradeNo?: string;
  /** The merchant's own order number. */
  readonly orderNo?: string;
  /** Why a failed payment or transfer failed, in the user's words (余额不足, 超出单日限额). */
  readonly failReason?: string;
  /** Of a refund: where it is (申请 -> 商家同意 -> 退款中 -> 已到账) and by when it should arrive. */
  readonly refundStage?: 'applied' | 'approved' | 'processing' | 'refunded';
  /** Of a pending transfer or refund: when it should arrive at the latest (ISO 8601). */
  readonly expectedBy?: string;
  /** Of a repayment: when it is due (ISO 8601). */
  readonly dueAt?: string;
  /** Of an order: where the parcel is (待发货, 已发货, 运输中, 已签收) and its latest tracking line. */
  readonly orderStage?: 'unshipped' | 'shipped' | 'inTransit' | 'delivered';
  readonly tracking?: string;
}

export interface CustomerDevice extends RiskDevice {
  readonly model: string;
  readonly lastSeenAt: string;
}

export interface CustomerLogin {
  readonly at: string;
  readonly province: string;
  readonly city: string;
  readonly deviceId: string;
}

/** What the merchant's systems know of one user; empty lists (and no profile) when nothing. */
export interface CustomerRecord {
  readonly profile?: CustomerProfile;
  readonly transactions: readonly CustomerTransaction[];
  readonly devices: readonly CustomerDevice[];
  readonly logins: readonly CustomerLogin[];
}

export interface CustomerData {
  /** The user's events since `since`, newest first. An unknown user has none. */
  recentEvents(tenant: string, userId: string, since: Date): Promise<CustomerEvent[]>;
  /** Profile, transactions, devices and logins since `since` (the security view asks for 30 days). */
  record(tenant: string, userId: string, since: Date): Promise<CustomerRecord>;
}
