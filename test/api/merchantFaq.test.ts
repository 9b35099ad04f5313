import { Value } from '@sinclair/typebox/value';
import { FaqTrialResult } from '../../shared/schemas';
import { defaultRanker } from '../../shared/faq';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

interface Entry {
  id: string;
  question: string;
  enabled: boolean;
}

describe('merchant FAQ administration and insight over HTTP', () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await staffLogin(server, 'admin');
  });
  afterAll(() => server.stop());

  it('seeds the demo merchant with the 50-entry default knowledge base', async () => {
    const page = await server.call('GET', '/v1/merchant/faq?limit=200', { token: admin });
    expect(page.status).toBe(200);
    expect(page.json['total']).toBe(50);
    const categories = new Set((page.json['entries'] as { category: string }[]).map((e) => e.category));
    expect([...categories].sort()).toEqual(['account', 'bill', 'credit', 'life', 'merchant', 'other', 'payment', 'refund', 'transfer', 'wealth']);
  });

  it('creates, searches, pages, updates, disables and deletes entries; agents may not', async () => {
    const created = await server.call('POST', '/v1/merchant/faq', {
      token: admin,
      body: { id: 'store-hours', category: 'other', question: '门店几点营业', answer: '每天 9:00-21:00', actions: [{ label: '门店地图', path: '/pages/store/map' }] },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: 'store-hours', enabled: true, similar: [] });
    const dup = await server.call('POST', '/v1/merchant/faq', { token: admin, body: { id: 'store-hours', category: 'other', question: 'x', answer: 'y' } });
    expect([dup.status, dup.json['code']]).toEqual([409, 'FAQ_DUPLICATE_ID']);
    const invalid = await server.call('POST', '/v1/merchant/faq', { token: admin, body: { category: 'other', question: '', answer: 'y' } });
    expect([invalid.status, invalid.json['code']]).toEqual([400, 'VALIDATION_FAILED']);
    // Spaces are not a question or an answer (the walk saved an entry of three spaces, which
    // nobody could open); the message names the field in words.
    const blank = await server.call('POST', '/v1/merchant/faq', { token: admin, body: { category: 'other', question: '   ', answer: '   ' } });
    expect([blank.status, blank.json['code'], blank.json['message']]).toEqual([400, 'VALIDATION_FAILED', '问题不能为空']);
    const blankAnswer = await server.call('PUT', '/v1/merchant/faq/store-hours', { token: admin, body: { category: 'other', question: '门店几点营业', answer: ' \n ' } });
    expect([blankAnswer.status, blankAnswer.json['message']]).toEqual([400, '答案不能为空']);

    const found = await server.call('GET', `/v1/merchant/faq?q=${encodeURIComponent('营业')}`, { token: admin });
    expect((found.json['entries'] as Entry[]).map((e) => e.id)).toEqual(['store-hours']);
    const paged = await server.call('GET', '/v1/merchant/faq?limit=10&offset=45', { token: admin });
    expect((paged.json['entries'] as Entry[]).length).toBe(6);

    // The user asks; the bot answers from the new entry; disabled, it no longer does.
    const user = await userLogin(server, 'u010');
    const ask = async (cmid: string) => {
      const id = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
      await server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { clientMessageId: cmid, text: '你们门店几点营业' } });
      const events = (await server.call('GET', `/v1/conversations/${id}/events?after=0&timeout=0`, { token: user })).json['events'] as { message: { body: { faqId?: string } } }[];
      return events[1]?.message.body.faqId;
    };
    expect(await ask('q1')).toBe('store-hours');
    const disabled = await server.call('POST', '/v1/merchant/faq/store-hours/disable', { token: admin });
    expect(disabled.json).toMatchObject({ enabled: false });
    expect(await ask('q2')).not.toBe('store-hours');

    const updated = await server.call('PUT', '/v1/merchant/faq/store-hours', { token: admin, body: { category: 'other', question: '门店营业时间', answer: '每天 10:00-22:00' } });
    expect(updated.json).toMatchObject({ question: '门店营业时间', enabled: true });
    const agent = await staffLogin(server, 'xiaowang');
    expect((await server.call('DELETE', '/v1/merchant/faq/store-hours', { token: agent })).status).toBe(403);
    expect((await server.call('DELETE', '/v1/merchant/faq/store-hours', { token: admin })).status).toBe(200);
    const gone = await server.call('GET', '/v1/merchant/faq/store-hours', { token: admin });
    expect([gone.status, gone.json['code']]).toEqual([404, 'FAQ_NOT_FOUND']);
  });

  it('exports CSV with a BOM; a malformed import is rejected by line and changes nothing', async () => {
    const res = await server.request(`/v1/merchant/faq/export?format=csv`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const before = (await server.call('GET', '/v1/merchant/faq', { token: admin })).json['total'];
    const csv = 'id,category,question,answer\nn1,refund,新问题,新答案\nn2,refund,"未闭合的引号,答案\n';
    const bad = await server.call('POST', '/v1/merchant/faq/import?format=csv', { token: admin, raw: csv, headers: { 'content-type': 'text/csv' } });
    expect([bad.status, bad.json['code']]).toEqual([400, 'IMPORT_INVALID']);
    const problems = (bad.json['details'] as { problems: { line: number }[] }).problems;
    expect(problems[0]!.line).toBe(3);
    const spaces = await server.call('POST', '/v1/merchant/faq/import?format=csv', { token: admin, raw: 'id,category,question,answer\nn1,refund,新问题,新答案\nn2,refund,新问题二,"  "\n', headers: { 'content-type': 'text/csv' } });
    expect([spaces.status, (spaces.json['details'] as { problems: unknown[] }).problems]).toEqual([400, [{ line: 3, field: 'answer', message: '答案不能为空' }]]);
    expect((await server.call('GET', '/v1/merchant/faq', { token: admin })).json['total']).toBe(before);

    const good = await server.call('POST', '/v1/merchant/faq/import?format=csv', { token: admin, raw: bytes.toString('utf8'), headers: { 'content-type': 'text/csv' } });
    expect(good.json).toMatchObject({ created: 0, updated: before, total: before });
  });

  it('keeps per-merchant thresholds and rejects inconsistent ones', async () => {
    const current = await server.call('GET', '/v1/merchant/settings/faq', { token: admin });
    // The defaults are the calibrated thresholds shipped with the ranker.
    expect(current.json).toEqual(defaultRanker().thresholds);
    const bad = await server.call('PUT', '/v1/merchant/settings/faq', { token: admin, body: { answer: 0.2, answerMargin: 0.1, suggest: 0.5 } });
    expect([bad.status, bad.json['code']]).toEqual([400, 'VALIDATION_FAILED']);
    const put = await server.call('PUT', '/v1/merchant/settings/faq', { token: admin, body: { answer: 0.4, answerMargin: 0.1, suggest: 0.1 } });
    expect(put.status).toBe(200);
    expect((await server.call('GET', '/v1/merchant/settings/faq', { token: admin })).json).toMatchObject({ answer: 0.4 });
    await server.call('PUT', '/v1/merchant/settings/faq', { token: admin, body: current.json });
  });

  it('matches through the faq function, and rejects a 10,000-character query with a code', async () => {
    const user = await userLogin(server, 'u011');
    const ok = await server.call('POST', '/v1/faq/match', { token: user, body: { text: '余额宝转出多久到账' } });
    expect(ok.json['decision']).toBe('answer');
    expect((ok.json['matches'] as unknown[])[0]).toMatchObject({ faqId: 'yuebao-transfer-out', question: '余额宝转出多久到账' });
    expect(Value.Check(FaqTrialResult, ok.json)).toBe(true);
    // What the bot would do, intents first: the panel shows the same decision as the chat.
    const hello = await server.call('POST', '/v1/faq/match', { token: user, body: { text: '你好,在吗' } });
    expect(hello.json).toMatchObject({ intent: 'greeting', decision: 'reply', reason: 'greeting' });
    const human = await server.call('POST', '/v1/faq/match', { token: user, body: { text: 'Talk to a human please' } });
    expect(human.json).toMatchObject({ intent: 'human', decision: 'handoff', reason: 'explicitRequest' });
    const long = await server.call('POST', '/v1/faq/match', { token: user, body: { text: '花'.repeat(10_000) } });
    expect([long.status, long.json['code']]).toEqual([400, 'TEXT_TOO_LONG']);
  });

  it('shows hits, 没解决, the self-service rate and the grouped questions nothing answered', async () => {
    const user = await userLogin(server, 'u012');
    const converse = async (text: string, feedback?: boolean) => {
      const id = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
      await server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { clientMessageId: 'm', text } });
      if (feedback !== undefined) {
        await server.call('POST', `/v1/conversations/${id}/faq-feedback`, { token: user, body: { clientMessageId: 'f', faqId: 'huabei-repay', resolved: feedback } });
      }
    };
    const before = (await server.call('GET', '/v1/merchant/faq/insight', { token: admin })).json;
    await converse('花呗怎么还款', true);
    await converse('花呗怎么还款', true);
    await converse('花呗怎么还款', false);
    await converse('你们支持数字人民币硬钱包吗');
    await converse('数字人民币硬钱包能用吗');
    await converse('附近哪家火锅店好吃');
    const after = (await server.call('GET', '/v1/merchant/faq/insight', { token: admin })).json;
    expect((after['conversations'] as number) - (before['conversations'] as number)).toBe(6);
    expect((after['selfService'] as number) - (before['selfService'] as number)).toBe(2);
    expect(after['selfServiceRate']).toBeCloseTo((after['selfService'] as number) / (after['conversations'] as number), 3);
    const huabei = (after['entries'] as { faqId: string; hits: number; resolved: number; unresolved: number }[]).find((e) => e.faqId === 'huabei-repay');
    expect(huabei).toMatchObject({ hits: 3, resolved: 2, unresolved: 1 });
    const gaps = after['gaps'] as { sample: string; count: number; questions: string[] }[];
    const digital = gaps.find((g) => g.questions.some((q) => q.includes('数字人民币')));
    expect(digital?.count).toBe(2);
    expect(gaps.find((g) => g.questions.some((q) => q.includes('火锅')))?.count).toBe(1);
  });

  it("serves the entry button's look publicly with a cache header, and lets the merchant change it", async () => {
    const initial = await server.call('GET', '/v1/entry-config?tenant=demo');
    expect(initial.status).toBe(200);
    expect(initial.headers.get('cache-control')).toBe('public, max-age=300');
    expect(initial.json).toMatchObject({ placement: 'bottom-right', label: '客服', color: '#1677ff' });
    const bad = await server.call('PUT', '/v1/merchant/entry-config', { token: admin, body: { ...initial.json, color: 'red' } });
    expect([bad.status, bad.json['code']]).toEqual([400, 'VALIDATION_FAILED']);
    const put = await server.call('PUT', '/v1/merchant/entry-config', { token: admin, body: { ...initial.json, placement: 'top-left', color: '#ff6a00', label: '在线客服' } });
    expect(put.status).toBe(200);
    expect((await server.call('GET', '/v1/entry-config?tenant=demo')).json).toMatchObject({ placement: 'top-left', color: '#ff6a00', label: '在线客服' });
    const unknown = await server.call('GET', '/v1/entry-config?tenant=nobody');
    expect([unknown.status, unknown.json['code']]).toEqual([404, 'TENANT_NOT_FOUND']);
  });
});
