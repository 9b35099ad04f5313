import { withoutIdentifiers } from './withoutIdentifiers';

describe('withoutIdentifiers (what the FAQ matches a question on)', () => {
  it.each([
    // Phone, card, ID and order numbers go with the words that introduced them.
    ['花呗怎么还款 我手机13812345678', '花呗怎么还款'],
    ['我手机138****5678 花呗怎么还款', '花呗怎么还款'],
    ['订单号2026112722001418529999999999退款多久到账', '退款多久到账'],
    ['身份证号11010519491231002X 怎么实名', '怎么实名'],
    // Whole numbers only, in full width too, after a full-width colon or a comma.
    ['手机号码：13812345678，验证码收不到', '，验证码收不到'],
    ['手机号,13812345678 忘了密码', '忘了密码'],
    ['订单号 ：202311201234 退款', '退款'],
    ['订单号 1511202311201234 没发货', '没发货'],
    ['我手机１３８１２３４５６７８ 登不上', '登不上'],
    // A label inside the question is the question: only its number goes.
    ['换手机号13812345678怎么弄', '换手机号 怎么弄'],
    ['银行卡号6222021234567890123 扣款失败', '银行卡号 扣款失败'],
  ])('%s -> %s', (question, asked) => {
    expect(withoutIdentifiers(question)).toBe(asked);
  });

  it.each([
    // Amounts, dates, short numbers, and a question that is only a number.
    '转账5000元多久到账',
    '11月30日的账单',
    '13812345678',
    // A label that introduces no number: 换手机号 was matched as 换 and not answered.
    '换手机号',
    '怎么查订单号',
    '绑定的银行卡号 忘了',
  ])('keeps %s as it is', (question) => {
    expect(withoutIdentifiers(question)).toBe(question);
  });
});
