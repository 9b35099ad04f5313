import { FaqMatcher } from './FaqMatcher';
import { canonicalText, pinyinBigrams } from './faqText';

const kb = [
  { id: 'jiebei-repay', question: '借呗怎么还款', similar: ['借呗还钱'], enabled: true },
  { id: 'huabei-limit', question: '花呗额度怎么提升', similar: ['花呗怎么提额'], enabled: true },
  { id: 'qr-apply', question: '收款码怎么申请', similar: [], enabled: true },
  { id: 'refund-progress', question: '退款多久到账', similar: ['退款进度怎么查'], enabled: true },
  { id: 'transfer-missing', question: '转账对方没收到怎么办', similar: [], enabled: true },
  { id: 'disabled', question: '余额宝怎么转出', similar: [], enabled: false },
];

describe('faq text', () => {
  it('rewrites synonyms and drops filler so paraphrases meet', () => {
    expect(canonicalText('请问蚂蚁花呗怎样提额呢？')).toBe(canonicalText('花呗如何提升额度'));
    expect(canonicalText('收钱码')).toBe('收款码');
  });

  it('gives homophone typos the same pinyin bigrams', () => {
    expect(pinyinBigrams('借贝')).toEqual(pinyinBigrams('借呗'));
    expect(pinyinBigrams('收款妈')).toEqual(pinyinBigrams('收款码'));
  });
});

describe('FaqMatcher', () => {
  const matcher = FaqMatcher.build(kb);

  it.each([
    ['借贝咋还款', 'jiebei-repay'],
    ['蚂蚁花呗如何提额', 'huabei-limit'],
    ['收款妈在哪申请', 'qr-apply'],
    ['退款进度在哪里查', 'refund-progress'],
    ['转帐了对方说没到账', 'transfer-missing'],
  ])('ranks %s first as %s', (query, id) => {
    expect(matcher.rank(query, 5)[0]?.faqId).toBe(id);
  });

  it('never returns disabled entries and scores in [0, 1], best first', () => {
    const ranked = matcher.rank('余额宝转出', 5);
    expect(ranked.map((m) => m.faqId)).not.toContain('disabled');
    for (const m of ranked) expect(m.score).toBeGreaterThanOrEqual(0);
    const scores = matcher.rank('借呗还款', 5).map((m) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[0]).toBeLessThanOrEqual(1);
  });

  it('hands off on an explicit request for a person and on an empty knowledge base', () => {
    expect(matcher.match('借呗还款 转人工')).toMatchObject({ decision: 'handoff', reason: 'explicitRequest' });
    expect(FaqMatcher.build([]).match('借呗怎么还款')).toEqual({ decision: 'handoff', matches: [], reason: 'emptyKnowledgeBase' });
  });

  it('saves and loads its index with the same rankings', () => {
    const loaded = FaqMatcher.fromJSON(JSON.parse(JSON.stringify(matcher.toJSON())));
    expect(loaded).toBeDefined();
    for (const q of ['借贝咋还款', '花呗提额', '退款到账', '借呗还钱']) expect(loaded!.rank(q, 5)).toEqual(matcher.rank(q, 5));
    // The phrasings come back too: a similar question asked as written is still sure.
    expect(loaded!.signals('借呗还钱', 1)[0]!.signals.phrasingOverlap).toBe(1);
    const saved = matcher.toJSON();
    expect(FaqMatcher.fromJSON({ ...saved, phrasings: { ...saved.phrasings, byEntry: 'AAAA' } })).toBeUndefined();
    expect(FaqMatcher.fromJSON({ ...saved, phrasings: { ...saved.phrasings, terms: 'AAAA' } })).toBeUndefined();
    expect(FaqMatcher.fromJSON({ ...saved, phrasings: { ...saved.phrasings, start: 'not base64!' } })).toBeUndefined();
    // A saved form of another version is refused, so the caller rebuilds instead of misreading it.
    expect(FaqMatcher.fromJSON({ index: {}, size: 2 })).toBeUndefined();
  });
});

describe("FaqMatcher on a shop's own words", () => {
  const shop = FaqMatcher.build([
    { id: 'fee', question: '配送费怎么收', answer: '基础配送费 3 元,订单满 39 元免配送费。' },
    { id: 'time', question: '多久能送到', answer: '一般下单后 30-45 分钟送达。' },
    { id: 'refund-time', question: '退款多久到账', answer: '审核通过后原路退回,1-3 个工作日到账。' },
    { id: 'coupon-use', question: '优惠券怎么使用', answer: '结算页会自动选择最优的券。' },
    { id: 'coupon-fail', question: '优惠券为什么用不了', answer: '请查看券的使用门槛和有效期。' },
  ]);

  it.each([
    ['送货要钱吗', 'fee'],
    ['优惠卷咋用', 'coupon-use'],
    ['券为啥用不了', 'coupon-fail'],
    ['退的钱啥时候到', 'refund-time'],
  ])('ranks %s first as %s (colloquial forms, typos, concepts)', (query, id) => {
    expect(shop.rank(query, 5)[0]?.faqId).toBe(id);
  });

  it('answers the question as written, hands off one the base does not cover', () => {
    expect(shop.match('优惠券怎么使用')).toMatchObject({ decision: 'answer', reason: 'confident' });
    expect(shop.match('今天天气怎么样')).toMatchObject({ decision: 'handoff', reason: 'lowConfidence' });
  });

  it('is as sure of an entry as the thresholds demand: a stricter answer threshold suggests instead', () => {
    const top = shop.match('优惠券咋用').matches[0]!.score;
    expect(shop.match('优惠券咋用', { answer: top + 0.01, answerMargin: 0, suggest: 0.01 }).decision).toBe('suggest');
  });

  it('is sure of a question asked as the merchant wrote one of the phrasings, and of no paraphrase as much', () => {
    const [asWritten] = shop.signals('优惠券怎么使用', 1);
    expect(asWritten!.signals.phrasingOverlap).toBe(1);
    expect(shop.rank('优惠券怎么使用', 1)[0]!.score).toBe(1);
    const [paraphrase] = shop.signals('我的券咋用不了', 1);
    expect(paraphrase!.signals.phrasingOverlap).toBeLessThan(1);
    expect(shop.rank('我的券咋用不了', 1)[0]!.score).toBeLessThan(1);
  });

  it('is not sure of a phrasing two entries share: the merchant did not say which one answers it', () => {
    const twice = FaqMatcher.build([
      { id: 'refund-cancel', question: '取消订单后怎么退款', similar: ['怎么退款'] },
      { id: 'refund-return', question: '退货后怎么退款', similar: ['怎么退款'] },
      { id: 'coupon', question: '优惠券怎么用' },
    ]);
    const [top] = twice.signals('怎么退款', 1);
    expect(top!.signals.phrasingOverlap).toBe(1);
    expect(top!.signals.rivalPhrasingOverlap).toBe(1);
    expect(twice.rank('怎么退款', 1)[0]!.score).toBeLessThan(1);
    expect(twice.match('怎么退款', { answer: 0.5, answerMargin: 0.3, suggest: 0.1 }).decision).toBe('suggest');
  });
});
