import { extractIdentifiers } from './extractIdentifiers';

const ids = (text: string) => extractIdentifiers(text).map((s) => ({ type: s.type, text: text.slice(s.start, s.end), value: s.value }));

describe('extractIdentifiers', () => {
  it('finds Alipay trade numbers with or without a label, and labelled merchant orders', () => {
    expect(ids('交易号2026112322001412341234567890没到账')).toEqual([
      { type: 'orderNo', text: '2026112322001412341234567890', value: { orderNo: '2026112322001412341234567890', kind: 'alipayTrade' } },
    ]);
    expect(ids('这笔 2026112322001412341234567890 的钱')).toHaveLength(1);
    expect(ids('商户单号:M20261123_0001 退款')).toEqual([{ type: 'orderNo', text: 'M20261123_0001', value: { orderNo: 'M20261123_0001', kind: 'merchantOrder' } }]);
    expect(ids('订单号 ABCD1234')).toEqual([{ type: 'orderNo', text: 'ABCD1234', value: { orderNo: 'ABCD1234', kind: 'merchantOrder' } }]);
  });

  it.each([
    ['手机13812345678', 'phone', '13812345678', '13812345678'],
    ['+86 138-1234-5678', 'phone', '+86 138-1234-5678', '13812345678'],
    ['卡号6222 0212 3456 7890 128', 'bankCard', '6222 0212 3456 7890 128', '6222021234567890128'],
    ['身份证11010519491231002x', 'idCard', '11010519491231002x', '11010519491231002X'],
    ['尾号5088的卡', 'cardTail', '5088', '5088'],
    ['卡的后四位1234', 'cardTail', '1234', '1234'],
  ])('%s -> %s', (text, type, span, value) => {
    expect(ids(text)).toEqual([{ type, text: span, value }]);
  });

  it.each([
    '2026133122001412341234567890', // month 13
    '1234567890123456789012345678', // not date-prefixed
    '6222021234567890123', // Luhn fails
    '110105194912310021', // checksum fails
    '123456789012', // 12 digits
    '1381234567812', // 13 digits: not a phone
    '订单号 1234', // too short for an order number
  ])('%s is not an entity', (text) => {
    expect(ids(text)).toEqual([]);
  });
});
