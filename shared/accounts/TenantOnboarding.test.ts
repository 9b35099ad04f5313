import { SessionTokens } from '../auth';
import { isKefuError } from '../errors';
import type { Store } from '../store';
import { createMemoryStore } from '../store/drivers';
import { AccountService } from './AccountService';
import { TenantOnboarding } from './TenantOnboarding';

function setup(now = () => new Date('2026-12-01T10:00:00Z')) {
  const store: Store = createMemoryStore();
  const accounts = new AccountService(store, new SessionTokens('s'.repeat(40), 3600), now);
  return { store, accounts, onboarding: new TenantOnboarding(accounts, store, now) };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return isKefuError(err) ? `${err.code}:${typeof err.details?.['field'] === 'string' ? err.details['field'] : ''}` : `other:${String(err)}`;
  }
  return 'resolved';
}

describe('TenantOnboarding', () => {
  it('creates a merchant whose admin logs in with the temporary password shown once', async () => {
    const { accounts, onboarding } = setup();
    const made = await onboarding.create({ id: 'acme', name: ' 艾克米商城 ', admin: 'boss' });
    expect(made.tenant).toEqual({ id: 'acme', name: '艾克米商城', createdAt: '2026-12-01T10:00:00.000Z' });
    expect(made.admin).toEqual({ username: 'boss', displayName: '管理员', role: 'admin' });
    expect(made.temporaryPassword).toMatch(/^[A-HJ-NP-Za-km-z2-9]{12}$/);
    const session = await accounts.staffLogin('acme', 'boss', made.temporaryPassword!);
    expect(session.principal).toMatchObject({ tenant: 'acme', id: 'boss', role: 'admin' });
    // Stored as a hash only.
    expect(JSON.stringify(await accounts.getStaff('acme', 'boss'))).not.toContain(made.temporaryPassword!);
    expect(await accounts.tenantExists('acme')).toBe(true);
  });

  it('refuses an existing id, and leaves the existing admin untouched', async () => {
    const { accounts, onboarding } = setup();
    const first = await onboarding.create({ id: 'acme', name: 'A', admin: 'boss' });
    expect(await codeOf(onboarding.create({ id: 'acme', name: 'B', admin: 'boss' }))).toBe('TENANT_EXISTS:');
    await expect(accounts.staffLogin('acme', 'boss', first.temporaryPassword!)).resolves.toBeDefined();
    expect((await onboarding.list()).map((t) => t.name)).toEqual(['A']);
  });

  it('gives exactly one of two simultaneous creations of the same id', async () => {
    const { onboarding } = setup();
    const results = await Promise.all([1, 2, 3].map(() => codeOf(onboarding.create({ id: 'race', name: 'R', admin: 'boss' }))));
    expect(results.filter((r) => r === 'resolved')).toHaveLength(1);
    expect(results.filter((r) => r === 'TENANT_EXISTS:')).toHaveLength(2);
  });

  it('validates the id, name and admin before writing anything', async () => {
    const { onboarding, store } = setup();
    for (const [input, field] of [
      [{ id: 'A', name: 'x', admin: 'boss' }, 'id'],
      [{ id: 'Acme', name: 'x', admin: 'boss' }, 'id'],
      [{ id: '_system', name: 'x', admin: 'boss' }, 'id'],
      [{ id: 'a'.repeat(33), name: 'x', admin: 'boss' }, 'id'],
      [{ id: 'ac me', name: 'x', admin: 'boss' }, 'id'],
      [{ id: 'acme', name: '   ', admin: 'boss' }, 'name'],
      [{ id: 'acme', name: 'x', admin: 'Boss!' }, 'admin'],
      [{ id: 'acme', name: 'x' }, 'admin'],
    ] as const) {
      expect(await codeOf(onboarding.create(input as never))).toBe(`VALIDATION_FAILED:${field}`);
    }
    expect((await store.tenant('_system').range('tenantClaim', [])).rows).toEqual([]);
    expect(await onboarding.list()).toEqual([]);
  });

  it('an interrupted creation is not a merchant yet; it can be resumed, or retaken once its claim is stale', async () => {
    let now = new Date('2026-12-01T10:00:00Z');
    const { accounts, onboarding } = setup(() => now);
    const prepare = () => Promise.reject(new Error('power cut'));
    await expect(onboarding.create({ id: 'half', name: 'H', admin: 'boss' }, { prepare })).rejects.toThrow('power cut');
    expect(await accounts.tenantExists('half')).toBe(false);
    expect(await codeOf(onboarding.create({ id: 'half', name: 'H', admin: 'boss' }))).toBe('TENANT_EXISTS:');
    const resumed = await onboarding.create({ id: 'half', name: 'H', admin: 'boss' }, { resume: true, adminPassword: 'Known@2026' });
    expect(resumed.temporaryPassword).toBeUndefined();
    await expect(accounts.staffLogin('half', 'boss', 'Known@2026')).resolves.toBeDefined();

    await expect(onboarding.create({ id: 'later', name: 'L', admin: 'boss' }, { prepare })).rejects.toThrow('power cut');
    now = new Date(now.getTime() + 11 * 60_000);
    await expect(onboarding.create({ id: 'later', name: 'L', admin: 'boss' })).resolves.toMatchObject({ tenant: { id: 'later' } });
  });

  it('lists merchants oldest first with their names', async () => {
    let now = new Date('2026-12-01T10:00:00Z');
    const { onboarding } = setup(() => now);
    await onboarding.create({ id: 'zeta', name: '泽塔', admin: 'boss' });
    now = new Date('2026-12-02T10:00:00Z');
    await onboarding.create({ id: 'alpha', name: '阿尔法', admin: 'boss', adminName: '老板' });
    expect(await onboarding.list()).toEqual([
      { id: 'zeta', name: '泽塔', createdAt: '2026-12-01T10:00:00.000Z' },
      { id: 'alpha', name: '阿尔法', createdAt: '2026-12-02T10:00:00.000Z' },
    ]);
  });
});
