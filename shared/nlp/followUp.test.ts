import { followUpOwnWords, isFollowUp } from './followUp';

describe('isFollowUp', () => {
  it.each(['那要多久', '还是不行', '然后呢?', '为什么', '那怎么办', '要几天', '一般多久'])('%s is a follow-up', (text) => {
    expect(isFollowUp(text)).toBe(true);
  });
  it.each(['余额宝怎么转出', '花呗怎么还款', '我昨天转账给朋友对方一直没收到怎么办', '你好', ''])('%s is not', (text) => {
    expect(isFollowUp(text)).toBe(false);
  });
});

describe('followUpOwnWords', () => {
  it.each([
    ['能开发票吗', 4],
    ['那要多久', 0],
    ['还是不行', 0],
    ['多久到账', 2],
  ])('%s has %d characters of its own', (text, n) => {
    expect(followUpOwnWords(text)).toBe(n);
  });
});
