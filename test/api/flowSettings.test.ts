import { PassThrough } from 'node:stream';
import { tenantCommand } from '../../bin/commands/tenantCommand';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

type Body = { type: string; flow?: string; title?: string; faqId?: string; items?: { faqId: string }[] };
type Event = { type: string; message?: { sender: { role: string }; body: Body; clientMessageId?: string } };

/** The merchant's self-service flows (issue 22 item 1): switched off or worded by the merchant, read by the bot. */
describe('flow settings (GET|PUT /v1/merchant/flows)', () => {
  let server: TestServer;
  let admin: string;
  const route = '/v1/merchant/flows';

  beforeAll(async () => {
    server = await startTestServer({ KEFU_OCR: 'off' });
    admin = await staffLogin(server, 'admin');
  });
  afterAll(() => server.stop());

  let n = 0;
  /** The bot's answer to the user's message (in the user's open conversation, or a new one). */
  async function botAnswer(userId: string, text: string): Promise<Body | undefined> {
    const token = await userLogin(server, userId);
    const id = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
    const clientMessageId = `m${++n}`;
    expect((await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId, text } })).status).toBe(201);
    const events = (await server.call('GET', `/v1/conversations/${id}/events?after=0&timeout=0`, { token })).json['events'] as Event[];
    const mine = events.findLastIndex((e) => e.message?.clientMessageId === clientMessageId);
    return events.slice(mine + 1).find((e) => e.message?.sender.role === 'bot')?.message?.body;
  }

  it('nothing is switched off until saved; only an admin saves, supervisors read, agents and users may not', async () => {
    expect((await server.call('GET', route, { token: admin })).json).toEqual({ disabled: [], titles: {} });
    const supervisor = await staffLogin(server, 'chenzhuguan');
    const agent = await staffLogin(server, 'xiaowang');
    const user = await userLogin(server, 'u001');
    const body = { disabled: ['orderStatus'], titles: {} };
    expect((await server.call('GET', route, { token: supervisor })).status).toBe(200);
    for (const token of [supervisor, agent, user]) expect((await server.call('PUT', route, { token, body })).json).toMatchObject({ code: 'FORBIDDEN' });
    for (const token of [agent, user]) expect((await server.call('GET', route, { token })).status).toBe(403);
    expect((await server.call('PUT', route, { body })).status).toBe(401);
    expect((await server.call('GET', route, { token: admin })).json).toEqual({ disabled: [], titles: {} });
  });

  it.each([
    ['an unknown flow', { disabled: ['lottery'], titles: {} }],
    ['an unknown title key', { disabled: [], titles: { lottery: '抽奖' } }],
    ['a title that is too long', { disabled: [], titles: { paymentFailed: '长'.repeat(21) } }],
    ['an empty title', { disabled: [], titles: { paymentFailed: '' } }],
    ['a missing field', { disabled: [] }],
    ['an extra field', { disabled: [], titles: {}, enabled: ['paymentFailed'] }],
  ])('refuses %s with VALIDATION_FAILED and keeps what was saved', async (_what, body) => {
    const res = await server.call('PUT', route, { token: admin, body });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await server.call('GET', route, { token: admin })).json).toEqual({ disabled: [], titles: {} });
  });

  it('refuses a blank title or one with a line break, naming the field', async () => {
    const blank = await server.call('PUT', route, { token: admin, body: { disabled: [], titles: { refundProgress: '   ' } } });
    expect(blank.json).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'titles.refundProgress', reason: 'blank' } });
    const broken = await server.call('PUT', route, { token: admin, body: { disabled: [], titles: { refundProgress: '退款\n进度' } } });
    expect(broken.json).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'titles.refundProgress', reason: 'characters' } });
    expect((await server.call('PUT', route, { token: admin, raw: '{"disabled":', headers: { 'content-type': 'application/json' } })).json).toMatchObject({ code: 'INVALID_JSON' });
  });

  it("a flow switched off leaves its question to the FAQ; a merchant's title heads the card", async () => {
    const before = await botAnswer('u001', '我付的128块怎么失败了');
    expect(before).toMatchObject({ type: 'statusCard', flow: 'paymentFailed', title: '支付失败' });

    const saved = await server.call('PUT', route, { token: admin, body: { disabled: ['paymentFailed', 'paymentFailed'], titles: { transferNotArrived: '  转账查询  ' } } });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({ disabled: ['paymentFailed'], titles: { transferNotArrived: '转账查询' } });
    expect((await server.call('GET', route, { token: admin })).json).toEqual(saved.json);

    // Left to the FAQ, which answers or suggests its entry on failed payments.
    const off = await botAnswer('u001', '我付的128块怎么失败了');
    expect(off?.type).not.toBe('statusCard');
    expect(off?.type === 'faqCard' ? off.faqId : off?.items?.[0]?.faqId).toBe('payment-failed');
    const worded = await botAnswer('u005', '昨天下午给朋友转了350块,对方说没收到');
    expect(worded).toMatchObject({ type: 'statusCard', flow: 'transferNotArrived', title: '转账查询' });

    // Another merchant's settings are its own: nothing of the demo merchant's shows there, nor the other way round.
    const out = new PassThrough();
    let printed = '';
    out.on('data', (c: Buffer) => (printed += c.toString()));
    expect(await tenantCommand(['create', 'acme', '--name', '另一家商户', '--admin', 'boss'], { stdin: new PassThrough(), stdout: out, stderr: new PassThrough() }, { KEFU_DATA_DIR: server.deps.config.dataDir })).toBe(0);
    const acmeAdmin = await staffLogin(server, 'boss', /临时密码: (\S+)/.exec(printed)?.[1] ?? '', 'acme');
    expect((await server.call('GET', route, { token: acmeAdmin })).json).toEqual({ disabled: [], titles: {} });
    expect((await server.call('PUT', route, { token: acmeAdmin, body: { disabled: ['refundProgress'], titles: {} } })).status).toBe(200);
    expect((await server.call('GET', route, { token: admin })).json).toEqual(saved.json);

    // Switched on again: the card is back.
    expect((await server.call('PUT', route, { token: admin, body: { disabled: [], titles: {} } })).status).toBe(200);
    expect(await botAnswer('u001', '我付的128块怎么失败了')).toMatchObject({ type: 'statusCard', flow: 'paymentFailed' });
  });
});
