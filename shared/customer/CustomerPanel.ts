import type { Principal } from '../auth';
import { KefuError } from '../errors';
import { mask } from '../nlp';
import { compareFingerprints, flagTransactions, riskReasonText } from '../risk';
import type { Conversation } from '../schemas';
import type { CustomerData, CustomerDevice, CustomerLogin, CustomerRecord, CustomerTransaction } from './CustomerData';

const DAY_MS = 86_400_000;
/** How far back the panel and the account-security view look. */
const WINDOW_DAYS = 30;
const PAST_CONVERSATIONS = 10;

/**
 * What GET /v1/agent/customers/:userId answers: the profile (contact masked), 30 days of
 * transactions with the risk rules' flags and reasons, devices with the current one's fingerprint
 * beside the trusted ones, logins by province and the user's past conversations. `available: false`
 * when the merchant's systems did not answer.
 */
export type CustomerPanelView =
  | { readonly available: false }
  | {
      readonly available: true;
      readonly profile?: { userId: string; name: string; vipTier: number; phone: string; city: string; registeredAt: string };
      readonly transactions: (CustomerTransaction & { flags: { reason: keyof typeof riskReasonText; text: string }[] })[];
      readonly devices: (CustomerDevice & { current: boolean })[];
      readonly fingerprint?: { currentDeviceId: string; rows: ReturnType<typeof compareFingerprints> };
      readonly loginsByProvince: Record<string, number>;
      readonly pastConversations: { id: string; status: Conversation['status']; createdAt: string; category?: string; preview: string; rating?: number }[];
      readonly logins: readonly CustomerLogin[];
    };

export interface CustomerPanelDeps {
  readonly customers: Pick<CustomerData, 'record'>;
  /** Whether this staff member may see customers' personal data (AccountService.mayViewCustomerData). */
  readonly mayView: (staff: Principal) => Promise<boolean>;
  /** Writes who viewed whose record (AuditLog.record). */
  readonly audit: (tenant: string, entry: { who: string; role: Principal['role']; whom: string; what: 'customerRecord'; at: Date }) => Promise<unknown>;
  /** The user's earlier conversations as this staff member may see them, newest first. */
  readonly pastConversations: (staff: Principal, userId: string, limit: number) => Promise<Conversation[]>;
  /** The merchant's systems did not answer: told to the log, the panel says 暂无数据. */
  readonly onUnavailable: (err: unknown, tenant: string) => void;
  readonly clock?: () => Date;
}

/**
 * The workbench's customer panel and account-security view. Only staff with customer-data
 * permission get it, and every view is audited (who, whom, when, what) before anything is read.
 */
export class CustomerPanel {
  constructor(private readonly d: CustomerPanelDeps) {}

  async view(staff: Principal, userId: string): Promise<CustomerPanelView> {
    if (!(await this.d.mayView(staff))) throw new KefuError('CUSTOMER_DATA_FORBIDDEN');
    const now = (this.d.clock ?? (() => new Date()))();
    await this.d.audit(staff.tenant, { who: staff.id, role: staff.role, whom: userId, what: 'customerRecord', at: now });
    let record: CustomerRecord;
    try {
      record = await this.d.customers.record(staff.tenant, userId, new Date(now.getTime() - WINDOW_DAYS * DAY_MS));
    } catch (err) {
      this.d.onUnavailable(err, staff.tenant);
      return { available: false };
    }
    const past = await this.d.pastConversations(staff, userId, PAST_CONVERSATIONS);
    return { available: true, ...panelOf(record), pastConversations: past.map((x) => ({ id: x.id, status: x.status, createdAt: x.createdAt, ...(x.ticket?.category ? { category: x.ticket.category.value } : {}), preview: x.lastMessagePreview ?? '', ...(x.rating ? { rating: x.rating.stars } : {}) })) };
  }
}

/** The record as the panel shows it: flags beside transactions, the current device against the trusted ones. */
function panelOf(record: CustomerRecord) {
  const flags = flagTransactions(record.transactions, record.devices);
  const lastLogin = record.logins[record.logins.length - 1];
  const current = record.devices.find((d) => d.id === lastLogin?.deviceId);
  const loginsByProvince: Record<string, number> = {};
  for (const l of record.logins) loginsByProvince[l.province] = (loginsByProvince[l.province] ?? 0) + 1;
  const p = record.profile;
  return {
    ...(p ? { profile: { userId: p.userId, name: p.name, vipTier: p.vipTier, phone: mask(p.phone), city: p.city, registeredAt: p.registeredAt } } : {}),
    transactions: record.transactions.map((t) => ({ ...t, flags: (flags.get(t.id) ?? []).map((reason) => ({ reason, text: riskReasonText[reason] })) })),
    devices: record.devices.map((d) => ({ ...d, current: d.id === current?.id })),
    ...(current ? { fingerprint: { currentDeviceId: current.id, rows: compareFingerprints(current, record.devices) } } : {}),
    loginsByProvince,
    logins: record.logins,
  };
}
