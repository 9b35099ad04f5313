import { KefuError } from '../../shared/errors';
import { mask } from '../../shared/nlp';
import { compareFingerprints, flagTransactions, riskReasonText } from '../../shared/risk';
import { type RouteGroup, service } from '../_http/createFunctionApp';
import { authenticate } from '../_http/authenticate';

/** Staff allowed to see a customer's personal data (profile, transactions, devices, logins). */
export const customerDataRoles = ['agent', 'supervisor', 'admin'] as const;
const DAY_MS = 86_400_000;

/**
 * `GET /v1/agent/customers/:userId`: what the workbench's customer panel and account-security view
 * show: the profile (contact masked), 30 days of transactions with the risk rules' flags and
 * reasons, devices with the current one's fingerprint beside the trusted ones, and logins by
 * province. Every view writes an audit record (who, whom, when, what). When the merchant's systems
 * do not answer, the panel says 暂无数据 instead of failing.
 */
export const customerRoutes: RouteGroup = (app, deps) => {
  app.get('/v1/agent/customers/:userId', service('agent'), async (c) => {
    const staff = await authenticate(c, deps, customerDataRoles);
    if (!(await deps.accounts.mayViewCustomerData(staff))) throw new KefuError('CUSTOMER_DATA_FORBIDDEN');
    const userId = c.req.param('userId');
    if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(userId)) throw new KefuError('VALIDATION_FAILED', 'userId 不合法');
    const now = new Date();
    await deps.audit.record(staff.tenant, { who: staff.id, role: staff.role, whom: userId, what: 'customerRecord', at: now });
    let record;
    try {
      record = await deps.customers.record(staff.tenant, userId, new Date(now.getTime() - 30 * DAY_MS));
    } catch (err) {
      deps.logger.warn({ err, function: 'agent' }, 'customer data unavailable');
      return c.json({ available: false });
    }
    const flags = flagTransactions(record.transactions, record.devices);
    const lastLogin = record.logins[record.logins.length - 1];
    const current = record.devices.find((d) => d.id === lastLogin?.deviceId);
    const byProvince: Record<string, number> = {};
    for (const l of record.logins) byProvince[l.province] = (byProvince[l.province] ?? 0) + 1;
    const p = record.profile;
    const past = await deps.conversations.queries.pastConversations(staff, userId, 10);
    return c.json({
      available: true,
      profile: p ? { userId: p.userId, name: p.name, vipTier: p.vipTier, phone: mask(p.phone), city: p.city, registeredAt: p.registeredAt } : undefined,
      transactions: record.transactions.map((t) => ({ ...t, flags: (flags.get(t.id) ?? []).map((reason) => ({ reason, text: riskReasonText[reason] })) })),
      devices: record.devices.map((d) => ({ ...d, current: d.id === current?.id })),
      fingerprint: current ? { currentDeviceId: current.id, rows: compareFingerprints(current, record.devices) } : undefined,
      loginsByProvince: byProvince,
      pastConversations: past.map((x) => ({ id: x.id, status: x.status, createdAt: x.createdAt, category: x.ticket?.category?.value, preview: x.lastMessagePreview ?? '', rating: x.rating?.stars })),
      logins: record.logins,
    });
  });
};
