import type { WriteOp } from '../store';
import { createMemoryStore } from '../store/drivers';
import type { Principal } from '../auth';
import type { Conversation } from '../schemas';
import { ConversationLog, type Committed } from './ConversationLog';
import { SYSTEM_SENDER } from './senders';
import { tables } from './conversationTables';
import { MAX_CONFLICT_RETRIES } from './retryOnConflict';

const T = 'shop';
const user: Principal = { tenant: T, id: 'u1', role: 'user' };
const system: Principal = { tenant: T, id: 'router', role: 'admin' };
const at = '2026-12-01T10:00:00.000Z';
const fresh = (id: string): Conversation => ({ id, tenant: T, userId: 'u1', channel: 'miniprogram', status: 'bot', lastSeq: 0, createdAt: at, updatedAt: at });
const say = (text: string) => ({ type: 'message' as const, message: { sender: SYSTEM_SENDER, body: { type: 'system' as const, event: 'notice' as const, text } } });

async function setup() {
  const store = createMemoryStore();
  const errors: unknown[] = [];
  const log = new ConversationLog({ store, clock: () => new Date(at), onListenerError: (err) => errors.push(err) });
  const seen: Committed[] = [];
  log.addListener((c) => void seen.push(c));
  await log.open(user, fresh('c1'));
  return { store, log, seen, errors, db: store.tenant(T) };
}

describe('ConversationLog (the conversation kernel, without HTTP)', () => {
  it('commits the row and its events in one batch, numbered from the row, and tells listeners after', async () => {
    const { log, seen, db } = await setup();
    const r = await log.commit(system, 'c1', () => ({ set: { status: 'queued', queuedAt: at }, events: [say('a'), { type: 'queued', status: 'queued', cause: 'handoff' }] }));
    expect(r.events.map((e) => [e.seq, e.type])).toEqual([[1, 'message'], [2, 'queued']]);
    expect(r.conversation).toMatchObject({ status: 'queued', lastSeq: 2 });
    const stored = (await db.range(tables.event, ['c1'], { limit: 10 })).rows.map((row) => row.value);
    expect(stored).toEqual(r.events);
    expect(seen.at(-1)).toMatchObject({ before: { status: 'bot', lastSeq: 0 }, after: { status: 'queued', lastSeq: 2 } });
  });

  it('writes nothing and tells nobody when the decision is to do nothing', async () => {
    const { log, seen, db } = await setup();
    const before = seen.length;
    const r = await log.commit(system, 'c1', () => undefined);
    expect(r.unchanged).toBe(true);
    expect((await db.get<Conversation>(tables.conversation, ['c1']))!.version).toBe(1);
    expect(seen).toHaveLength(before);
  });

  // As many writers as a change may lose races to: the last one still lands.
  it('serialises concurrent changes: every one lands, with seqs 1..n and no gaps', async () => {
    const { log, db } = await setup();
    await Promise.all(Array.from({ length: MAX_CONFLICT_RETRIES }, (_, i) => log.commit(system, 'c1', () => ({ events: [say(`n${i}`)] }))));
    const seqs = (await db.range(tables.event, ['c1'], { limit: 100 })).rows.map((r) => Number(r.key[1]));
    expect(seqs).toEqual(Array.from({ length: MAX_CONFLICT_RETRIES }, (_, i) => i + 1));
    expect((await db.get<Conversation>(tables.conversation, ['c1']))!.value.lastSeq).toBe(MAX_CONFLICT_RETRIES);
  });

  it('is idempotent on the client id: a retry gets the stored message, other content is refused', async () => {
    const { log } = await setup();
    const decide = (text: string) => () => ({ events: [{ type: 'message' as const, message: { sender: { role: 'user' as const, id: 'u1' }, clientMessageId: 'm1', body: { type: 'text' as const, text } } }] });
    const first = await log.commit(user, 'c1', decide('你好'), { idempotency: { authorId: 'u1', clientMessageId: 'm1', content: '你好' } });
    const again = await log.commit(user, 'c1', decide('你好'), { idempotency: { authorId: 'u1', clientMessageId: 'm1', content: '你好' } });
    expect(again.replayed).toEqual(first.events[0]!.type === 'message' ? first.events[0]!.message : undefined);
    expect(again.conversation.lastSeq).toBe(1);
    await expect(log.commit(user, 'c1', decide('别的'), { idempotency: { authorId: 'u1', clientMessageId: 'm1', content: '别的' } })).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
  });

  it('reads the client-id row only for a retry, and answers a retry the conversation no longer allows with the stored message', async () => {
    const { store, log } = await setup();
    const reads: string[] = [];
    const db = store.tenant(T);
    const get = db.get.bind(db);
    // Count the kernel's reads by table (the store is shared, so the log sees the spy).
    (store as { tenant: (t: string) => typeof db }).tenant = () => ({ ...db, get: (table, key) => (reads.push(table), get(table, key)) });
    const decide = (c: Conversation) => {
      if (c.status === 'resolved') throw new Error('closed');
      return { events: [{ type: 'message' as const, message: { sender: { role: 'user' as const, id: 'u1' }, clientMessageId: 'm2', body: { type: 'text' as const, text: '在吗' } } }] };
    };
    const idempotency = { authorId: 'u1', clientMessageId: 'm2', content: '在吗' };
    const first = await log.commit(user, 'c1', decide, { idempotency });
    expect(reads).toEqual([tables.conversation]);
    await log.commit(system, 'c1', () => ({ set: { status: 'resolved' } }));
    reads.length = 0;
    const again = await log.commit(user, 'c1', decide, { idempotency });
    expect(again.replayed?.id).toBe(first.events[0]!.type === 'message' ? first.events[0]!.message.id : '');
    expect(reads).toEqual([tables.conversation, tables.clientMessage, tables.event]);
  });

  it('writes projections in the same batch: a failing batch leaves neither the row nor the index', async () => {
    const { log, db } = await setup();
    log.addProjection((before, after): WriteOp[] => (before?.status !== after.status ? [{ op: 'put', table: 'probeIndex', key: [after.id], value: { status: after.status }, condition: 'notExists' }] : []));
    await log.commit(system, 'c1', () => ({ set: { status: 'queued' } }));
    expect((await db.get(tables.conversation, ['c1']))?.value).toMatchObject({ status: 'queued' });
    expect((await db.get('probeIndex', ['c1']))?.value).toEqual({ status: 'queued' });
    // The index row exists, so the next status change's batch fails as a whole (and is not retried forever).
    await expect(log.commit(system, 'c1', () => ({ set: { status: 'assigned' } }))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await db.get<Conversation>(tables.conversation, ['c1']))!.value.status).toBe('queued');
  });

  it('removes fields set to null, hides other users’ conversations, and survives a failing listener', async () => {
    const { log, errors } = await setup();
    await log.commit(system, 'c1', () => ({ set: { assigneeId: 'a1', assigneeName: '小王' } }));
    log.addListener(() => {
      throw new Error('listener down');
    });
    const r = await log.commit(system, 'c1', () => ({ set: { assigneeId: null, assigneeName: null } }));
    expect(r.conversation.assigneeId).toBeUndefined();
    expect('assigneeName' in r.conversation).toBe(false);
    expect(errors).toHaveLength(1);
    await expect(log.load({ tenant: T, id: 'u2', role: 'user' }, 'c1')).rejects.toMatchObject({ code: 'CONVERSATION_NOT_FOUND' });
  });
});
