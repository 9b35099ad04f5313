import { createMemoryStore } from '../store/drivers';
import { staticCustomerData, type CustomerEvent } from '../customer';
import { FaqService } from './FaqService';
import { predictQuestions } from './predictQuestions';
import { defaultFaq } from '../../mock/seed/defaultFaq';

const now = new Date('2026-11-25T10:00:00+08:00');
const ago = (min: number) => new Date(now.getTime() - min * 60_000).toISOString();

function customers(events: Record<string, CustomerEvent[]>) {
  return staticCustomerData((_tenant, userId) => events[userId] ?? [], () => now);
}

describe('predictQuestions (猜你想问)', () => {
  it('puts the question an event makes likely first, then the most asked', async () => {
    const faq = new FaqService(createMemoryStore());
    await faq.importFile('m1', 'json', JSON.stringify(defaultFaq));
    const db = faq.storeOf('m1');
    await db.increment('faqStat', ['yuebao-income'], 'hits', 7);
    await db.increment('faqStat', ['huabei-repay'], 'hits', 3);
    const data = customers({ a: [{ type: 'paymentFailed', at: ago(12) }], b: [{ type: 'paymentFailed', at: ago(90) }], c: [{ type: 'refundPending', at: ago(3 * 24 * 60) }] });

    const a = await predictQuestions(faq, data, 'm1', 'a', now);
    expect(a.map((q) => [q.faqId, q.reason])).toEqual([
      ['payment-failed', 'paymentFailed'],
      ['yuebao-income', 'mostAsked'],
      ['huabei-repay', 'mostAsked'],
    ]);
    // A failed payment an hour and a half ago no longer predicts anything.
    expect((await predictQuestions(faq, data, 'm1', 'b', now))[0]).toMatchObject({ faqId: 'yuebao-income', reason: 'mostAsked' });
    expect((await predictQuestions(faq, data, 'm1', 'c', now))[0]).toMatchObject({ faqId: 'refund-progress', question: '退款进度怎么查', reason: 'refundPending' });
  });

  it("finds the merchant's own entry for an event when the default one is not in its knowledge base", async () => {
    const faq = new FaqService(createMemoryStore());
    await faq.importFile('m2', 'json', JSON.stringify([
      { id: 'pay-fail', category: 'payment', question: '付款失败了怎么办', answer: '换一种付款方式再试' },
      { id: 'hours', category: 'other', question: '营业时间是几点', answer: '9点到21点' },
      { id: 'parking', category: 'other', question: '有停车场吗', answer: '有' },
      { id: 'wifi', category: 'other', question: '店里有无线网络吗', answer: '有' },
    ]));
    const questions = await predictQuestions(faq, customers({ a: [{ type: 'paymentFailed', at: ago(5) }] }), 'm2', 'a', now);
    expect(questions[0]).toMatchObject({ faqId: 'pay-fail', reason: 'paymentFailed' });
    expect(questions.length).toBe(3);
    // A merchant without statistics gets one question from each of the most asked categories.
    const fresh = new FaqService(createMemoryStore());
    await fresh.importFile('m3', 'json', JSON.stringify(defaultFaq));
    expect((await predictQuestions(fresh, customers({}), 'm3', 'x', now)).map((q) => q.faqId.split('-')[0])).toEqual(['transfer', 'payment', 'refund']);
    // An empty knowledge base predicts nothing rather than failing.
    expect(await predictQuestions(faq, customers({}), 'empty', 'a', now)).toEqual([]);
  });
});
