import { withoutIdentifiers } from './withoutIdentifiers';

describe('withoutIdentifiers (what the FAQ matches a question on)', () => {
  it('drops phone, card, ID and order numbers with the words that introduced them', () => {
    expect(withoutIdentifiers('花呗怎么还款 我手机13812345678')).toBe('花呗怎么还款');
    expect(withoutIdentifiers('我手机138****5678 花呗怎么还款')).toBe('花呗怎么还款');
    expect(withoutIdentifiers('订单号2026112722001418529999999999退款多久到账')).toBe('退款多久到账');
    expect(withoutIdentifiers('身份证号11010519491231002X 怎么实名')).toBe('怎么实名');
  });

  it('keeps amounts, dates and short numbers, and a question that is only a number', () => {
    expect(withoutIdentifiers('转账5000元多久到账')).toBe('转账5000元多久到账');
    expect(withoutIdentifiers('11月30日的账单')).toBe('11月30日的账单');
    expect(withoutIdentifiers('13812345678')).toBe('13812345678');
  });

  it('keeps the words of a label that introduces no number: they are the question', () => {
    expect(withoutIdentifiers('换手机号')).toBe('换手机号');
    expect(withoutIdentifiers('怎么查订单号')).toBe('怎么查订单号');
    expect(withoutIdentifiers('绑定的银行卡号 忘了')).toBe('绑定的银行卡号 忘了');
  });

  it('takes a whole number, in full width or after a full-width colon, and a label only where it stands as one', () => {
    expect(withoutIdentifiers('手机号码：13812345678，验证码收不到')).toBe('，验证码收不到');
    expect(withoutIdentifiers('手机号,13812345678 忘了密码')).toBe('忘了密码');
    expect(withoutIdentifiers('订单号 ：202311201234 退款')).toBe('退款');
    expect(withoutIdentifiers('换手机号13812345678怎么弄')).toBe('换手机号 怎么弄');
    expect(withoutIdentifiers('银行卡号6222021234567890123 扣款失败')).toBe('银行卡号 扣款失败');
    expect(withoutIdentifiers('订单号 1511202311201234 没发货')).toBe('没发货');
    expect(withoutIdentifiers('我手机１３８１２３４５６７８ 登不上')).toBe('登不上');
  });
});
