import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

interface Body {
  type: string;
  text?: string;
  faqId?: string;
  question?: string;
  answer?: string;
  items?: { faqId: string; question: string }[];
}
interface Event {
  seq: number;
  type: string;
  message: { sender: { role: string }; body: Body };
}

describe('FAQ bot in the conversation (dev server, demo knowledge base)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  async function open(userId: string): Promise<{ token: string; id: string; say: (text: string, cmid: string) => Promise<Event[]>; since: () => Promise<Event[]>; states: () => string[] }> {
    const token = await userLogin(server, userId);
    const id = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
    let cursor = 0;
    // The typed state events seen so far (queued, resolved ...), beside the transcript's messages.
    const typed: string[] = [];
    const since = async () => {
      const page = await server.call('GET', `/v1/conversations/${id}/events?after=${cursor}&timeout=0`, { token });
      cursor = page.json['cursor'] as number;
      const events = page.json['events'] as (Event | { type: string; status?: string })[];
      for (const e of events) if (e.type !== 'message') typed.push('status' in e && e.status ? `${e.type}:${e.status}` : e.type);
      return events.filter((e): e is Event => e.type === 'message');
    };
    const say = async (text: string, cmid: string) => {
      const sent = await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: cmid, text } });
      expect(sent.status).toBe(201);
      return since();
    };
    return { token, id, say, since, states: () => [...typed] };
  }

  const bodies = (events: Event[]) => events.map((e) => `${e.message.sender.role}:${e.message.body.type}`);

  // Intents before the FAQ (issue 21 item 3): tried as users typed them.
  it('answers a greeting with 猜你想问 and keeps the conversation with the bot; thanks and abuse get a reply, not a human', async () => {
    const c = await open('u021');
    const greeted = await c.say('你好,在吗', 'g1');
    expect(bodies(greeted)).toEqual(['user:text', 'bot:faqSuggest']);
    expect(greeted[1]!.message.body.items!.length).toBeGreaterThan(0);
    expect(bodies(await c.say('好的谢谢', 'g2'))).toEqual(['user:text', 'bot:text']);
    expect(bodies(await c.say('你们这垃圾客服', 'g3'))).toEqual(['user:text', 'bot:text']);
    expect((await server.call('GET', `/v1/conversations/${c.id}`, { token: c.token })).json['status']).toBe('bot');
    expect(c.states()).not.toContain('queued:queued');
  });

  it('reads a short follow-up with the question before it (issue 21 item 4)', async () => {
    const c = await open('u024');
    expect((await c.say('余额宝怎么转出', 'q1'))[1]!.message.body.faqId).toBe('yuebao-transfer-out');
    // Answered, or suggested when the two together are not sure enough; either way about 余额宝.
    const followed = (await c.say('那要多久', 'q2'))[1]!.message.body;
    expect(followed.type === 'faqCard' ? followed.faqId : followed.items?.[0]?.faqId).toBe('yuebao-transfer-out');
    // Alone, the same words are no question about 余额宝.
    const alone = await open('u025');
    expect((await alone.say('那要多久', 'q1')).map((e) => e.message.body.faqId)).not.toContain('yuebao-transfer-out');
  });

  it('acknowledges a complaint and hands it to a human at once instead of showing a card', async () => {
    const c = await open('u022');
    const events = await c.say('我要投诉你们', 'p1');
    expect(bodies(events)).toEqual(['user:text', 'bot:text', 'system:system']);
    expect(events[1]!.message.body.text).toContain('投诉已记录');
    expect(c.states()).toContain('queued:queued');
    const admin = await staffLogin(server, 'admin');
    expect((await server.call('GET', `/v1/conversations/${c.id}`, { token: admin })).json['handoff']).toMatchObject({ reason: 'complaint' });
  });

  it('hands small talk off as a question the knowledge base does not answer, without a card', async () => {
    const c = await open('u026');
    const events = await c.say('给我讲个笑话吧', 't1');
    expect(bodies(events)).toEqual(['user:text', 'system:system']);
    expect(c.states()).toContain('queued:queued');
  });

  it('tells a user whose account was stolen what to do now, and hands over to a human', async () => {
    const c = await open('u023');
    const events = await c.say('我的账号被盗了', 's1');
    expect(bodies(events)).toEqual(['user:text', 'bot:text', 'system:system']);
    expect(events[1]!.message.body.text).toContain('冻结');
    expect(c.states()).toContain('queued:queued');
    const admin = await staffLogin(server, 'admin');
    expect((await server.call('GET', `/v1/conversations/${c.id}`, { token: admin })).json['handoff']).toMatchObject({ reason: 'accountTheft' });
  });

  it('answers a known question with a card; 解决了 resolves the conversation as self-service', async () => {
    const c = await open('u003');
    const events = await c.say('花呗怎么还款啊', 'm1');
    expect(bodies(events)).toEqual(['user:text', 'bot:faqCard']);
    const card = events[1]!.message.body;
    expect(card).toMatchObject({ faqId: 'huabei-repay', question: '花呗怎么还款' });
    expect(card.answer).toContain('还款');

    const fb = await server.call('POST', `/v1/conversations/${c.id}/faq-feedback`, { token: c.token, body: { clientMessageId: 'f1', faqId: 'huabei-repay', resolved: true } });
    expect(fb.status).toBe(201);
    expect(bodies(await c.since())).toEqual(['user:text', 'system:system']);
    // The state change travels as a typed event, not only as the notice's words.
    expect(c.states()).toContain('resolved:resolved');
    const conv = await server.call('GET', `/v1/conversations/${c.id}`, { token: c.token });
    expect(conv.json).toMatchObject({ status: 'resolved', resolution: 'selfService' });
    // Nobody human was bothered: the conversation never entered the queue.
    const agent = await staffLogin(server, 'xiaowang');
    const inbox = await server.call('GET', '/v1/agent/inbox?box=waiting', { token: agent });
    expect((inbox.json['conversations'] as { id: string }[]).map((x) => x.id)).not.toContain(c.id);
  });

  it('没解决 offers the other candidates, the second 没解决 hands off with the ticket and the candidates', async () => {
    const c = await open('u004');
    const first = await c.say('花呗怎么还款', 'm1');
    expect(first[1]!.message.body.faqId).toBe('huabei-repay');
    await server.call('POST', `/v1/conversations/${c.id}/faq-feedback`, { token: c.token, body: { clientMessageId: 'f1', faqId: 'huabei-repay', resolved: false } });
    const offered = await c.since();
    expect(bodies(offered)).toEqual(['user:text', 'bot:faqSuggest']);
    const items = offered[1]!.message.body.items!;
    expect(items.map((i) => i.faqId)).not.toContain('huabei-repay');

    // The user taps one of the suggestions, and it still is not what they needed.
    const pick = items[0]!;
    const tapped = await server.call('POST', `/v1/conversations/${c.id}/faq-select`, { token: c.token, body: { clientMessageId: 's1', faqId: pick.faqId } });
    expect(tapped.status).toBe(201);
    const answered = await c.since();
    expect(answered.map((e) => e.message.body.faqId ?? e.message.body.text)).toEqual([pick.question, pick.faqId]);
    await server.call('POST', `/v1/conversations/${c.id}/faq-feedback`, { token: c.token, body: { clientMessageId: 'f2', faqId: pick.faqId, resolved: false } });
    const handed = await c.since();
    expect(handed.map((e) => e.message.body.text)).toEqual(['没解决', '正在为您转接人工客服,请稍候']);

    const agent = await staffLogin(server, 'xiaoli');
    const conv = await server.call('GET', `/v1/conversations/${c.id}`, { token: agent });
    expect(conv.json).toMatchObject({ status: 'queued', botUnresolved: 2, handoff: { reason: 'unresolvedTwice' } });
    const handoff = conv.json['handoff'] as { candidates: { faqId: string }[] };
    expect(handoff.candidates.length).toBeGreaterThan(0);
    expect(conv.json['ticket']).toBeDefined();
    // The buttons of the old card no longer act once a human has the conversation.
    const late = await server.call('POST', `/v1/conversations/${c.id}/faq-feedback`, { token: c.token, body: { clientMessageId: 'f3', faqId: pick.faqId, resolved: true } });
    expect(late.status).toBe(409);
    expect(late.json['code']).toBe('BOT_INACTIVE');
  });

  it('hands off at once on an explicit request, and stays silent while a human has the conversation', async () => {
    const c = await open('u005');
    const events = await c.say('转人工', 'm1');
    expect(bodies(events)).toEqual(['user:text', 'system:system']);
    const agent = await staffLogin(server, 'laozhang');
    expect((await server.call('GET', `/v1/conversations/${c.id}`, { token: agent })).json).toMatchObject({ status: 'queued', handoff: { reason: 'explicitRequest' } });
    await server.call('POST', `/v1/agent/conversations/${c.id}/claim`, { token: agent });
    await c.since();
    // A question the bot could answer goes to the agent only.
    expect(bodies(await c.say('花呗怎么还款', 'm2'))).toEqual(['user:text']);
  });

  it('hands off a question outside the knowledge base instead of guessing', async () => {
    const c = await open('u006');
    const events = await c.say('你们公司楼下的咖啡店几点开门', 'm1');
    expect(bodies(events)).toEqual(['user:text', 'system:system']);
    const agent = await staffLogin(server, 'xiaowang');
    expect((await server.call('GET', `/v1/conversations/${c.id}`, { token: agent })).json).toMatchObject({ status: 'queued', handoff: { reason: 'lowConfidence' } });
  });

  it('rejects feedback on an entry that was not the latest answer, and a tap on an unknown entry', async () => {
    const c = await open('u007');
    await c.say('花呗怎么还款', 'm1');
    const wrong = await server.call('POST', `/v1/conversations/${c.id}/faq-feedback`, { token: c.token, body: { clientMessageId: 'f1', faqId: 'refund-progress', resolved: true } });
    expect([wrong.status, wrong.json['code']]).toEqual([409, 'FAQ_NOT_OFFERED']);
    const unknown = await server.call('POST', `/v1/conversations/${c.id}/faq-select`, { token: c.token, body: { clientMessageId: 's1', faqId: 'no-such-entry' } });
    expect([unknown.status, unknown.json['code']]).toEqual([404, 'FAQ_NOT_FOUND']);
    const bad = await server.call('POST', `/v1/conversations/${c.id}/faq-feedback`, { token: c.token, body: { clientMessageId: 'f2', faqId: 'huabei-repay', resolved: 'yes' } });
    expect([bad.status, bad.json['code']]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('predicts questions from the demo data when the chat opens (猜你想问) and counts taps', async () => {
    const admin = await staffLogin(server, 'admin');
    const predicted = async (userId: string) => {
      const c = await open(userId);
      const res = await server.call('GET', `/v1/conversations/${c.id}/predicted-questions`, { token: c.token });
      expect(res.status).toBe(200);
      return { c, questions: res.json['questions'] as { faqId: string; question: string; reason: string }[] };
    };
    const failed = await predicted('u001');
    expect(failed.questions[0]).toMatchObject({ faqId: 'payment-failed', question: '付款失败怎么办', reason: 'paymentFailed' });
    expect(failed.questions.length).toBeGreaterThanOrEqual(3);
    expect(failed.questions.length).toBeLessThanOrEqual(5);
    expect((await predicted('u002')).questions[0]).toMatchObject({ faqId: 'refund-progress', reason: 'refundPending' });
    const plain = await predicted('u020');
    expect(plain.questions.every((q) => q.reason === 'mostAsked')).toBe(true);
    // The most asked so far: huabei-repay was answered in the tests above.
    expect(plain.questions[0]!.faqId).toBe('huabei-repay');

    const clicksOf = async () =>
      ((await server.call('GET', '/v1/merchant/faq/insight', { token: admin })).json['entries'] as { faqId: string; predictedClicks: number }[]).find((e) => e.faqId === 'payment-failed')!.predictedClicks;
    const before = await clicksOf();
    const tap = await server.call('POST', `/v1/conversations/${failed.c.id}/faq-select`, { token: failed.c.token, body: { clientMessageId: 'p1', faqId: 'payment-failed', source: 'predicted' } });
    expect(tap.status).toBe(201);
    expect(bodies(await failed.c.since())).toEqual(['user:text', 'bot:faqCard']);
    expect(await clicksOf()).toBe(before + 1);
    // Someone else's conversation is not found, not leaked.
    const other = await userLogin(server, 'u019');
    expect((await server.call('GET', `/v1/conversations/${failed.c.id}/predicted-questions`, { token: other })).status).toBe(404);
  });
});
