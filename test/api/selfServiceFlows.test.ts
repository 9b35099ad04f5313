import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

interface Body {
  type: string;
  text?: string;
  flow?: string;
  title?: string;
  facts?: { label: string; value: string }[];
  explanation?: string;
  actions?: { label: string; path?: string }[];
  items?: { label: string; text: string }[];
  transaction?: { id: string; amountFen: number; ref?: string };
}
type Event = { seq: number; type: string; status?: string; message?: { sender: { role: string }; body: Body } };

/** The demo merchant's users and their transactions (mock/seed/demoFlowStories.ts), as on a fresh `npm run dev`. */
describe('self-service flows in the conversation (issue 22, dev server, demo data)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ KEFU_OCR: 'off' });
  });
  afterAll(() => server.stop());

  async function open(userId: string) {
    const token = await userLogin(server, userId);
    const id = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
    let cursor = 0;
    let n = 0;
    const say = async (text: string): Promise<Event[]> => {
      expect((await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: `c${n++}`, text } })).status).toBe(201);
      const page = await server.call('GET', `/v1/conversations/${id}/events?after=${cursor}&timeout=0`, { token });
      cursor = page.json['cursor'] as number;
      return page.json['events'] as Event[];
    };
    const bot = (events: Event[]) => events.filter((e) => e.message?.sender.role === 'bot').map((e) => e.message!.body);
    return { token, id, say, bot };
  }

  it('u001 typing 我付的128块怎么失败了 gets the failed 128.00 元 payment, its reason and a next step, with no human', async () => {
    const c = await open('u001');
    const events = await c.say('我付的128块怎么失败了');
    const [card] = c.bot(events);
    expect(card).toMatchObject({ type: 'statusCard', flow: 'paymentFailed', transaction: { id: 'u001-fail', amountFen: 12_800 } });
    expect(card!.facts).toEqual(expect.arrayContaining([{ label: '金额', value: '128.00 元' }, { label: '原因', value: '余额不足' }, { label: '状态', value: '失败' }]));
    expect(card!.explanation).toContain('余额不足');
    expect(card!.actions?.[0]).toMatchObject({ label: '重新支付', path: '/pages/order/pay' });
    // The trade number reaches the chat masked only.
    expect(card!.transaction!.ref).toMatch(/^\d{4}\*{4}\d{4}$/);
    expect(events.some((e) => e.type === 'queued')).toBe(false);
    const conversation = await server.call('GET', `/v1/conversations/${c.id}`, { token: c.token });
    expect(conversation.json).toMatchObject({ status: 'bot' });
    // The flow's bookkeeping is the bot's, not the user's to read.
    expect(conversation.json).not.toHaveProperty('botLastFlow');
  });

  it('asks which payment when two failed, with buttons whose text finds the one tapped', async () => {
    const c = await open('u001');
    const [ask] = c.bot(await c.say('付款失败了是怎么回事'));
    expect(ask).toMatchObject({ type: 'choices' });
    expect(ask!.items).toHaveLength(2);
    const topUp = ask!.items!.find((i) => i.label.includes('话费充值'))!;
    const [card] = c.bot(await c.say(topUp.text));
    expect(card).toMatchObject({ type: 'statusCard', transaction: { id: 'u001-f2', amountFen: 990 } });
    expect(card!.facts).toEqual(expect.arrayContaining([{ label: '原因', value: '银行卡已过期' }]));
  });

  it('hands off with what the flow found and did when nothing fits twice; the agent sees it with the conversation', async () => {
    const c = await open('u002');
    expect(c.bot(await c.say('退款500块怎么还没到'))[0]).toMatchObject({ type: 'text' });
    const events = await c.say('500元,上周申请的');
    expect(events.some((e) => e.type === 'queued')).toBe(true);
    const supervisor = await staffLogin(server, 'chenzhuguan');
    const seen = await server.call('GET', `/v1/conversations/${c.id}`, { token: supervisor });
    expect(seen.json['handoff']).toMatchObject({ reason: 'flowUnsettled', flow: { flow: 'refundProgress' } });
    expect((seen.json['handoff'] as { flow: { steps: string[] } }).flow.steps.join(' ')).toContain('仍未查到');
  });

  it('转人工 after a status card carries the transaction to the agent', async () => {
    const c = await open('u005');
    const [card] = c.bot(await c.say('昨天下午给朋友转了350块,对方说没收到'));
    expect(card).toMatchObject({ type: 'statusCard', flow: 'transferNotArrived', transaction: { amountFen: 35_000 } });
    await c.say('转人工');
    const agent = await staffLogin(server, 'chenzhuguan');
    const seen = await server.call('GET', `/v1/conversations/${c.id}`, { token: agent });
    expect(seen.json['status']).not.toBe('bot');
    expect(seen.json['handoff']).toMatchObject({ reason: 'explicitRequest', flow: { flow: 'transferNotArrived', transaction: { amountFen: 35_000, counterparty: '王**' } } });
  });

  it('转人工 after a bill carries the period to the agent', async () => {
    const c = await open('u016');
    const [card] = c.bot(await c.say('上个月的账单一共花了多少'));
    expect(card).toMatchObject({ type: 'statusCard', flow: 'billPeriod', handoff: true });
    await c.say('转人工');
    const agent = await staffLogin(server, 'chenzhuguan');
    const seen = await server.call('GET', `/v1/conversations/${c.id}`, { token: agent });
    expect(seen.json['status']).not.toBe('bot');
    expect(seen.json['handoff']).toMatchObject({ reason: 'explicitRequest', flow: { flow: 'billPeriod' } });
    expect((seen.json['handoff'] as { flow: { steps: string[] } }).flow.steps.join(' ')).toMatch(/共 \d+ 笔/);
  });

  it('leaves general questions to the FAQ', async () => {
    const c = await open('u007');
    const [reply] = c.bot(await c.say('转账手续费是多少'));
    expect(['faqCard', 'faqSuggest']).toContain(reply!.type);
  });
});
