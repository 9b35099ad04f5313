import { categories, type Category } from './Entity';
import { categoryExamples } from './categoryExamples';
import { classify, defaultTrainingSet, stripCourtesy, stripNegated, trainModel } from './classify';
import { normalize } from './normalize';

describe('classify', () => {
  it('has at least 40 original examples per category', () => {
    for (const c of categories) expect(categoryExamples[c].length).toBeGreaterThanOrEqual(40);
  });

  it('scores well on a held-out fifth of the examples (trained on the other four fifths)', () => {
    const train = {} as Record<Category, string[]>;
    const test: [string, Category][] = [];
    for (const c of categories) {
      train[c] = [];
      categoryExamples[c].forEach((text, i) => (i % 5 === 4 ? test.push([text, c]) : train[c].push(text)));
    }
    const model = trainModel(train);
    const right = test.filter(([text, c]) => classify(normalize(text).text, model).category === c).length;
    const accuracy = right / test.length;
    expect(test.length).toBeGreaterThanOrEqual(85);
    expect(accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it('learns from the scenario taxonomy\'s phrasings too: a held-out fifth of the category examples scores higher', () => {
    const accuracy = (withTaxonomy: boolean) => {
      let right = 0;
      let n = 0;
      for (let fold = 0; fold < 5; fold++) {
        const train = defaultTrainingSet(withTaxonomy ? undefined : []);
        const test: [string, Category][] = [];
        for (const c of categories) {
          train[c] = train[c].filter((text) => {
            const i = categoryExamples[c].indexOf(text);
            if (i >= 0 && i % 5 === fold) test.push([text, c]);
            return i < 0 || i % 5 !== fold;
          });
        }
        const model = trainModel(train);
        n += test.length;
        right += test.filter(([text, c]) => classify(normalize(text).text, model).category === c).length;
      }
      return right / n;
    };
    // 88.7 % -> 94.2 % when written.
    expect(accuracy(true)).toBeGreaterThanOrEqual(0.92);
    expect(accuracy(true)).toBeGreaterThan(accuracy(false) + 0.03);
  });

  it.each([
    ['不是转账,是退款', 'refund'],
    ['不是花呗的问题,是余额宝转出没到账', 'wealth'],
    ['并非付款问题,而是账户被盗了', 'account'],
    ['我昨天给朋友转了350块对方说没收到', 'transfer'],
    ['花呗怎么分期还款', 'credit'],
    ['水电燃气费交不了', 'life'],
    ['收钱码的费率是多少', 'merchant'],
    ['想导出交易记录', 'bill'],
    ['境外消费被拒付', 'payment'],
    ['谢谢你', 'other'],
    ['咋个查账单嘛', 'bill'],
  ])('%s -> %s', (text, category) => {
    expect(classify(normalize(text).text).category).toBe(category);
  });

  it('gives a confidence and a different runner-up', () => {
    const r = classify('退款');
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.runnerUp.category).not.toBe(r.category);
    expect(r.runnerUp.confidence).toBeLessThanOrEqual(r.confidence);
  });

  it('drops greetings, thanks and fillers around a request, not a message that is nothing else', () => {
    expect(stripCourtesy('在吗 我的退款呢').replace(/\s+/g, '')).toBe('我的退款');
    expect(stripCourtesy('你好')).toBe('你好');
    expect(stripCourtesy('谢谢啦')).toBe('谢谢啦');
    // 额 of 额度 and 亲 of 亲情卡 are no fillers.
    expect(stripCourtesy('额度怎么提')).toBe('额度怎么提');
    expect(stripCourtesy('亲情卡怎么开')).toBe('亲情卡怎么开');
    // Nor are 人 of 人工, 吧 of 酒吧 and 麻烦 of 太麻烦了.
    expect(stripCourtesy('有没有人工客服电话').replace(/\s+/g, '')).toBe('有没有人工客服电话');
    expect(stripCourtesy('酒吧消费被多扣了').replace(/\s+/g, '')).toBe('酒吧消费被多扣了');
    expect(stripCourtesy('退款太麻烦了').replace(/\s+/g, '')).toBe('退款太麻烦了');
    expect(classify(normalize('你好你好 请问一下 我的退款怎么还没到 谢谢你').text).category).toBe('refund');
  });

  it('drops negated clauses only', () => {
    expect(stripNegated('不是转账,是退款')).toBe(' ,是退款');
    // Denying who did it keeps the topic: a charge the user did not make.
    expect(stripNegated('不是我本人的消费')).toBe('不是我本人的消费');
  });
});
