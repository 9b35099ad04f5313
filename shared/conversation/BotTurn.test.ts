import { createMemoryStore } from '../store/drivers';
import type { Principal } from '../auth';
import type { Conversation } from '../schemas';
import { BotTurn } from './BotTurn';
import type { BotReply, ConversationBot } from './ConversationBot';
import { ConversationLog } from './ConversationLog';
import type { HandoffRouter } from './ports';

const T = 'shop';
const user: Principal = { tenant: T, id: 'u1', role: 'user' };
const now = new Date('2026-12-01T10:00:00Z');
const card = { type: 'faqCard' as const, faqId: 'refund-time', question: '退款多久到账', answer: '1-3 个工作日', actions: [], feedback: true };

/** A stub FAQ bot that answers every question with one card and records what it was asked. */
const answered: BotReply = { kind: 'answer', card, candidates: [{ faqId: 'refund-time', question: card.question, score: 0.95 }] };
const invoice = { ...card, faqId: 'invoice', question: '能开发票吗', answer: '可以,在订单页申请' };
const unsure: BotReply = { kind: 'suggest', suggestion: { type: 'faqSuggest', text: '您想问的是不是', items: [] }, candidates: [] };

const withdraw = { ...card, faqId: 'withdraw', question: '提现多久到账', answer: '2 小时内到账' };

/** The stub FAQ: withdrawals, refunds (also a bare 多久到账) and invoices it knows; a bare 那要多久 it is unsure of. */
const phone = { ...card, faqId: 'phone-rebind', question: '手机号换了怎么改绑定', answer: '在设置里改绑' };

function byText(text: string): BotReply {
  // A new question glued to a refund question reads as neither: the stub is unsure of the pair.
  if (text.includes('手机号')) return text.includes('退款') ? unsure : { kind: 'answer', card: phone, candidates: [{ faqId: 'phone-rebind', question: phone.question, score: 0.995 }] };
  if (text.includes('提现')) return { kind: 'answer', card: withdraw, candidates: [{ faqId: 'withdraw', question: withdraw.question, score: 0.98 }] };
  if (text.includes('退款') || text.includes('到账')) return answered;
  if (text.includes('发票')) return { kind: 'answer', card: invoice, candidates: [{ faqId: 'invoice', question: invoice.question, score: 0.97 }] };
  return unsure;
}

function stubBot(reply?: BotReply) {
  const asked: string[] = [];
  const bot: ConversationBot = {
    reply: (_t, text) => (asked.push(text), Promise.resolve(reply ?? byText(text))),
    card: () => Promise.resolve(undefined),
    observe: () => Promise.resolve(),
    greeting: () => Promise.resolve({ type: 'faqSuggest', text: '', items: [{ faqId: 'refund-time', question: card.question }] }),
  };
  return { bot, asked };
}

function setup(reply?: BotReply) {
  const log = new ConversationLog({ store: createMemoryStore(), clock: () => now });
  const { bot, asked } = stubBot(reply);
  const routed: string[][] = [];
  const handoff: HandoffRouter = { plan: (_c, texts) => (routed.push([...texts]), Promise.resolve({ notice: '正在为您转接专家客服' })) };
  const turn = new BotTurn({ log, bot, handoff });
  const c: Conversation = { id: 'c1', tenant: T, userId: 'u1', channel: 'miniprogram', status: 'bot', lastSeq: 0, createdAt: now.toISOString(), updatedAt: now.toISOString() };
  return { log, turn, asked, routed, c };
}

describe('BotTurn (the bot while it holds a conversation, without HTTP)', () => {
  it('greets with the most asked questions and never hands a greeting off', async () => {
    const { turn, asked, c } = setup();
    const f = await turn.plan(T, '你好,在吗')(c, now);
    expect(f?.events[0]).toMatchObject({ type: 'message', message: { body: { type: 'faqSuggest', items: [{ faqId: 'refund-time' }] } } });
    expect(f?.set.status).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('acknowledges a complaint and queues it at once with the reason, the user texts going to routing', async () => {
    const { log, turn, routed, c } = setup();
    await log.open(user, c);
    const f = await turn.plan(T, '我要投诉你们的服务')(c, now);
    expect(f?.events.map((e) => e.type)).toEqual(['message', 'message', 'queued']);
    expect(f?.set).toMatchObject({ status: 'queued', handoff: { reason: 'complaint' } });
    expect(routed).toEqual([['我要投诉你们的服务']]);
  });

  it('answers from the FAQ and remembers the question for a short follow-up', async () => {
    const { turn, asked, c } = setup();
    const f = await turn.plan(T, '退款多久到账')(c, now);
    expect(f?.set).toMatchObject({ botLastAnswer: 'refund-time', botLastQuestion: '退款多久到账' });
    expect(f?.observations).toEqual([{ type: 'opened' }, { type: 'answered', faqId: 'refund-time' }]);
    const later = { ...c, ...f?.set, botUnresolved: 0 } as Conversation;
    await turn.plan(T, '那要多久')(later, now);
    expect(asked).toEqual(['退款多久到账', '那要多久', '退款多久到账 那要多久']);
  });

  it('reads a short question the FAQ answers on its own as its own question, not as a follow-up', async () => {
    const { turn, asked, c } = setup();
    const later = { ...c, botLastQuestion: '退款多久到账', botLastAnswer: 'refund-time', botUnresolved: 0 } as Conversation;
    const f = await turn.plan(T, '能开发票吗')(later, now);
    expect(f?.set).toMatchObject({ botLastAnswer: 'invoice', botLastQuestion: '能开发票吗' });
    expect(asked).toEqual(['能开发票吗', '退款多久到账 能开发票吗']);
  });

  it('answers a short new question alone when the pair with the one before only makes the bot unsure', async () => {
    const { turn, c } = setup();
    // The walk: 咋改绑手机号 after 退款多久到账 got 您想问的是不是 (and a gap of the glued text).
    const later = { ...c, botLastQuestion: '退款多久到账', botLastAnswer: 'refund-time', botUnresolved: 0 } as Conversation;
    const f = await turn.plan(T, '咋改绑手机号')(later, now);
    expect(f?.set).toMatchObject({ botLastAnswer: 'phone-rebind', botLastQuestion: '咋改绑手机号' });
  });

  it('keeps a follow-up with its question when the pair finds a new entry, or the message says too little alone', async () => {
    const { turn, c } = setup();
    // 多久到账 alone is a refund question to the stub; with 提现怎么操作 before it, withdrawals.
    const later = { ...c, botLastQuestion: '提现怎么操作', botLastAnswer: 'withdraw-how', botUnresolved: 0 } as Conversation;
    expect((await turn.plan(T, '多久到账')(later, now))?.set).toMatchObject({ botLastAnswer: 'withdraw', botLastQuestion: '提现怎么操作 多久到账' });
    // 那要多久 after a refund answer: the pair finds the refund entry again, and the message alone names nothing.
    const refund = { ...c, botLastQuestion: '退款多久到账', botLastAnswer: 'refund-time', botUnresolved: 0 } as Conversation;
    expect((await turn.plan(T, '那要多久')(refund, now))?.set).toMatchObject({ botLastAnswer: 'refund-time', botLastQuestion: '退款多久到账 那要多久' });
  });

  it('asks the FAQ once per message, even when a lost race makes the commit decide again', async () => {
    const { turn, asked, c } = setup();
    const planner = turn.plan(T, '退款多久到账');
    await planner(c, now);
    await planner({ ...c, lastSeq: 3 }, now);
    expect(asked).toEqual(['退款多久到账']);
  });

  it('plans the routing of a hand-off once per message, even when a lost race makes the commit decide again', async () => {
    const { log, turn, routed, c } = setup();
    await log.open(user, c);
    const planner = turn.plan(T, '我要投诉你们的服务');
    await planner(c, now);
    await planner({ ...c, lastSeq: 2 }, now);
    expect(routed).toHaveLength(1);
  });

  it('leaves a conversation a human holds alone', async () => {
    const { turn, asked, c } = setup();
    expect(await turn.plan(T, '退款多久到账')({ ...c, status: 'assigned', assigneeId: 'a1' }, now)).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('hands off what the FAQ cannot answer, with its candidates', async () => {
    const { log, turn, c } = setup({ kind: 'handoff', reason: 'lowConfidence', candidates: [{ faqId: 'x', question: 'q', score: 0.2 }] });
    await log.open(user, c);
    const f = await turn.plan(T, '你们支持数字人民币硬钱包吗')(c, now);
    expect(f?.set).toMatchObject({ status: 'queued', handoff: { reason: 'lowConfidence', candidates: [{ faqId: 'x' }] } });
  });
});
