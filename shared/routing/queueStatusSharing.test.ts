import { createMemoryStore } from '../store/drivers';
import { createInProcessNotifier } from '../realtime';
import { SessionTokens, type Principal } from '../auth';
import { AccountService } from '../accounts';
import { wireConversations } from '../app';
import { defaultRoutingSettings } from './RoutingService';

const T = 'shop';
const WAITING = 30;

describe('queue places under many waiting users (issue 17 item 6)', () => {
  it('reads the queue once for everyone woken when the first user leaves it, and moves each up one place', async () => {
    const store = createMemoryStore();
    const accounts = new AccountService(store, new SessionTokens('x'.repeat(32), 3600));
    const conversations = wireConversations({ store, notifier: createInProcessNotifier(), accounts, recheckMs: 60_000 });
    const { routing } = conversations;
    // Nobody online: every hand-off waits in the one group's queue.
    await accounts.putStaff(T, { username: 'a1', displayName: 'a1', role: 'agent', password: 'Secret@2026', maxConcurrent: 3 });
    await routing.putGroup(T, 'payment', { name: '支付', members: ['a1'] });
    await routing.putSettings(T, { ...defaultRoutingSettings, categoryGroups: {}, defaultGroup: 'payment', expertGroup: 'payment' });
    const users: { user: Principal; id: string }[] = [];
    for (let i = 0; i < WAITING; i++) {
      const user: Principal = { tenant: T, id: `u${i}`, role: 'user' };
      const c = await conversations.users.create(user);
      await conversations.users.sendText(user, c.id, 'm1', '转人工', 'human');
      users.push({ user, id: c.id });
    }
    // Arrivals in the same millisecond sort by conversation id: the places are 1..30 in some order.
    const placed = await Promise.all(users.map(async (u) => ({ ...u, place: (await conversations.timers.queueStatus(u.user, u.id)).position! })));
    expect(placed.map((p) => p.place).sort((a, b) => a - b)).toEqual(users.map((_, i) => i + 1));
    const [first, ...behind] = placed.sort((a, b) => a.place - b.place);

    const reads = jest.spyOn(routing, 'queueSnapshot');
    const polls = behind.map((u) => conversations.timers.queueStatus(u.user, u.id, { known: u.place, timeoutMs: 5000 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = reads.mock.calls.length;
    // An agent takes the first in the queue: everyone behind moves up one.
    await conversations.assignment.claim({ tenant: T, id: 'a1', role: 'agent' }, first!.id);
    const moved = await Promise.all(polls);
    expect(moved.map((p) => p.position)).toEqual(behind.map((u) => u.place - 1));
    // One read of the queue for the 29 woken polls (two when a poll read mid-change), not 29.
    expect(reads.mock.calls.length - before).toBeLessThanOrEqual(2);
  });
});
