import { fixHomophones, toneless } from './homophones';

describe('fixHomophones (pinyin-input typos of the domain words)', () => {
  it.each([
    ['花贝还款日是哪天', '花呗还款日是哪天'],
    ['借被还了没', '借呗还了没'],
    ['我的帐单呢', '我的账单呢'],
    ['钱到帐了吗', '钱到账了吗'],
    ['转帐失败', '转账失败'],
    ['付宽没成功', '付款没成功'],
    ['话费冲值', '话费充值'],
    ['定单在哪', '订单在哪'],
    ['支付包的余额', '支付宝的余额'],
    ['快滴到哪了', '快递到哪了'],
    ['包过签手了', '包裹签收了'],
    ['信用咔还款', '信用卡还款'],
    ['充值老是失拜', '充值老是失败'],
  ])('%s -> %s', (typed, meant) => {
    expect(fixHomophones(typed)).toBe(meant);
  });

  it.each(['重置密码', '换款式', '很快的', '牵手', '花呗', '我想退货', '衣服太宽了', 'abc 123', '😀', '是白的'])('%s stays as it is', (text) => {
    expect(fixHomophones(text)).toBe(text);
  });

  it('keeps every other character and the length (offsets stay valid)', () => {
    const typed = '😀 上个月帐单 350';
    expect(fixHomophones(typed)).toBe('😀 上个月账单 350');
    expect(fixHomophones(typed)).toHaveLength(typed.length);
  });

  it('reads names by their sound: 家具 and 家居 sound the same', () => {
    expect(toneless('家具店')).toEqual(['jia', 'ju', 'dian']);
    expect(toneless('优品家居').slice(2)).toEqual(['jia', 'ju']);
    expect(toneless('借呗A')).toEqual(['jie', 'bei', 'a']);
  });
});
