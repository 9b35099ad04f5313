import type { Ticket } from '../schemas';
import { escalationFor } from './escalationFor';

const base = { texts: [] as string[], ticket: undefined as Ticket | undefined, sameCategoryContacts: 1, escalationAmount: 5000, repeatContacts: 3 };
const src = { messageId: 'm', seq: 1, at: '2026-11-25T10:00:00+08:00' };

describe('escalationFor (layer 3)', () => {
  it.each([
    ['我的账户被盗了', 'accountTheft'],
    ['有陌生设备登录了我的支付宝', 'accountTheft'],
    ['这笔不是我本人操作的', 'accountTheft'],
    ['再不退款我就打12315', 'complaint'],
    ['我要投诉你们', 'complaint'],
    ['我要报警', 'complaint'],
    ['我要去网上曝光你们', 'complaint'],
  ])('%s -> %s', (text, reason) => {
    expect(escalationFor({ ...base, texts: [text] })).toBe(reason);
  });

  it('escalates large amounts (including the top of a vague range) and the third contact', () => {
    const amount = (value: unknown): Ticket => ({ amount: { value, text: 'x', ...src } });
    expect(escalationFor({ ...base, ticket: amount({ amount: 5000, currency: 'CNY' }) })).toBe('largeAmount');
    expect(escalationFor({ ...base, ticket: amount({ amount: 4999.99, currency: 'CNY' }) })).toBeUndefined();
    expect(escalationFor({ ...base, ticket: amount({ min: 1000, max: 9999, currency: 'CNY', approx: true }) })).toBe('largeAmount');
    expect(escalationFor({ ...base, sameCategoryContacts: 2 })).toBeUndefined();
    expect(escalationFor({ ...base, sameCategoryContacts: 3 })).toBe('repeatContact');
  });

  it('leaves ordinary questions to their category', () => {
    expect(escalationFor({ ...base, texts: ['花呗怎么还款', '转账没到账'] })).toBeUndefined();
  });
});
