import { createMemoryStore } from '../store/drivers';
import type { Principal } from '../auth';
import type { Conversation } from '../schemas';
import { createInProcessNotifier } from '../realtime';
import { ConversationLog } from './ConversationLog';
import { ConversationQueries } from './ConversationQueries';
import { conversationIndexes } from './conversationIndexes';
import { tables } from './conversationTables';
import { realtimeListener } from './realtimeListener';

const T = 'shop';
const user: Principal = { tenant: T, id: 'u1', role: 'user' };
const agent: Principal = { tenant: T, id: 'a1', role: 'agent' };
const at = '2026-12-01T10:00:00.000Z';
const fresh = (id: string): Conversation => ({ id, tenant: T, userId: 'u1', channel: 'miniprogram', status: 'bot', lastSeq: 0, createdAt: at, updatedAt: at });

// Inbox index rows live in other store partitions than their conversations (shared/store/partitions.ts)
// and on Tablestore are written after its commit, or again by recovery: a reader can meet one that a
// later change has made stale.
describe('ConversationQueries inboxes', () => {
  it('shows a conversation only where its state puts it, and deletes an index row that says otherwise', async () => {
    const store = createMemoryStore();
    const log = new ConversationLog({ store, clock: () => new Date(at) });
    log.addProjection(conversationIndexes);
    const queries = new ConversationQueries({ log, notifier: createInProcessNotifier() });
    await log.open(user, fresh('c1'));
    await log.open(user, fresh('c2'));
    await log.commit(agent, 'c1', () => ({ set: { status: 'queued', queuedAt: at } }));
    const db = store.tenant(T);
    // Stale rows: c2 was never queued, and c1 is not assigned to a1.
    await db.put(tables.waiting, [Date.parse(at) - 1000, 'c2'], { conversationId: 'c2' });
    await db.put(tables.assigned, ['a1', 'c1'], { conversationId: 'c1' });
    expect((await queries.inbox(agent, 'waiting')).map((c) => c.id)).toEqual(['c1']);
    expect(await queries.inbox(agent, 'mine')).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await db.range(tables.waiting, [])).rows.map((r) => r.key[1])).toEqual(['c1']);
    expect((await db.range(tables.assigned, [])).rows).toEqual([]);
  });
});

describe('ConversationQueries.conversationsSince (the dashboard)', () => {
  it('reads the conversations opened at or after the time, oldest first, and not the ones before', async () => {
    const store = createMemoryStore();
    const log = new ConversationLog({ store, clock: () => new Date(at) });
    const queries = new ConversationQueries({ log, notifier: createInProcessNotifier() });
    const opened = (id: string, createdAt: string) => log.open(user, { ...fresh(id), createdAt, updatedAt: createdAt });
    await opened('old', '2026-11-20T00:00:00.000Z');
    await opened('edge', '2026-11-24T00:00:00.000Z');
    await opened('new', '2026-11-30T00:00:00.000Z');
    const supervisor: Principal = { tenant: T, id: 's1', role: 'supervisor' };
    expect((await queries.conversationsSince(supervisor, new Date('2026-11-24T00:00:00.000Z'))).map((c) => c.id)).toEqual(['edge', 'new']);
    await expect(queries.conversationsSince(agent, new Date(0))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('ConversationQueries.inboxView long-polls (issue 17 item 6)', () => {
  it('reads the 全部 inbox once for all the consoles a change wakes, and each sees the change', async () => {
    const store = createMemoryStore();
    const notifier = createInProcessNotifier();
    const log = new ConversationLog({ store, clock: () => new Date(at) });
    log.addProjection(conversationIndexes);
    log.addListener(realtimeListener(notifier));
    const queries = new ConversationQueries({ log, notifier, recheckMs: 60_000 });
    const supervisors = Array.from({ length: 20 }, (_, i): Principal => ({ tenant: T, id: `s${i}`, role: 'supervisor' }));
    await log.open(user, fresh('c1'));
    await log.commit(agent, 'c1', () => ({ set: { status: 'queued', queuedAt: at } }));
    const { version } = await queries.inboxView(supervisors[0]!, 'all');
    const rows = jest.spyOn(ConversationQueries.prototype as unknown as { inboxRows: () => Promise<unknown> }, 'inboxRows');
    const polls = supervisors.map((s) => queries.inboxView(s, 'all', { since: version, timeoutMs: 5000 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = rows.mock.calls.length;
    await log.open(user, fresh('c2'));
    await log.commit(agent, 'c2', () => ({ set: { status: 'queued', queuedAt: at } }));
    const seen = await Promise.all(polls);
    expect(seen.map((v) => v.conversations.map((c) => c.id).sort())).toEqual(supervisors.map(() => ['c1', 'c2']));
    expect(rows.mock.calls.length - before).toBeLessThanOrEqual(2);
    rows.mockRestore();
  });
});
