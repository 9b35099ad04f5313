import type { Principal } from '../auth';
import { CustomerPanel, type CustomerPanelDeps } from './CustomerPanel';
import type { CustomerRecord } from './CustomerData';

const agent: Principal = { tenant: 't1', id: 'xiaowang', role: 'agent' };
const at = new Date('2026-12-01T10:00:00Z');
const record: CustomerRecord = {
  profile: { userId: 'u1', name: '张三', vipTier: 2, phone: '13812345678', city: '杭州', registeredAt: '2020-01-01T00:00:00Z' },
  transactions: [{ id: 'tx1', at: '2026-11-30T18:00:00Z', amountFen: 35_000, type: 'transfer', counterparty: '李四', status: 'success', city: '深圳', deviceId: 'd2' }],
  devices: [
    { id: 'd1', model: 'iPhone 15', trusted: true, lastSeenAt: '2026-11-01T00:00:00Z', fingerprint: { os: 'iOS 18' } },
    { id: 'd2', model: 'Redmi 9', trusted: false, lastSeenAt: '2026-11-30T18:00:00Z', fingerprint: { os: 'Android 10' } },
  ],
  logins: [
    { at: '2026-11-01T00:00:00Z', province: '浙江', city: '杭州', deviceId: 'd1' },
    { at: '2026-11-30T17:59:00Z', province: '广东', city: '深圳', deviceId: 'd2' },
  ],
};

function panel(over: Partial<CustomerPanelDeps> = {}) {
  const calls: string[] = [];
  const deps: CustomerPanelDeps = {
    customers: { record: (_t, _u, since) => (calls.push(`record since ${since.toISOString()}`), Promise.resolve(record)) },
    mayView: () => Promise.resolve(true),
    audit: (tenant, e) => Promise.resolve(calls.push(`audit ${tenant} ${e.who} ${e.whom} ${e.what}`)),
    pastConversations: () => Promise.resolve([]),
    onUnavailable: (err) => calls.push(`unavailable ${String(err)}`),
    clock: () => at,
    ...over,
  };
  return { panel: new CustomerPanel(deps), calls };
}

describe('CustomerPanel (the workbench customer view, without HTTP)', () => {
  it('audits the view before it reads 30 days of the record, masks the phone and flags the new device', async () => {
    const { panel: p, calls } = panel();
    const view = await p.view(agent, 'u1');
    expect(calls).toEqual(['audit t1 xiaowang u1 customerRecord', 'record since 2026-11-01T10:00:00.000Z']);
    if (!view.available) throw new Error('expected the record');
    expect(view.profile?.phone).not.toContain('12345678');
    expect(view.transactions[0]!.flags.map((f) => f.reason)).toContain('newDevice');
    expect(view.devices.find((d) => d.current)?.id).toBe('d2');
    expect(view.fingerprint?.currentDeviceId).toBe('d2');
    expect(view.loginsByProvince).toEqual({ 浙江: 1, 广东: 1 });
  });

  it('refuses staff without permission before anything is audited or read', async () => {
    const { panel: p, calls } = panel({ mayView: () => Promise.resolve(false) });
    await expect(p.view(agent, 'u1')).rejects.toMatchObject({ code: 'CUSTOMER_DATA_FORBIDDEN' });
    expect(calls).toEqual([]);
  });

  it('says unavailable when the merchant systems fail, and tells the log', async () => {
    const { panel: p, calls } = panel({ customers: { record: () => Promise.reject(new Error('timeout')) } });
    expect(await p.view(agent, 'u1')).toEqual({ available: false });
    expect(calls).toEqual(['audit t1 xiaowang u1 customerRecord', 'unavailable Error: timeout']);
  });
});
