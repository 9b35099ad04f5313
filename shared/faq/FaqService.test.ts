import { createMemoryStore } from '../store/drivers';
import { KefuError } from '../errors';
import { FaqService } from './FaqService';
import { FaqMatcher } from './FaqMatcher';
import { faqTables } from './faqTables';
import { defaultFaq } from '../../mock/seed/defaultFaq';

function problemsOf(err: unknown): { line: number; message: string }[] {
  expect(err).toBeInstanceOf(KefuError);
  expect((err as KefuError).code).toBe('IMPORT_INVALID');
  return ((err as KefuError).details as { problems: { line: number; message: string }[] }).problems;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

describe('FaqService', () => {
  const base = { category: 'refund', question: '退款进度怎么查', answer: '在账单详情里查看退款进度' };

  it('trusts what it read of the version and thresholds for 2 s: its own changes show at once, another instance\'s within that', async () => {
    const store = createMemoryStore();
    let now = Date.parse('2026-12-01T10:00:00Z');
    const clock = () => new Date(now);
    const serving = new FaqService(store, clock);
    const admin = new FaqService(store, clock);
    await serving.create('m1', { ...base, id: 'refund-progress' });
    expect((await serving.decide('m1', '退款进度怎么查')).matches[0]?.faqId).toBe('refund-progress');
    const strict = { ...(await serving.settings('m1')), answer: 0.999, suggest: 0.998 };
    // Its own change: at once.
    await serving.putSettings('m1', strict);
    expect(await serving.settings('m1')).toEqual(strict);
    await serving.decide('m1', '退款进度怎么查');
    // Another instance's: the old view until 2 s have passed since it was read.
    await admin.create('m1', { id: 'huabei', category: 'credit', question: '花呗怎么还款', answer: '打开花呗点还款' });
    await admin.putSettings('m1', { ...strict, answer: 0.999, suggest: 0.5 });
    expect((await serving.decide('m1', '花呗怎么还款')).matches.map((m) => m.faqId)).not.toContain('huabei');
    expect((await serving.settings('m1')).suggest).toBe(0.998);
    now += 2000;
    expect((await serving.decide('m1', '花呗怎么还款')).matches[0]?.faqId).toBe('huabei');
    expect((await serving.settings('m1')).suggest).toBe(0.5);
  });

  it('creates, updates, disables, lists with search and paging, and deletes entries per tenant', async () => {
    const faq = new FaqService(createMemoryStore());
    const a = await faq.create('m1', { ...base, id: 'refund-progress', similar: ['退款什么时候到账'] });
    expect(a).toMatchObject({ id: 'refund-progress', enabled: true, actions: [] });
    await faq.create('m1', { id: 'huabei', category: 'credit', question: '花呗怎么还款', answer: '打开花呗点还款' });
    await expect(faq.create('m1', { ...base, id: 'refund-progress' })).rejects.toMatchObject({ code: 'FAQ_DUPLICATE_ID' });
    // Another merchant sees nothing of m1's.
    expect((await faq.list('m2')).total).toBe(0);
    await expect(faq.get('m2', 'huabei')).rejects.toMatchObject({ code: 'FAQ_NOT_FOUND' });

    const updated = await faq.update('m1', 'huabei', { category: 'credit', question: '蚂蚁花呗怎么还款', answer: '打开花呗点还款' });
    expect(updated.question).toBe('蚂蚁花呗怎么还款');
    await expect(faq.update('m1', 'nope', base)).rejects.toMatchObject({ code: 'FAQ_NOT_FOUND' });

    expect((await faq.list('m1', { q: '到账' })).entries.map((e) => e.id)).toEqual(['refund-progress']);
    expect((await faq.list('m1', { limit: 1, offset: 1 })).entries.map((e) => e.id)).toEqual(['refund-progress']);
    await faq.setEnabled('m1', 'huabei', false);
    expect((await faq.list('m1', { enabled: true })).entries.map((e) => e.id)).toEqual(['refund-progress']);

    await faq.delete('m1', 'huabei');
    await expect(faq.delete('m1', 'huabei')).rejects.toMatchObject({ code: 'FAQ_NOT_FOUND' });
    expect((await faq.list('m1')).total).toBe(1);
  });

  it('exports CSV with a byte-order mark that imports back to the same entries', async () => {
    const faq = new FaqService(createMemoryStore());
    await faq.importFile('m1', 'json', JSON.stringify(defaultFaq));
    const csv = await faq.exportCsv('m1');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[0]).toBe('\uFEFFid,category,question,similar,answer,actions,enabled,updatedAt');
    const copy = new FaqService(createMemoryStore());
    const result = await copy.importFile('m9', 'csv', csv);
    expect(result).toMatchObject({ created: 50, updated: 0, total: 50 });
    const strip = (es: { updatedAt: string }[]) => es.map(({ updatedAt: _u, ...rest }) => rest);
    expect(strip(await copy.all('m9'))).toEqual(strip(await faq.all('m1')));
  });

  it('rejects a malformed CSV with line numbers and writes nothing', async () => {
    const faq = new FaqService(createMemoryStore());
    await faq.create('m1', { ...base, id: 'keep' });
    const csv = [
      'id,category,question,answer,enabled',
      'a1,refund,退款多久到账,一般1-7个工作日,true',
      '',
      'a2,refund,"多行的',
      '问题",答案,是',
      'a3,refund,,缺少问题的答案,true',
      'a1,refund,重复的 id,答案,true',
      'a4,refund,问题,答案,也许',
      'a5,refund,列数不对',
    ].join('\n');
    const problems = problemsOf(await rejection(faq.importFile('m1', 'csv', csv, { mode: 'replace' })));
    expect(problems.map((p) => p.line)).toEqual([6, 7, 8, 9]);
    expect(problems[0]!.message).toBe('问题不能为空');
    expect(problems[1]!.message).toContain('第 2 行重复');
    expect((await faq.all('m1')).map((e) => e.id)).toEqual(['keep']);
  });

  it('replace mode makes the file the whole knowledge base; merge keeps the rest', async () => {
    const faq = new FaqService(createMemoryStore());
    await faq.create('m1', { ...base, id: 'old' });
    await faq.importFile('m1', 'json', JSON.stringify([{ ...base, id: 'new' }]));
    expect((await faq.all('m1')).map((e) => e.id)).toEqual(['new', 'old']);
    const result = await faq.importFile('m1', 'json', JSON.stringify([{ ...base, id: 'new', answer: '新的答案' }]), { mode: 'replace' });
    expect(result).toEqual({ created: 0, updated: 1, deleted: 1, total: 1 });
    expect((await faq.all('m1')).map((e) => [e.id, e.answer])).toEqual([['new', '新的答案']]);
  });

  it('reports JSON problems by entry number, including duplicate ids', async () => {
    const faq = new FaqService(createMemoryStore());
    const problems = problemsOf(await rejection(faq.importFile('m1', 'json', JSON.stringify([{ ...base, id: 'x' }, { ...base, id: 'x' }, { id: 'y' }]))));
    expect(problems.map((p) => p.line)).toEqual([2, 3]);
    expect(problemsOf(await rejection(faq.importFile('m1', 'json', '{not json')))[0]!.message).toContain('JSON');
  });

  it('answers from the knowledge base with the tenant thresholds, and hands off with an empty one', async () => {
    const faq = new FaqService(createMemoryStore());
    expect(await faq.decide('m1', '花呗怎么还款')).toMatchObject({ decision: 'handoff', reason: 'emptyKnowledgeBase', matches: [] });
    await faq.importFile('m1', 'json', JSON.stringify(defaultFaq));
    const answered = await faq.decide('m1', '花呗怎么还款');
    expect(answered.decision).toBe('answer');
    expect(answered.matches[0]?.faqId).toBe('huabei-repay');
    await faq.putSettings('m1', { answer: 1, answerMargin: 1, suggest: 0.05 });
    expect((await faq.decide('m1', '花呗怎么还款')).decision).toBe('suggest');
    await expect(faq.putSettings('m1', { answer: 0.1, answerMargin: 0, suggest: 0.5 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('saves the index in the store so another process loads it instead of rebuilding', async () => {
    const store = createMemoryStore();
    const first = new FaqService(store);
    await first.importFile('m1', 'json', JSON.stringify(defaultFaq));
    const ranked = (await first.matcher('m1')).rank('退款怎么还没到账');
    const saved = await first.savedIndexVersion('m1');
    expect(saved).toBeGreaterThan(0);

    const build = jest.spyOn(FaqMatcher, 'build');
    try {
      const coldStart = new FaqService(store);
      expect((await coldStart.matcher('m1')).rank('退款怎么还没到账')).toEqual(ranked);
      expect(build).not.toHaveBeenCalled();
      // A change to the knowledge base makes the saved index stale: it is rebuilt (off the write) and saved again.
      await coldStart.setEnabled('m1', 'refund-progress', false);
      expect((await coldStart.current('m1')).rank('退款怎么还没到账').map((m) => m.faqId)).not.toContain('refund-progress');
      expect(build).toHaveBeenCalledTimes(1);
      expect(await coldStart.savedIndexVersion('m1')).toBeGreaterThan(saved!);
    } finally {
      build.mockRestore();
    }
  });

  it('derives the answer threshold from a precision target: a stricter target answers less', async () => {
    const faq = new FaqService(createMemoryStore());
    const defaults = await faq.settings('m1');
    const strict = await faq.putSettings('m1', { ...defaults, precision: 0.99 });
    const loose = await faq.putSettings('m1', { ...defaults, precision: 0.8 });
    expect(strict.answer).toBeGreaterThan(loose.answer);
    expect(strict.suggest).toBeLessThanOrEqual(strict.answer);
    expect(await faq.settings('m1')).toEqual(loose);
    // Without a target the thresholds are stored as given.
    expect(await faq.putSettings('m1', { answer: 0.6, answerMargin: 0, suggest: 0.3 })).toEqual({ answer: 0.6, answerMargin: 0, suggest: 0.3 });
  });

  it("keeps answering from the previous matcher while another instance's large change is rebuilt, then from the new one", async () => {
    const store = createMemoryStore();
    let now = Date.parse('2026-12-01T10:00:00Z');
    const clock = () => new Date(now);
    const serving = new FaqService(store, clock);
    const admin = new FaqService(store, clock);
    await serving.create('m1', { ...base, id: 'refund-progress' });
    expect((await serving.decide('m1', '退款进度怎么查')).matches[0]?.faqId).toBe('refund-progress');
    // 3,000 entries take far longer to build than a question waits.
    const big = Array.from({ length: 3000 }, (_, i) => ({ id: `e${i}`, category: 'other', question: `第${i}号商品的售后问题${i}`, answer: `第${i}号商品的售后说明` }));
    await admin.importFile('m1', 'json', JSON.stringify([{ ...base, id: 'refund-progress', question: '退款进度在哪里查' }, ...big]), { mode: 'replace' });
    // No saved index to load (as when the other instance died before saving): serving must build.
    await store.tenant('m1').writeMany([{ op: 'delete', table: faqTables.index, key: ['current'] }]);
    now += 2000;
    const meanwhile = await serving.matcher('m1');
    expect(meanwhile.size).toBe(1);
    expect((await serving.decide('m1', '退款进度怎么查')).matches[0]?.faqId).toBe('refund-progress');
    let next = meanwhile;
    for (let i = 0; i < 600 && next.size === 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      next = await serving.matcher('m1');
    }
    expect(next.size).toBe(3001);
    expect(next.rank('第1234号商品的售后问题')[0]?.faqId).toBe('e1234');
  });
});
