import { isResidentId, luhnValid, mask } from './mask';

describe('mask', () => {
  it.each([
    ['我的手机13812345678', '我的手机138****5678'],
    ['+86 138-1234-5678 联系我', '138****5678 联系我'],
    ['电话 138 1234 5678', '电话 138****5678'],
    ['卡号6222021234567890128到账', '卡号6222***********0128到账'],
    ['卡号 6222 0212 3456 7890 128', '卡号 6222***********0128'],
    ['身份证11010519491231002X', '身份证110105********002X'],
    ['转了 100 13812345678', '转了 100 138****5678'],
    // The forms the privacy review found unmasked (issue 16):
    ['手机１３９８７６５４３２１', '手机139****4321'],
    ['tel13912340001', 'tel139****0001'],
    ['card6222021234567890128', 'card6222***********0128'],
    ['卡号6222.0212.3456.7890.128', '卡号6222***********0128'],
    ['电话139  1234  0001 谢谢', '电话139****0001 谢谢'],
    ['电话139.1234.0001', '电话139****0001'],
    ['卡号6222021234567890123', '卡号6222***********0123'], // Luhn fails: a mistyped card is still a card
    ['身份证110105194912310021', '身份证1101**********0021'], // checksum fails: card length, masked as such
    ['订单ABC13812345678XYZ', '订单ABC138****5678XYZ'], // letters do not hide a phone
    ['13812345678xyz', '138****5678xyz'],
    ['金额１００　13812345678，谢谢', '金额１００　138****5678，谢谢'], // the rest stays as typed
    ['电话138\u200b1234\u200b5678', '电话138****5678'],
    ['订单号ABC123456 13812345678', '订单号ABC123456 138****5678'],
  ])('%s -> %s', (input, expected) => {
    expect(mask(input)).toBe(expected);
  });

  it.each([
    '订单号2026112322001412341234567890,金额350元',
    '昨天下午3点转了350块',
    '验证码123456',
    '订单号ABC13812345678XYZ', // a labelled order number is the merchant's, never masked
    '交易号 2026112322001412341234567890 已退款',
    '会话 550e8400-e29b-41d4-a716-446655440000',
    '15 位的数字 123456789012345 对坐席不算卡号',
  ])('leaves %s intact', (input) => {
    expect(mask(input)).toBe(input);
  });

  it('logs also mask every other run of 15 or more digits, but never order or trade numbers', () => {
    expect(mask('编号123456789012345', 'log')).toBe('编号1234*******2345');
    expect(mask('x 12345678901234567890123 y', 'log')).toBe('x 1234***************0123 y');
    expect(mask('订单号2026112322001412341234567890', 'log')).toBe('订单号2026112322001412341234567890');
    expect(mask('订单号 123456789012345678', 'log')).toBe('订单号 123456789012345678');
    expect(mask('550e8400-e29b-41d4-a716-446655440000 at 2026-12-01T10:05:18.123Z', 'log')).toBe('550e8400-e29b-41d4-a716-446655440000 at 2026-12-01T10:05:18.123Z');
  });

  it('checksums work as the standards say', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('110105194912310021')).toBe(false);
  });

  it('handles 2,000-character adversarial input quickly', () => {
    const started = Date.now();
    for (const s of ['1'.repeat(2000), '1 '.repeat(1000), '1-'.repeat(1000), '13812345678 '.repeat(166), 'X1'.repeat(1000), '１ '.repeat(1000), '1.'.repeat(1000), '1  -'.repeat(500)]) {
      mask(s);
      mask(s, 'log');
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
