import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Store } from '../store';
import { createSqliteStore } from '../store/drivers';
import { createInProcessNotifier } from '../realtime';
import { SessionTokens, type Principal } from '../auth';
import { AccountService } from '../accounts';
import { wireConversations, type Conversations } from '../app';
import type { Conversation } from '../schemas';
import { defaultRoutingSettings, type AgentPresence, type RoutingService } from './RoutingService';

const T = 'shop';
const AGENTS = ['a1', 'a2', 'a3', 'a4', 'a5'];
const CAPACITY = 3;

describe('assignment under concurrency (sqlite store)', () => {
  let dir: string;
  let store: Store;
  let conversations: Conversations;
  let routing: RoutingService;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-routing-'));
    store = createSqliteStore({ file: path.join(dir, 'kefu.sqlite') });
    const accounts = new AccountService(store, new SessionTokens('x'.repeat(32), 3600));
    conversations = wireConversations({ store, notifier: createInProcessNotifier(), accounts });
    routing = conversations.routing;
    for (const a of AGENTS) await accounts.putStaff(T, { username: a, displayName: a, role: 'agent', password: 'Secret@2026', maxConcurrent: CAPACITY });
    await routing.putGroup(T, 'payment', { name: '支付', members: AGENTS });
    await routing.putGroup(T, 'expert', { name: '专家', members: ['a1'] });
    await routing.putSettings(T, { ...defaultRoutingSettings, categoryGroups: {}, defaultGroup: 'payment', expertGroup: 'expert' });
    for (const a of AGENTS) await routing.setPresence(T, a, 'online');
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function check(): Promise<Conversation[]> {
    const db = store.tenant(T);
    // Every conversation, through the merchant's list (the conversation table is one partition per conversation).
    const opened = (await db.range<{ conversationId: string }>('opened', [], { limit: 1000 })).rows;
    const all = (await Promise.all(opened.map((r) => db.get<Conversation>('conversation', [r.value.conversationId])))).map((r) => r!.value);
    const assigned = all.filter((c) => c.status === 'assigned');
    // No conversation assigned twice: one row on exactly one agent's list per assigned conversation.
    const lists = (await db.range<{ conversationId: string }>('assigned', [], { limit: 1000 })).rows;
    expect(lists.map((r) => r.value.conversationId).sort()).toEqual(assigned.map((c) => c.id).sort());
    for (const a of AGENTS) {
      const mine = assigned.filter((c) => c.assigneeId === a).length;
      const presence = (await db.get<AgentPresence>('presence', [a]))!.value;
      // No agent above capacity, and the recorded load is the real one.
      expect(mine).toBeLessThanOrEqual(CAPACITY);
      expect(presence.active).toBe(mine);
    }
    // Every waiting conversation is in exactly one queue row.
    const queued = all.filter((c) => c.status === 'queued');
    const queue = (await db.range<{ conversationId: string }>('queue', ['payment'], { limit: 1000 })).rows;
    expect(queue.map((r) => r.value.conversationId).sort()).toEqual(queued.map((c) => c.id).sort());
    return all;
  }

  it('200 concurrent handoffs against 5 agents: nothing assigned twice, nobody over capacity, freed seats refilled', async () => {
    const users: Principal[] = Array.from({ length: 200 }, (_, i) => ({ tenant: T, id: `user${i}`, role: 'user' }));
    const opened = await Promise.all(users.map((u) => conversations.users.create(u)));
    await Promise.all(opened.map((c, i) => conversations.users.sendText(users[i]!, c.id, 'm1', '转人工')));
    let all = await check();
    expect(all.filter((c) => c.status === 'assigned')).toHaveLength(AGENTS.length * CAPACITY);
    expect(all.filter((c) => c.status === 'queued')).toHaveLength(200 - AGENTS.length * CAPACITY);

    // Every agent resolves everything at once; each freed seat takes the next waiting conversation.
    const firstWave = all.filter((c) => c.status === 'assigned');
    await Promise.all(firstWave.map((c) => conversations.assignment.resolve({ tenant: T, id: c.assigneeId!, role: 'agent' }, c.id)));
    all = await check();
    expect(all.filter((c) => c.status === 'resolved')).toHaveLength(15);
    expect(all.filter((c) => c.status === 'assigned')).toHaveLength(15);
    // First come, first served: the second wave is the next 15 in queue order.
    const secondWave = all.filter((c) => c.status === 'assigned').map((c) => c.routing!.rank);
    const stillWaiting = all.filter((c) => c.status === 'queued').map((c) => c.routing!.rank);
    expect(Math.max(...secondWave)).toBeLessThanOrEqual(Math.min(...stillWaiting));
  });
});
