import { createMemoryStore } from '../store/drivers';
import type { Principal } from '../auth';
import type { Conversation } from '../schemas';
import { AgentActions } from './AgentActions';
import { ConversationLog } from './ConversationLog';
import { ConversationQueries } from './ConversationQueries';
import { createInProcessNotifier } from '../realtime';

const T = 'shop';
const at = '2026-12-01T10:00:00.000Z';
const user: Principal = { tenant: T, id: 'u1', role: 'user' };
const a1: Principal = { tenant: T, id: 'a1', role: 'agent' };
const a2: Principal = { tenant: T, id: 'a2', role: 'agent' };
const supervisor: Principal = { tenant: T, id: 's1', role: 'supervisor' };

async function setup(status: Conversation['status'] = 'assigned') {
  const log = new ConversationLog({ store: createMemoryStore(), clock: () => new Date(at) });
  const agents = new AgentActions(log);
  const queries = new ConversationQueries({ log, notifier: createInProcessNotifier() });
  const c: Conversation = { id: 'c1', tenant: T, userId: 'u1', channel: 'miniprogram', status, lastSeq: 0, createdAt: at, updatedAt: at, ...(status === 'assigned' ? { assigneeId: 'a1' } : {}) };
  await log.open(user, c);
  return { log, agents, queries };
}

describe('AgentActions (staff inside a conversation, without HTTP)', () => {
  it('lets only the assignee reply, and nobody while the bot or the queue holds it', async () => {
    const { agents } = await setup();
    expect((await agents.reply(a1, 'c1', 'r1', '您好,我来帮您查')).sender).toMatchObject({ role: 'agent', id: 'a1' });
    await expect(agents.reply(a2, 'c1', 'r2', '我也来')).rejects.toMatchObject({ code: 'NOT_ASSIGNEE' });
    const queued = await setup('queued');
    await expect(queued.agents.reply(a1, 'c1', 'r1', '您好')).rejects.toMatchObject({ code: 'NOT_ASSIGNEE' });
    await expect(agents.reply(user, 'c1', 'r3', '我是用户')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps internal notes from the user', async () => {
    const { agents, queries } = await setup();
    await agents.addNote(a2, 'c1', 'n1', '用户上周也问过');
    const seen = async (p: Principal) => (await queries.events(p, 'c1', 0)).events.flatMap((e) => (e.type === 'message' ? [e.message.body.type] : []));
    expect(await seen(supervisor)).toEqual(['note']);
    expect(await seen(user)).toEqual([]);
  });

  it('corrects a ticket field with who did it, clears it with empty text, and refuses an unknown category', async () => {
    const { agents } = await setup();
    await agents.reply(a1, 'c1', 'r1', '请提供订单号');
    const edited = await agents.editTicket(a1, 'c1', 'orderNo', '2026120122001400000000000001');
    expect(edited.ticket?.orderNo).toMatchObject({ value: '2026120122001400000000000001', editedBy: 'a1', seq: 1 });
    expect((await agents.editTicket(a1, 'c1', 'orderNo', '')).ticket?.orderNo).toBeUndefined();
    await expect(agents.editTicket(a1, 'c1', 'category', 'lottery')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await agents.editTicket(a1, 'c1', 'category', 'refund')).ticket?.category).toMatchObject({ value: 'refund', confidence: 1 });
  });

  it('holds only for the assignee, and holding twice changes nothing', async () => {
    const { agents, log } = await setup();
    await expect(agents.hold(a2, 'c1', true)).rejects.toMatchObject({ code: 'NOT_ASSIGNEE' });
    expect((await agents.hold(a1, 'c1', true)).onHold).toBe(true);
    const seq = (await log.load(a1, 'c1')).conversation.lastSeq;
    await agents.hold(a1, 'c1', true);
    expect((await log.load(a1, 'c1')).conversation.lastSeq).toBe(seq);
    // A supervisor may take it off hold for the agent.
    expect((await agents.hold(supervisor, 'c1', false)).onHold).toBe(false);
  });
});
