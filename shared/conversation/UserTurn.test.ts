import { createMemoryStore } from '../store/drivers';
import type { Principal } from '../auth';
import type { ConversationEvent } from '../schemas';
import { BotTurn } from './BotTurn';
import type { ConversationBot } from './ConversationBot';
import { ConversationLog } from './ConversationLog';
import { tables } from './conversationTables';
import { UserTurn } from './UserTurn';

const T = 'shop';
const user: Principal = { tenant: T, id: 'u1', role: 'user' };
const other: Principal = { tenant: T, id: 'u2', role: 'user' };
const card = { type: 'faqCard' as const, faqId: 'refund-time', question: '退款多久到账', answer: '1-3 个工作日', actions: [], feedback: true };
const candidates = [
  { faqId: 'refund-time', question: card.question, score: 0.9 },
  { faqId: 'refund-where', question: '退款退到哪里', score: 0.6 },
];

function setup() {
  const store = createMemoryStore();
  const log = new ConversationLog({ store, clock: () => new Date('2026-12-01T10:00:00Z') });
  const bot: ConversationBot = {
    reply: () => Promise.resolve({ kind: 'answer', card, candidates }),
    card: (_t, id) => Promise.resolve(id === card.faqId ? card : undefined),
    observe: () => Promise.resolve(),
  };
  const users = new UserTurn({ log, bot: new BotTurn({ log, bot }) });
  const events = async (id: string) => (await store.tenant(T).range<ConversationEvent>(tables.event, [id], { limit: 100 })).rows.map((r) => r.value);
  return { log, users, events };
}

describe('UserTurn (the user side of a conversation, without HTTP)', () => {
  it('stores a retried message once and answers it once', async () => {
    const { users, events } = setup();
    const c = await users.create(user);
    const first = await users.sendText(user, c.id, 'm1', '退款多久到账');
    const again = await users.sendText(user, c.id, 'm1', '退款多久到账');
    expect(again).toMatchObject({ replayed: true, message: { id: first.message.id } });
    expect((await events(c.id)).filter((e) => e.type === 'message').map((e) => (e.type === 'message' ? e.message.body.type : ''))).toEqual(['text', 'faqCard']);
  });

  it('sends the 转人工 button to the queue whatever the text says', async () => {
    const { users, log } = setup();
    const c = await users.create(user);
    await users.sendText(user, c.id, 'm1', 'Bitte einen Menschen', 'human');
    expect((await log.load(user, c.id)).conversation).toMatchObject({ status: 'queued', handoff: { reason: 'explicitRequest' } });
  });

  it('没解决 twice hands off with the candidates; 解决了 on an answer not offered is refused', async () => {
    const { users, log } = setup();
    const c = await users.create(user);
    await users.sendText(user, c.id, 'm1', '退款多久到账');
    await expect(users.faqFeedback(user, c.id, 'f0', 'refund-where', true)).rejects.toMatchObject({ code: 'FAQ_NOT_OFFERED' });
    await users.faqFeedback(user, c.id, 'f1', 'refund-time', false);
    expect((await log.load(user, c.id)).conversation).toMatchObject({ status: 'bot', botUnresolved: 1, botCandidates: [{ faqId: 'refund-where' }] });
    await users.selectFaq(user, c.id, 's1', 'refund-time', 'suggest');
    await users.faqFeedback(user, c.id, 'f2', 'refund-time', false);
    expect((await log.load(user, c.id)).conversation).toMatchObject({ status: 'queued', handoff: { reason: 'unresolvedTwice' } });
  });

  it('解决了 ends the conversation as self-service; it is rated once, and only by its user', async () => {
    const { users } = setup();
    const c = await users.create(user);
    await expect(users.rate(user, c.id, { stars: 5 })).rejects.toMatchObject({ code: 'NOT_RESOLVED' });
    await users.sendText(user, c.id, 'm1', '退款多久到账');
    await users.faqFeedback(user, c.id, 'f1', 'refund-time', true);
    await expect(users.rate(other, c.id, { stars: 1 })).rejects.toMatchObject({ code: 'CONVERSATION_NOT_FOUND' });
    expect(await users.rate(user, c.id, { stars: 4, tags: ['快'] })).toMatchObject({ status: 'rated', resolution: 'selfService', rating: { stars: 4, tags: ['快'], complaint: false } });
    await expect(users.rate(user, c.id, { stars: 5 })).rejects.toMatchObject({ code: 'ALREADY_RATED' });
  });

  it('a 留言 while the bot holds the conversation queues it as a ticket with no automatic replies', async () => {
    const { users, log } = setup();
    const c = await users.create(user);
    const left = await users.leaveMessage(user, c.id, 'l1', '明天再联系我');
    expect(left.replayed).toBe(false);
    expect((await users.leaveMessage(user, c.id, 'l1', '明天再联系我')).replayed).toBe(true);
    expect((await log.load(user, c.id)).conversation).toMatchObject({ status: 'queued', leftMessage: true, handoff: { reason: 'leftMessage' } });
  });

  it('tells a user who asked for a call back to expect a call, not a reply in the chat', async () => {
    const { users, events } = setup();
    const notices = async (id: string) => (await events(id)).flatMap((e) => (e.type === 'message' && e.message.body.type === 'system' ? [e.message.body.text] : []));
    const byPhone = await users.create(user);
    await users.leaveMessage(user, byPhone.id, 'l1', '请给我回电话', 'phone');
    expect(await notices(byPhone.id)).toContain('已收到您的留言,客服会尽快拨打您留下的电话');
    const other: Principal = { ...user, id: 'u2' };
    const inChat = await users.create(other);
    await users.leaveMessage(other, inChat.id, 'l1', '明天再联系我');
    expect(await notices(inChat.id)).toContain('已收到您的留言,客服会尽快回复您,回复会显示在这里');
  });
});
