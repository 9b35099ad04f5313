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
});
