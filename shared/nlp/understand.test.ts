import { KefuError } from '../errors';
import { understand } from './understand';

const now = new Date('2026-11-23T10:30:00+08:00');

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (err) {
    return err instanceof KefuError ? err.code : 'unexpected';
  }
}

describe('understand', () => {
  it('understands the product example end to end', () => {
    const text = '昨天下午三点给138****转了350块,对方说没收到';
    const r = understand(text, { now });
    expect(r.category).toBe('transfer');
    expect(r.entities.map((e) => ({ type: e.type, text: e.text }))).toEqual([
      { type: 'time', text: '昨天下午三点' },
      { type: 'amount', text: '350块' },
    ]);
    expect(r.entities[0]!.value).toEqual({ start: '2026-11-22T15:00:00+08:00', end: '2026-11-22T15:59:59+08:00', grain: 'hour' });
    expect(r.entities[1]!.value).toEqual({ amount: 350, currency: 'CNY' });
    for (const e of r.entities) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('keeps offsets on the original text through full-width, traditional and dialect normalisation', () => {
    const text = '咋个回事？昨天轉賬３５０元，訂單號２０２６１１２３２２００１４１２３４１２３４５６７８９０莫得到账！！！';
    const r = understand(text, { now });
    for (const e of r.entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    const byType = Object.fromEntries(r.entities.map((e) => [e.type, e]));
    expect(byType['amount']?.value).toEqual({ amount: 350, currency: 'CNY' });
    expect(byType['amount']?.text).toBe('３５０元');
    expect(byType['orderNo']?.value).toEqual({ orderNo: '2026112322001412341234567890', kind: 'alipayTrade' });
    expect(byType['time']?.text).toBe('昨天');
  });

  it('masks personal data and keeps amounts, times and order numbers', () => {
    const r = understand('手机13812345678,卡号6222021234567890128,昨天付款99元,交易号2026112322001412341234567890', { now });
    expect(r.masked).toBe('手机138****5678,卡号6222***********0128,昨天付款99元,交易号2026112322001412341234567890');
    expect(r.entities.map((e) => e.type)).toEqual(['phone', 'bankCard', 'time', 'amount', 'orderNo']);
  });

  it('never reads a trade number as an amount or a phone', () => {
    const r = understand('转了2026112322001412341234567890', { now });
    expect(r.entities.map((e) => e.type)).toEqual(['orderNo']);
  });

  it.each([
    ['', 'TEXT_EMPTY'],
    ['   \n ', 'TEXT_EMPTY'],
    ['长'.repeat(2001), 'TEXT_TOO_LONG'],
    ['\u0000\u0001\u0002binary', 'TEXT_INVALID'],
    ['\ufffd\ufffd\ufffd\ufffd退款', 'TEXT_INVALID'],
  ])('rejects %j with %s', (text, code) => {
    expect(codeOf(() => understand(text, { now }))).toBe(code);
  });

  it('handles 2,000-character adversarial strings in well under a second in total', () => {
    const inputs = [
      '1'.repeat(2000),
      '1 '.repeat(1000),
      '订单号'.repeat(666),
      '一'.repeat(2000),
      '点'.repeat(2000),
      '昨天到'.repeat(666),
      Array.from({ length: 2000 }, (_, i) => '0123456789一二三四五六七八九十百千万块元点月号天前到'[(i * 7919) % 33]).join(''),
      '¥'.repeat(1000) + '1'.repeat(1000),
      '😀'.repeat(1000),
    ];
    const started = Date.now();
    for (const text of inputs) understand(text, { now });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
