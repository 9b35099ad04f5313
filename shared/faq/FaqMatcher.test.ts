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

  it('answers a question about the human service from the entry that has it; asking for a person still hands off', () => {
    const hours = FaqMatcher.build([...kb, { id: 'service-hours', question: '人工客服的工作时间', similar: ['客服几点上班'], answer: '人工客服每天 9:00-21:00 在线。', enabled: true }]);
    const asked = hours.match('人工客服几点上班');
    expect(asked.matches[0]?.faqId).toBe('service-hours');
    expect(asked.reason).not.toBe('explicitRequest');
    expect(hours.match('转人工 问下几点上班')).toMatchObject({ decision: 'handoff', reason: 'explicitRequest' });
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

describe('FaqMatcher on a long question that tells its story first', () => {
  // A carrier's base. The traveller never says 漫游; the roaming entry's answer has 到了当地, 打电话,
  // 上网, and the ID entry's question has 需要 and 什么, which the question has too.
  const matcher = FaqMatcher.build([
    { id: 'roam', question: '出国怎么开通国际漫游', similar: [], answer: '出国前在「我的-国际漫游」开通,到了当地开机就能打电话、上网,按天计费。' },
    { id: 'port', question: '携号转网需要满足什么条件', similar: ['转网要什么条件'], answer: '号码已实名、无欠费、不在合约期内,发送 CXXZ 到 10086 查询是否可转。' },
    { id: 'plan', question: '怎么更换套餐', similar: [], answer: '在「我的-套餐」选择新套餐,次月生效。' },
    { id: 'id', question: '办卡需要带什么', similar: [], answer: '本人身份证原件。' },
  ]);

  it('weighs the answers fully, so the entry whose answer tells that story ranks first', () => {
    // With answers at half weight for every question, the ID entry came first for these two.
    expect(matcher.retrieve('下周去泰国 开机就能用吗 需要办什么', 2)[0]).toBe('roam');
    expect(matcher.retrieve('我要出差 到了当地能不能打电话 需要带什么', 2)[0]).toBe('roam');
    expect(matcher.retrieve('下个月要去日本玩 第一次出国 我这个号到了那边还能不能打电话上网 需不需要提前弄什么', 2)[0]).toBe('roam');
  });

  it('still meets a short question by its phrasings', () => {
    expect(matcher.retrieve('转网条件', 1)[0]).toBe('port');
    expect(matcher.retrieve('换套餐', 1)[0]).toBe('plan');
  });
});

describe('FaqMatcher beside its plain BM25 peer', () => {
  // 余额宝 is in the transfer entry's question and in the payment entry's answer; the question's
  // other words (付款) are in that answer only. The peer, which counts how many of the question's
  // terms an entry has, tells the two apart where the ranking alone was almost even (with PEER_WEIGHT 0
  // the first question's two best were 0.38 and 0.30).
  const matcher = FaqMatcher.build([
    { id: 'transfer', question: '余额宝怎么转出', answer: '在余额宝页面点转出,选到账时间即可。' },
    { id: 'pay', question: '支持哪些付款方式', answer: '可用银行卡、花呗、账户余额和余额宝付款,暂不支持货到付款。' },
    { id: 'refund', question: '退款原路返回吗', answer: '退款按付款方式原路退回,花呗付款退回花呗。' },
    { id: 'invoice', question: '怎么开发票', answer: '订单完成后在订单详情里申请电子发票。' },
  ]);

  it.each(['可以用余额宝付款嘛', '余额宝能付款吗', '用余额宝付款行吗'])('is clearly surer of the entry whose answer has the question (%s)', (q) => {
    const [first, second] = matcher.rank(q, 2);
    expect(first!.faqId).toBe('pay');
    expect(first!.score).toBeGreaterThan(2 * second!.score);
  });
});
