import { createMemoryStore } from '../store/drivers';
import { AuditLog } from './AuditLog';
import { auditTables } from './auditTables';

describe('AuditLog', () => {
  it('stores each view as { who, role, whom, what, at } under [at, id], as before', async () => {
    const store = createMemoryStore();
    const audit = new AuditLog(store, () => 'id-1');
    const at = new Date('2026-12-01T10:00:00.000Z');
    const entry = await audit.record('t1', { who: 'laozhang', role: 'agent', whom: 'u013', what: 'customerRecord', at });
    expect(entry).toEqual({ who: 'laozhang', role: 'agent', whom: 'u013', what: 'customerRecord', at: at.toISOString() });
    const row = await store.tenant('t1').get(auditTables.audit, [at.toISOString(), 'id-1']);
    expect(row?.value).toEqual(entry);
  });

  it('lists in time order (newest first when asked), one merchant at a time, paged', async () => {
    const store = createMemoryStore();
    let n = 0;
    const audit = new AuditLog(store, () => `id-${++n}`);
    for (const [i, whom] of ['u1', 'u2', 'u3'].entries()) {
      await audit.record('t1', { who: 'a', role: 'supervisor', whom, what: 'customerRecord', at: new Date(Date.UTC(2026, 11, 1, 10, 0, 3 - i)) });
    }
    await audit.record('t2', { who: 'b', role: 'admin', whom: 'other', what: 'customerRecord', at: new Date() });

    expect((await audit.list('t1')).entries.map((e) => e.whom)).toEqual(['u3', 'u2', 'u1']);
    expect((await audit.list('t1', { direction: 'backward' })).entries.map((e) => e.whom)).toEqual(['u1', 'u2', 'u3']);
    const first = await audit.list('t1', { limit: 2 });
    expect(first.entries).toHaveLength(2);
    expect(first.nextToken).toBeDefined();
    const rest = await audit.list('t1', { limit: 2, token: first.nextToken! });
    expect(rest.entries.map((e) => e.whom)).toEqual(['u1']);
    expect((await audit.list('t2')).entries.map((e) => e.whom)).toEqual(['other']);
  });

  it('keeps two views in the same millisecond apart', async () => {
    const audit = new AuditLog(createMemoryStore());
    const at = new Date('2026-12-01T10:00:00.000Z');
    await audit.record('t1', { who: 'a', role: 'agent', whom: 'u1', what: 'customerRecord', at });
    await audit.record('t1', { who: 'a', role: 'agent', whom: 'u1', what: 'customerRecord', at });
    expect((await audit.list('t1')).entries).toHaveLength(2);
  });
});
