import { parseChineseNumeral, parseNumber } from './chineseNumber';

describe('Chinese numerals', () => {
  it.each([
    ['三百五十', 350], ['三百五', 350], ['两千三', 2300], ['一万二', 12000], ['十二', 12], ['十', 10], ['二十', 20],
    ['一百零五', 105], ['壹佰', 100], ['一千零一十', 1010], ['三万五千', 35000], ['一亿', 1e8], ['两', 2], ['零', 0],
    ['一九九八', 1998], ['二〇二六', 2026],
  ])('%s = %d', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it.each(['', '百', '三三百', 'abc'])('%s is not a numeral', (text) => {
    expect(parseChineseNumeral(text)).toBeUndefined();
  });

  it.each([
    ['350', 350], ['1,299.00', 1299], ['20.5', 20.5], ['1.5万', 15000], ['2k', 2000], ['3w', 30000], ['3千', 3000], ['2万5', 25000], ['一万二', 12000],
  ])('parseNumber(%s) = %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });
});
