import { understand } from './understand';

const context = (text: string) => understand(text).entities.filter((e) => ['region', 'currency', 'bank', 'cardType'].includes(e.type)).map((e) => [e.type, e.text, e.value]);

describe('transaction context: region, currency, bank and card type', () => {
  it('reads the country from a city, the bank from its short name and the card network and kind apart', () => {
    expect(context('在东京用招行VISA信用卡付款被拒了')).toEqual([
      ['region', '东京', { code: 'JP', name: '日本' }],
      ['bank', '招行', { code: 'CMB', name: '招商银行' }],
      ['cardType', 'VISA', { network: 'visa' }],
      ['cardType', '信用卡', { kind: 'credit' }],
    ]);
  });

  it('takes 中国银行 for a bank (mainland China is no region) and 香港 for a region', () => {
    expect(context('中国银行的卡在香港刷不了')).toEqual([
      ['bank', '中国银行', { code: 'BOC', name: '中国银行' }],
      ['region', '香港', { code: 'HK', name: '中国香港' }],
    ]);
  });

  it('leaves an amount with its currency an amount, and names a currency standing alone', () => {
    const withAmount = understand('在美国付了20美元').entities;
    expect(withAmount.find((e) => e.type === 'amount')?.value).toEqual({ amount: 20, currency: 'USD' });
    expect(withAmount.some((e) => e.type === 'currency')).toBe(false);
    expect(context('日元付款汇率怎么算')).toEqual([['currency', '日元', { code: 'JPY' }]]);
  });

  it('finds nothing in a domestic message, and no currency inside a longer Latin word', () => {
    expect(context('超市扫码付款失败了')).toEqual([]);
    expect(context('usdt怎么买')).toEqual([]);
  });
});
