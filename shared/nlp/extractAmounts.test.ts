import { extractAmounts } from './extractAmounts';

function one(text: string) {
  const found = extractAmounts(text);
  return found.map((s) => ({ text: text.slice(s.start, s.end), value: s.value }));
}

describe('extractAmounts', () => {
  it.each([
    ['昨天转了350元给他', '350元', 350],
    ['付款￥20.5失败', '￥20.5', 20.5],
    ['扣了¥1,299.00', '¥1,299.00', 1299],
    ['花了三百五十块', '三百五十块', 350],
    ['借了两千三块钱', '两千三块钱', 2300],
    ['一万二元的分期', '一万二元', 12000],
    ['转账1.5万元', '1.5万元', 15000],
    ['还款2k元', '2k元', 2000],
    ['找零5毛', '5毛', 0.5],
    ['就三块五', '三块五', 3.5],
    ['一块二毛五', '一块二毛五', 1.25],
    ['壹佰元整', '壹佰元整', 100],
    ['昨天下午三点给138****转了350块,对方说没收到', '350块', 350],
    ['我转了350对方没收到', '350', 350],
    ['扣款1.5万', '1.5万', 15000],
    ['退款 88.8 元还没到', '88.8 元', 88.8],
    // The 一 of 一直/一共/一笔 is a word of its own, not 一角; 块钱 ends an amount.
    ['转出去的500块钱一直没到', '500块钱', 500],
    ['买了50块一共三件', '50块', 50],
    ['退了30块一笔', '30块', 30],
    ['三块一的那个', '三块一', 3.1],
  ])('%s -> %s = %d CNY', (text, span, amount) => {
    expect(one(text)).toEqual([{ text: span, value: { amount, currency: 'CNY' } }]);
  });

  it.each([
    ['刷了20美元', '20美元', 20, 'USD'],
    ['$15.99 的订阅', '$15.99', 15.99, 'USD'],
    ['境外消费500港币', '500港币', 500, 'HKD'],
    ['在日本花了3000日元', '3000日元', 3000, 'JPY'],
    ['扣了12欧元', '12欧元', 12, 'EUR'],
    ['英国消费20英镑', '20英镑', 20, 'GBP'],
  ])('%s -> %s = %d %s', (text, span, amount, currency) => {
    expect(one(text)).toEqual([{ text: span, value: { amount, currency } }]);
  });

  it.each([
    ['大概十几块', '十几块', 10, 19],
    ['几百块钱而已', '几百块钱', 100, 999],
    ['一百多元', '一百多元', 100, 199],
    ['二十几块', '二十几块', 20, 29],
    ['两三百块', '两三百块', 200, 300],
  ])('vague %s -> %s in [%d, %d]', (text, span, min, max) => {
    expect(one(text)).toEqual([{ text: span, value: { min, max, currency: 'CNY', approx: true } }]);
  });

  it.each([
    '兑换10000个积分',
    '分了12期',
    '买了150斤大米',
    '给了5星好评',
    '手机13812345678',
    '订单号2026112322001412341234567890',
    '转了2次',
    '借了12期',
    '3个月分期',
    '我的验证码是123456',
  ])('%s has no amount', (text) => {
    expect(one(text)).toEqual([]);
  });

  // Money without a unit word, in a sentence about money (issue 21 item 7).
  it.each([
    ['额度只有2.5万', '2.5万', 25000],
    ['上个月给他转了3万过去', '3万', 30000],
    ['借了两万五还没到', '两万五', 25000],
    ['这个月还款四千八', '四千八', 4800],
    ['昨天充了5k进去', '5k', 5000],
    ['转了一百五给朋友', '一百五', 150],
    ['余额还有四千八怎么提不出来', '四千八', 4800],
    ['花呗额度两万五能提额吗', '两万五', 25000],
    ['转账给他两万五他说没收到', '两万五', 25000],
    ['我一个月工资八千五', '八千五', 8500],
  ])('about money: %s -> %s = %d CNY', (text, span, amount) => {
    expect(one(text)).toEqual([{ text: span, value: { amount, currency: 'CNY' } }]);
  });

  it.each(['等了3万年', '我买了两万五千个零件', '一百五十个人', '第3万名', '5k跑步', '四千八百米', '千万别转账给陌生人', '万一转账失败怎么办', '转账时十点半到账', '还款日是每月十五号', '转账三十天内能退吗', '十月份的账单', '转账兑换了10000个积分'])(
    'a magnitude that is not money: %s has no amount',
    (text) => {
      expect(one(text)).toEqual([]);
    },
  );

  it('finds several amounts in one message', () => {
    expect(one('原价99元,优惠后扣了79.9元,退我19.1元').map((a) => a.text)).toEqual(['99元', '79.9元', '19.1元']);
  });

  it('finishes adversarial 2,000-character input quickly', () => {
    const started = Date.now();
    for (const s of ['一'.repeat(2000), '1'.repeat(2000), '1,'.repeat(1000), '转'.repeat(2000), '几十几百'.repeat(500), '1.1.'.repeat(500), '三块五毛'.repeat(500)]) {
      extractAmounts(s);
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
