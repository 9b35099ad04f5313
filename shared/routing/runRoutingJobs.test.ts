import { createMemoryStore } from '../store/drivers';
import { createInProcessNotifier } from '../realtime';
import { SessionTokens, type Principal } from '../auth';
import { AccountService } from '../accounts';
import { wireConversations } from '../app';
import type { Conversation, ConversationEvent } from '../schemas';
import { defaultRoutingSettings, type AgentPresence } from './RoutingService';
import { runRoutingJobs } from './runRoutingJobs';
import { chatTexts, placeLine } from '../client';
import { timerHandler } from '../../functions/_runtime/timerHandler';
import type { AppDeps } from '../../functions/_http/AppDeps';

const T = 'shop';

async function setup() {
  let now = Date.parse('2026-11-25T10:00:00+08:00');
  const clock = () => new Date(now);
  const store = createMemoryStore();
  const accounts = new AccountService(store, new SessionTokens('k'.repeat(32), 3600), clock);
  const conversations = wireConversations({ store, notifier: createInProcessNotifier(), accounts, clock });
  const routing = conversations.routing;
  for (const a of ['a1', 'a2']) await accounts.putStaff(T, { username: a, displayName: a, role: 'agent', password: 'Secret@2026', maxConcurrent: 2 });
  await accounts.createTenant(T, '测试商户');
  await routing.putGroup(T, 'payment', { name: '支付', members: ['a1', 'a2'] });
  await routing.putGroup(T, 'expert', { name: '专家', members: ['a2'] });
  await routing.putSettings(T, { ...defaultRoutingSettings, categoryGroups: {}, defaultGroup: 'payment', expertGroup: 'expert' });
  const deps = { store, accounts, routing, conversations, clock };
  const advance = async (seconds: number) => {
    now += seconds * 1000;
    // Agents who are online keep polling.
    for (const a of ['a1', 'a2']) {
      const p = (await store.tenant(T).get<AgentPresence>('presence', [a]))?.value;
      if (p?.status === 'online') await routing.touch(T, a);
    }
  };
  const handoff = async (userId: string) => {
    const user: Principal = { tenant: T, id: userId, role: 'user' };
    const c = await conversations.users.create(user);
    await conversations.users.sendText(user, c.id, 'm1', '转人工');
    return c.id;
  };
  const conv = async (id: string) => (await store.tenant(T).get<Conversation>('conversation', [id]))!.value;
  const texts = async (id: string) =>
    (await store.tenant(T).range<ConversationEvent>('event', [id], { limit: 100 })).rows.flatMap((r) => (r.value.type === 'message' ? [r.value.message.body] : []));
  return { deps, store, routing, conversations, advance, handoff, conv, texts, setNow: (ms: number) => (now = ms) };
}

describe('routing timers (jobs)', () => {
  it('sends one automatic reply with place and estimate after 30 s of waiting, however often it runs', async () => {
    const s = await setup();
    const first = await s.handoff('u1');
    await s.advance(1);
    const second = await s.handoff('u2');
    await s.advance(19);
    expect((await runRoutingJobs(s.deps)).autoReplies).toBe(0);
    await s.advance(11);
    // Two sweeps at once (two instances) and one more later: still one reply per conversation.
    const reports = await Promise.all([runRoutingJobs(s.deps), runRoutingJobs(s.deps)]);
    expect(reports.reduce((n, r) => n + r.autoReplies, 0)).toBe(2);
    await s.advance(30);
    expect((await runRoutingJobs(s.deps)).autoReplies).toBe(0);
    const notices = (await s.texts(second)).filter((b) => b.type === 'system' && b.event === 'notice');
    expect(notices).toHaveLength(1);
    // The words of the client's status line (one text table), then the offer to leave a message.
    expect(notices[0]).toMatchObject({ text: `${placeLine({ position: 2 }, chatTexts())}。您也可以留言,客服上线后会第一时间回复。` });
    expect((await s.texts(first)).filter((b) => b.type === 'system' && b.event === 'notice')[0]).toMatchObject({ text: expect.stringContaining('下一位就是您') as string });
  });

  it('re-offers a conversation whose agent has not replied in 90 s, alerts supervisors, once', async () => {
    const s = await setup();
    await s.routing.setPresence(T, 'a1', 'online');
    const id = await s.handoff('u1');
    expect(await s.conv(id)).toMatchObject({ status: 'assigned', assigneeId: 'a1' });
    await s.routing.setPresence(T, 'a2', 'online');
    await s.advance(60);
    expect((await runRoutingJobs(s.deps)).reoffered).toBe(0);
    await s.advance(31);
    const [r1, r2] = await Promise.all([runRoutingJobs(s.deps), runRoutingJobs(s.deps)]);
    expect(r1.reoffered + r2.reoffered).toBe(1);
    expect(await s.conv(id)).toMatchObject({ status: 'assigned', assigneeId: 'a2' });
    const loads = await Promise.all(['a1', 'a2'].map(async (a) => (await s.routing.presence(T, a)).value.active));
    expect(loads).toEqual([0, 1]);
    const alerts = await s.conversations.timers.alerts({ tenant: T, id: 'boss', role: 'supervisor' });
    expect(alerts).toMatchObject([{ type: 'noReply', conversationId: id, agentId: 'a1', next: 'a2' }]);
    // a2 answers in time: nothing moves any more.
    await s.conversations.agents.reply({ tenant: T, id: 'a2', role: 'agent' }, id, 'r1', '您好');
    await s.advance(200);
    expect((await runRoutingJobs(s.deps)).reoffered).toBe(0);
    expect(await s.conv(id)).toMatchObject({ assigneeId: 'a2' });
  });

  it('leaves an unanswered conversation with its agent when nobody else is free: supervisors told once, no transfer notices to the user', async () => {
    const s = await setup();
    await s.routing.setPresence(T, 'a1', 'online');
    const id = await s.handoff('u1');
    const before = (await s.texts(id)).length;
    // Ten minutes of sweeps every 30 s with a1 the only one online (the walk saw 8 transfer
    // notices and 9 客服已接入 in such ten minutes when it went back to the queue each time).
    for (let i = 0; i < 20; i++) {
      await s.advance(30);
      expect((await runRoutingJobs(s.deps)).reoffered).toBe(0);
    }
    expect(await s.conv(id)).toMatchObject({ status: 'assigned', assigneeId: 'a1' });
    expect((await s.texts(id)).slice(before)).toEqual([]);
    const alerts = await s.conversations.timers.alerts({ tenant: T, id: 'boss', role: 'supervisor' });
    expect(alerts).toMatchObject([{ type: 'noReply', conversationId: id, agentId: 'a1', next: null }]);
    expect((await s.routing.presence(T, 'a1')).value.active).toBe(1);

    // A colleague comes online later and is free: the next sweep gives it to them.
    await s.routing.setPresence(T, 'a2', 'online');
    await s.advance(30);
    expect((await runRoutingJobs(s.deps)).reoffered).toBe(1);
    expect(await s.conv(id)).toMatchObject({ status: 'assigned', assigneeId: 'a2' });
    expect((await s.texts(id)).slice(before).filter((b) => b.type === 'system').map((b) => (b as { text: string }).text)).toEqual([expect.stringContaining('a2') as string]);
  });

  it('hands on the conversations of an agent who is gone (offline and silent), replied to and held alike; back to the queue when nobody is free', async () => {
    const s = await setup();
    await s.routing.setPresence(T, 'a1', 'online');
    const a1: Principal = { tenant: T, id: 'a1', role: 'agent' };
    const replied = await s.handoff('u1');
    const held = await s.handoff('u2');
    expect([await s.conv(replied), await s.conv(held)]).toMatchObject([{ assigneeId: 'a1' }, { assigneeId: 'a1' }]);
    await s.conversations.agents.reply(a1, replied, 'r1', '您好,我来看看');
    await s.conversations.agents.reply(a1, held, 'r1', '我去查一下');
    await s.conversations.agents.hold(a1, held, true);
    // Online, both stay with a1 however long the sweep runs.
    await s.advance(300);
    expect((await runRoutingJobs(s.deps)).reoffered).toBe(0);

    // a1 chooses 离线 but keeps working in the console: offline, not gone; nothing moves.
    await s.routing.setPresence(T, 'a1', 'offline');
    await s.routing.setPresence(T, 'a2', 'online');
    for (let i = 0; i < 6; i++) {
      await s.advance(20);
      await s.routing.touch(T, 'a1');
    }
    expect((await runRoutingJobs(s.deps)).reoffered).toBe(0);
    // Then logs out (the console's last call): silent past the presence timeout, a1 is gone.
    await s.advance(61);
    const [r1, r2] = await Promise.all([runRoutingJobs(s.deps), runRoutingJobs(s.deps)]);
    expect(r1.reoffered + r2.reoffered).toBe(2);
    expect([await s.conv(replied), await s.conv(held)]).toMatchObject([
      { status: 'assigned', assigneeId: 'a2' },
      { status: 'assigned', assigneeId: 'a2', onHold: false },
    ]);
    expect((await Promise.all(['a1', 'a2'].map(async (a) => (await s.routing.presence(T, a)).value.active)))).toEqual([0, 2]);
    const alerts = await s.conversations.timers.alerts({ tenant: T, id: 'boss', role: 'supervisor' });
    expect(alerts.filter((a) => a['type'] === 'agentOffline')).toHaveLength(2);

    // a2 closes the console without logging out: after the presence timeout, back to the queue.
    s.setNow(Date.now() + 10 * 86_400_000);
    const swept = await runRoutingJobs(s.deps);
    expect(swept).toMatchObject({ wentOffline: 1, reoffered: 2 });
    expect([(await s.conv(replied)).status, (await s.conv(held)).status]).toEqual(['queued', 'queued']);
    expect((await s.routing.presence(T, 'a2')).value.active).toBe(0);
  });

  it('drops agents whose session stopped polling to offline', async () => {
    const s = await setup();
    await s.routing.setPresence(T, 'a1', 'online');
    await s.routing.setPresence(T, 'a2', 'online');
    await s.advance(30);
    expect((await runRoutingJobs(s.deps)).wentOffline).toBe(0);
    s.setNow(Date.now() + 10 * 86_400_000);
    expect((await runRoutingJobs(s.deps)).wentOffline).toBe(2);
    expect((await s.routing.presence(T, 'a1')).value.status).toBe('offline');
  });

  it('the timer entry runs the sweeps its payload asks for', async () => {
    const s = await setup();
    const slept: number[] = [];
    const handler = timerHandler((d) => runRoutingJobs(d), () => s.deps as unknown as AppDeps, (ms) => {
      slept.push(ms);
      return Promise.resolve();
    });
    const out = JSON.parse(await handler(Buffer.from(JSON.stringify({ triggerName: 'every-minute', payload: '{"sweeps":3,"intervalMs":10000}' })), {})) as { sweeps: { tenants: number }[] };
    expect(out.sweeps).toHaveLength(3);
    expect(out.sweeps[0]!.tenants).toBe(1);
    expect(slept).toEqual([10000, 10000]);
    // An unreadable event still runs the default sweeps.
    expect((JSON.parse(await handler('not json', {})) as { sweeps: unknown[] }).sweeps).toHaveLength(6);
  });

  it('keeps a returning user for their previous agent for 60 s, then lets the group take them', async () => {
    const s = await setup();
    await s.routing.setPresence(T, 'a1', 'online');
    const user: Principal = { tenant: T, id: 'u1', role: 'user' };
    const before = await s.handoff('u1');
    expect(await s.conv(before)).toMatchObject({ assigneeId: 'a1' });
    await s.conversations.assignment.resolve({ tenant: T, id: 'a1', role: 'agent' }, before);
    await s.routing.setPresence(T, 'a1', 'busy');
    await s.routing.setPresence(T, 'a2', 'online');
    await s.advance(3600);
    const c = await s.conversations.users.create(user);
    await s.conversations.users.sendText(user, c.id, 'm1', '转人工');
    expect(await s.conv(c.id)).toMatchObject({ status: 'queued', routing: { layer: 'history', preferredAgentId: 'a1' } });
    await s.advance(30);
    await runRoutingJobs(s.deps);
    expect((await s.conv(c.id)).status).toBe('queued');
    await s.advance(31);
    expect((await runRoutingJobs(s.deps)).assigned).toBe(1);
    expect(await s.conv(c.id)).toMatchObject({ status: 'assigned', assigneeId: 'a2' });
  });
});
