import { PassThrough } from 'node:stream';
import { tenantCommand } from '../../bin/commands/tenantCommand';
import { faqGapActions, PICK_WINDOW_MS } from '../../shared/faq';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

interface Cluster {
  id: string;
  typical: string;
  count: number;
  byKind: { handoff: number; suggested: number; unresolved: number };
  examples: { text: string; count: number }[];
  gapIds: string[];
  target?: { faqId: string; question: string; score: number };
  unresolvedEntries: { faqId: string; question: string }[];
}
interface Body {
  type: string;
  faqId?: string;
  items?: { faqId: string }[];
}

/**
 * Learning from gaps (issue 21 item 5) over HTTP on the dev server: real conversations leave the
 * three kinds of gaps (handed off, suggested without a tap, 没解决), the merchant sees them grouped
 * with counts, masked examples and the nearest entry, and each action takes effect at the next match.
 */
describe('learning from gaps: the questions the bot could not settle, grouped, and closed from the list', () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await staffLogin(server, 'admin');
    // Two entries about 积分 (a question between them gets suggestions) and one about parcels.
    for (const entry of [
      { id: 'gap-points-gift', category: 'other', question: '会员积分怎么兑换礼品', answer: '打开会员中心,点「积分商城」,选好礼品后点兑换。' },
      { id: 'gap-points-coupon', category: 'other', question: '会员积分怎么兑换优惠券', answer: '打开会员中心,点「积分兑券」,选好优惠券后点兑换。' },
      { id: 'gap-parcel-signed', category: 'other', question: '快递显示已签收但是没收到', answer: '请先联系快递员确认投放位置,或查看快递柜和驿站。' },
    ]) {
      expect((await server.call('POST', '/v1/merchant/faq', { token: admin, body: entry })).status).toBe(201);
    }
  });
  afterAll(() => server.stop());

  /** A user's new conversation: `say` returns what the bot and the system answered a typed message. */
  async function chat(userId: string) {
    const token = await userLogin(server, userId);
    const id = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
    let n = 0;
    const replies = async () => {
      const page = await server.call('GET', `/v1/conversations/${id}/messages`, { token });
      return (page.json['messages'] as { sender: { role: string }; body: Body }[]).filter((m) => m.sender.role !== 'user').map((m) => m.body);
    };
    const say = async (text: string, extra: Record<string, unknown> = {}) => {
      const before = (await replies()).length;
      expect((await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: `m${++n}`, text, ...extra } })).status).toBe(201);
      return (await replies()).slice(before);
    };
    const tap = async (faqId: string) => expect((await server.call('POST', `/v1/conversations/${id}/faq-select`, { token, body: { clientMessageId: `s${++n}`, faqId } })).status).toBe(201);
    return {
      say,
      tap,
      /** The entry's card for the question as the user reaches it: answered, or tapped among the suggestions. */
      reach: async (text: string, faqId: string) => {
        const reply = (await say(text))[0]!;
        if (reply.type === 'faqSuggest' && reply.items!.some((i) => i.faqId === faqId)) await tap(faqId);
        else expect(reply).toMatchObject({ type: 'faqCard', faqId });
      },
      notSolved: async (faqId: string) => expect((await server.call('POST', `/v1/conversations/${id}/faq-feedback`, { token, body: { clientMessageId: `f${++n}`, faqId, resolved: false } })).status).toBe(201),
    };
  }

  const gaps = async (token = admin) => {
    const res = await server.call('GET', '/v1/merchant/faq/gaps', { token });
    expect(res.status).toBe(200);
    return res.json['clusters'] as Cluster[];
  };
  const clusterWith = <C extends { readonly examples: readonly { readonly text: string }[] }>(clusters: readonly C[], words: string) => clusters.find((c) => c.examples.some((e) => e.text.includes(words)));
  const match = async (text: string) => (await server.call('POST', '/v1/faq/match', { token: await userLogin(server, 'u039'), body: { text } })).json as { decision: string; matches: { faqId: string; score: number }[] };
  const scoreOf = (m: Awaited<ReturnType<typeof match>>, faqId: string) => m.matches.find((x) => x.faqId === faqId)?.score ?? 0;

  it('records hand-offs, suggestions nobody tapped and 没解决 from conversations, grouped with counts, masked examples and the nearest entry', async () => {
    // Handed off: nothing in the base is about 数字人民币; one of them has a phone number in it.
    for (const [user, text] of [
      ['u031', '你们支持数字人民币硬钱包吗'],
      ['u032', '数字人民币硬钱包能用吗'],
      ['u033', '数字人民币硬钱包能用吗 我电话13912345678'],
    ] as const) {
      expect((await (await chat(user)).say(text)).map((b) => b.type)).toEqual(['system']);
    }
    // 没解决 on the parcel entry's answer.
    for (const user of ['u037', 'u038']) {
      const c = await chat(user);
      await c.reach('快递显示已签收但是没收到', 'gap-parcel-signed');
      await c.notSolved('gap-parcel-signed');
    }
    // Suggested: a merchant who wants suggestions rather than guesses (answers only when sure).
    const defaults = (await server.call('GET', '/v1/merchant/settings/faq', { token: admin })).json;
    expect((await server.call('PUT', '/v1/merchant/settings/faq', { token: admin, body: { answer: 0.99, answerMargin: 0.2, suggest: 0.05 } })).status).toBe(200);
    const left = await chat('u034');
    expect((await left.say('会员积分兑换'))[0]).toMatchObject({ type: 'faqSuggest' });
    await left.say('转人工', { intent: 'human' });
    const retyped = await chat('u035');
    expect((await retyped.say('积分兑换'))[0]).toMatchObject({ type: 'faqSuggest' });
    // A new question instead of a tap: the first suggestion counts, the new one is still open.
    expect((await retyped.say('积分兑换礼品要多少分'))[0]).toMatchObject({ type: 'faqSuggest' });
    // 猜你想问 after a greeting is no suggestion for a question.
    expect((await (await chat('u041')).say('你好'))[0]).toMatchObject({ type: 'faqSuggest' });
    const tapped = await chat('u036');
    const offered = (await tapped.say('会员积分兑换'))[0]!;
    expect(offered.type).toBe('faqSuggest');
    await tapped.tap(offered.items![0]!.faqId);
    await server.call('PUT', '/v1/merchant/settings/faq', { token: admin, body: { answer: defaults['answer'], answerMargin: defaults['answerMargin'], suggest: defaults['suggest'] } });

    const clusters = await gaps();
    const digital = clusterWith(clusters, '数字人民币')!;
    expect(digital).toMatchObject({ count: 3, byKind: { handoff: 3, suggested: 0, unresolved: 0 } });
    expect(digital.examples.map((e) => e.text)).toContain('数字人民币硬钱包能用吗 我电话139****5678');
    expect(JSON.stringify(clusters)).not.toContain('13912345678');
    expect(digital.target).toBeUndefined();

    const points = clusterWith(clusters, '积分')!;
    expect(points).toMatchObject({ count: 2, byKind: { handoff: 0, suggested: 2, unresolved: 0 } });
    expect(['gap-points-gift', 'gap-points-coupon']).toContain(points.target?.faqId);
    expect(points.examples.map((e) => e.text).sort()).toEqual(['会员积分兑换', '积分兑换']);

    const parcel = clusterWith(clusters, '签收')!;
    expect(parcel).toMatchObject({ count: 2, typical: '快递显示已签收但是没收到', byKind: { unresolved: 2, suggested: 0 } });
    // Users said 没解决 to that entry: it is not offered as the home of these questions, but named
    // as the answer that may need the work.
    expect(parcel.target?.faqId).not.toBe('gap-parcel-signed');
    expect(parcel.unresolvedEntries).toEqual([{ faqId: 'gap-parcel-signed', question: '快递显示已签收但是没收到' }]);
    expect(clusters.reduce((n, c) => n + c.byKind.suggested, 0)).toBe(2);

    // Once the window to tap has passed, the suggestion still open is one the user left.
    const later = await faqGapActions.list(server.deps.faq, 'demo', Date.now() + PICK_WINDOW_MS + 1000);
    expect(clusterWith(later.clusters, '积分')).toMatchObject({ count: 3, byKind: { suggested: 3 } });
    // Neither the greeting's 猜你想问 nor the other candidates offered after 没解决 were counted.
    expect(later.clusters.reduce((n, c) => n + c.byKind.suggested, 0)).toBe(3);
    expect(clusterWith(later.clusters, '积分')!.examples.map((e) => e.text)).toContain('积分兑换礼品要多少分');
    // The knowledge-base insight lists the same groups.
    const insight = (await server.call('GET', '/v1/merchant/faq/insight', { token: admin })).json['gaps'] as { count: number; questions: string[] }[];
    expect(insight.find((g) => g.questions.includes('数字人民币硬钱包能用吗'))?.count).toBe(3);
  });

  // "At once": the very next match ranks the changed entry first, with more confidence than before.
  // Whether it then answers, suggests or hands off is the ranker's calibration (tested with the ranker).
  it('新建条目 from a cluster: the next match finds the new entry, and the cluster is gone', async () => {
    expect((await match('数字人民币硬钱包能用吗')).decision).toBe('handoff');
    const digital = clusterWith(await gaps(), '数字人民币')!;
    const similar = digital.examples.map((e) => e.text).filter((t) => t !== digital.typical);
    const res = await server.call('POST', '/v1/merchant/faq/gaps/new-entry', {
      token: admin,
      body: { gapIds: digital.gapIds, entry: { category: 'payment', question: digital.typical, similar, answer: '支持。在支付宝搜索「数字人民币」开通钱包后,付款码页可选择硬钱包付款。' } },
    });
    expect(res.status).toBe(201);
    expect(res.json['removed']).toBe(3);
    const id = (res.json['entry'] as { id: string }).id;
    for (const text of ['数字人民币硬钱包能用吗', '你们支持数字人民币硬钱包吗']) {
      const next = await match(text);
      expect(next.matches[0]?.faqId).toBe(id);
      expect(next.matches[0]!.score).toBeGreaterThan(0);
    }
    expect(clusterWith(await gaps(), '数字人民币')).toBeUndefined();
  });

  it("加为相似问法 of an entry: the cluster's questions find that entry at once", async () => {
    const before = await Promise.all(['会员积分兑换', '积分兑换'].map(match));
    const points = clusterWith(await gaps(), '积分')!;
    // The merchant's call: 兑换 without a word for what means the gifts.
    const res = await server.call('POST', '/v1/merchant/faq/gaps/similar', {
      token: admin,
      body: { gapIds: points.gapIds, faqId: 'gap-points-gift', questions: points.examples.map((e) => e.text) },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ added: 2, removed: 2 });
    const entry = (await server.call('GET', '/v1/merchant/faq/gap-points-gift', { token: admin })).json as { similar: string[]; answer: string };
    expect(entry.similar).toEqual(expect.arrayContaining(['会员积分兑换', '积分兑换']));
    expect(entry.answer).toContain('积分商城');
    for (const [i, text] of ['会员积分兑换', '积分兑换'].entries()) {
      const next = await match(text);
      expect(next.matches[0]?.faqId).toBe('gap-points-gift');
      expect(scoreOf(next, 'gap-points-gift')).toBeGreaterThan(scoreOf(before[i]!, 'gap-points-gift'));
    }
    expect(clusterWith(await gaps(), '积分')).toBeUndefined();
    // The same questions again add nothing, and more than an entry holds is refused.
    const again = await server.call('POST', '/v1/merchant/faq/gaps/similar', { token: admin, body: { gapIds: points.gapIds, faqId: 'gap-points-gift', questions: ['会员积分兑换'] } });
    expect(again.json).toMatchObject({ added: 0 });
    const many = Array.from({ length: 49 }, (_, i) => `积分问法${'甲乙丙丁戊己庚辛壬癸'[i % 10]!}${'子丑寅卯辰'[Math.floor(i / 10)]!}`);
    const full = await server.call('POST', '/v1/merchant/faq/gaps/similar', { token: admin, body: { gapIds: points.gapIds, faqId: 'gap-points-gift', questions: many } });
    expect([full.status, full.json['code']]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await server.call('POST', '/v1/merchant/faq/gaps/similar', { token: admin, body: { gapIds: points.gapIds, faqId: 'no-such-entry', questions: ['x'] } });
    expect([unknown.status, unknown.json['code']]).toEqual([404, 'FAQ_NOT_FOUND']);
  });

  it('忽略 removes a cluster without touching the knowledge base', async () => {
    const parcel = clusterWith(await gaps(), '签收')!;
    const before = (await server.call('GET', '/v1/merchant/faq/gap-parcel-signed', { token: admin })).json;
    const res = await server.call('POST', '/v1/merchant/faq/gaps/dismiss', { token: admin, body: { gapIds: parcel.gapIds } });
    expect(res.json).toMatchObject({ removed: 2 });
    expect((await gaps()).find((c) => c.examples.some((e) => e.text === '快递显示已签收但是没收到'))).toBeUndefined();
    expect((await server.call('GET', '/v1/merchant/faq/gap-parcel-signed', { token: admin })).json).toEqual(before);
  });

  it('only staff who may edit the knowledge base see and act on gaps, and only their own merchant', async () => {
    expect((await (await chat('u040')).say('你们公司楼下的咖啡店几点开门')).map((b) => b.type)).toEqual(['system']);
    expect((await gaps()).length).toBeGreaterThan(0);
    const ids = (await gaps()).flatMap((c) => c.gapIds);
    for (const token of [await staffLogin(server, 'xiaowang'), await userLogin(server, 'u040')]) {
      expect((await server.call('GET', '/v1/merchant/faq/gaps', { token })).status).toBe(403);
      expect((await server.call('POST', '/v1/merchant/faq/gaps/dismiss', { token, body: { gapIds: ids } })).status).toBe(403);
    }
    const out = new PassThrough();
    let printed = '';
    out.on('data', (c: Buffer) => (printed += c.toString()));
    expect(await tenantCommand(['create', 'acme', '--name', '另一家商户', '--admin', 'boss'], { stdin: new PassThrough(), stdout: out, stderr: new PassThrough() }, { KEFU_DATA_DIR: server.deps.config.dataDir })).toBe(0);
    const foreign = await staffLogin(server, 'boss', /临时密码: (\S+)/.exec(printed)?.[1] ?? '', 'acme');
    expect(await gaps(foreign)).toEqual([]);
    // Their dismiss with this merchant's ids removes nothing here.
    await server.call('POST', '/v1/merchant/faq/gaps/dismiss', { token: foreign, body: { gapIds: ids } });
    expect((await gaps()).flatMap((c) => c.gapIds).sort()).toEqual([...ids].sort());
    const bad = await server.call('POST', '/v1/merchant/faq/gaps/dismiss', { token: admin, body: { gapIds: [] } });
    expect([bad.status, bad.json['code']]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
