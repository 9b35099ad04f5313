import { createMemoryStore } from '../store/drivers';
import { FaqMatcher } from './FaqMatcher';
import { FaqService } from './FaqService';
import { PendingEdits } from './PendingEdits';

const T = 'm1';
const entries = [
  { id: 'refund-time', category: 'refund', question: '退款多久到账', answer: '原路退回,1-3 个工作日到账' },
  { id: 'invoice', category: 'other', question: '怎么开发票', answer: '在订单页申请电子发票' },
  { id: 'delivery-fee', category: 'other', question: '配送费怎么收', answer: '满 39 元免配送费' },
];

describe('FaqService with a rebuild that has not finished (PendingEdits)', () => {
  afterEach(() => jest.restoreAllMocks());

  async function serving() {
    const faq = new FaqService(createMemoryStore());
    for (const e of entries) await faq.create(T, e);
    // The matcher of the base as it is now serves; every rebuild from here on never finishes.
    expect((await faq.decide(T, '退款多久到账')).matches[0]?.faqId).toBe('refund-time');
    jest.spyOn(FaqMatcher, 'buildInSlices').mockReturnValue(new Promise<FaqMatcher>(() => undefined));
    return faq;
  }

  it('answers a phrasing just added with its entry at once, and the write does not wait for the rebuild', async () => {
    const faq = await serving();
    const current = await faq.get(T, 'invoice');
    await faq.update(T, 'invoice', { ...current, similar: ['报销凭证在哪里弄'] });
    const { result, entries: shown } = await faq.decideWithEntries(T, '报销凭证在哪里弄');
    expect(result).toMatchObject({ decision: 'answer', reason: 'confident', matches: [{ faqId: 'invoice', score: 1 }] });
    expect(shown[0]?.similar).toEqual(['报销凭证在哪里弄']);
    // A new entry too, and its card carries what was saved.
    await faq.create(T, { id: 'points', category: 'other', question: '积分怎么兑换礼品', answer: '在积分商城兑换' });
    expect((await faq.decide(T, '积分怎么兑换礼品')).matches[0]?.faqId).toBe('points');
    expect((await faq.enabledEntry(T, 'points'))?.answer).toBe('在积分商城兑换');
  });

  it('no longer offers an entry deleted or disabled meanwhile, and an edited answer is the new one', async () => {
    const faq = await serving();
    await faq.delete(T, 'refund-time');
    const after = await faq.decide(T, '退款多久到账');
    expect(after.matches.map((m) => m.faqId)).not.toContain('refund-time');
    expect(after.decision).not.toBe('answer');
    await faq.setEnabled(T, 'invoice', false);
    expect(await faq.enabledEntry(T, 'invoice')).toBeUndefined();
    const fee = await faq.get(T, 'delivery-fee');
    await faq.update(T, 'delivery-fee', { ...fee, answer: '满 49 元免配送费' });
    const { entries: shown } = await faq.decideWithEntries(T, '配送费怎么收');
    expect(shown[0]?.answer).toBe('满 49 元免配送费');
  });
});

describe('PendingEdits', () => {
  const entry = { id: 'a', category: 'other', question: '怎么开发票', similar: [], answer: 'x', actions: [], enabled: true, createdAt: '', updatedAt: '' };
  const decided = { result: { decision: 'suggest' as const, reason: 'lowConfidence' as const, matches: [{ faqId: 'b', score: 0.4 }] }, entries: [undefined] };

  it('stops correcting once a matcher of the edits\' version serves', () => {
    const pending = new PendingEdits();
    // Written on version 6: a matcher of version 6 does not hold it, one of 7 does.
    pending.record(T, 6, 'a', entry);
    expect(pending.apply(T, 6, '怎么开发票', decided).result.matches[0]?.faqId).toBe('a');
    expect(pending.apply(T, 7, '怎么开发票', decided)).toBe(decided);
    expect(pending.entry(T, 6, 'a')).toBeUndefined();
  });

  it('keeps the newer of two edits of one entry, whichever is recorded last', () => {
    const pending = new PendingEdits();
    pending.record(T, 9, 'a', { ...entry, answer: 'newer' });
    pending.record(T, 8, 'a', { ...entry, answer: 'older' });
    expect(pending.entry(T, 8, 'a')?.answer).toBe('newer');
  });

  it('stops correcting an entry the serving matcher holds a later version of', () => {
    const pending = new PendingEdits();
    // X edited here on version 5; Y on 7. A matcher of 6 holds X as another instance wrote it at 5.
    pending.record(T, 5, 'x', { ...entry, id: 'x', answer: 'ours' });
    pending.record(T, 7, 'y', { ...entry, id: 'y' });
    expect(pending.entry(T, 6, 'x')).toBeUndefined();
    expect(pending.entry(T, 6, 'y')?.id).toBe('y');
    expect(pending.entry(T, 5, 'x')?.answer).toBe('ours');
  });

  it('leaves a request for a person alone', () => {
    const pending = new PendingEdits();
    pending.record(T, 1, 'a', { ...entry, similar: ['转人工'] });
    const human = { result: { decision: 'handoff' as const, reason: 'explicitRequest' as const, matches: [] }, entries: [] };
    expect(pending.apply(T, 1, '转人工', human).result.decision).toBe('handoff');
  });
});
