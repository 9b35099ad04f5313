import { defaultRanker } from './FaqMatcher';
import { PairScorer } from './PairScorer';
import { canonicalText, charBigrams, charTokens, pinyinBigrams } from './faqText';
import { buildIdf, pairScore, viewOf } from './pairFeatures';

// The matcher scores pairs with PairScorer; training and the features' definition use pairScore.
// They must agree to the last bit, or the shipped thresholds would no longer mean what they meant.
const questions = ['借呗怎么还款', '花呗额度怎么提升', '收款码怎么申请', '退款多久到账', '转账对方没收到怎么办', '花呗不能用', '花', '余额宝转出到银行卡要多久'];
const queries = [
  '借贝咋还款',
  '蚂蚁花呗如何提额',
  '昨天下午三点给朋友转了350块,对方说没收到',
  '花呗花呗花呗还款还款',
  '为什么花呗不能用了',
  '花呗能用',
  '花',
  '完全无关的一句话呢',
  '收款码收款码怎么申请申请',
  'ab ab ab 123',
];

describe('PairScorer', () => {
  const canonical = questions.map(canonicalText);
  const idf = buildIdf(canonical.map((c) => [...new Set(charTokens(c))]));
  const ranker = defaultRanker();

  it.each(queries)('scores %s against every question exactly as pairScore does', (query) => {
    const scorer = new PairScorer(idf, ranker);
    // Some candidates only: a query term missing from the scorer's dictionary must still count.
    const sides = canonical.slice(0, 5).map((c) => scorer.candidate(c));
    const q = canonicalText(query);
    const side = scorer.query(q, charBigrams(q), pinyinBigrams(q));
    sides.forEach((c, i) => expect(scorer.score(side, c)).toBe(pairScore(ranker, viewOf(q), viewOf(canonical[i]!), idf)));
  });

  it('gives the same scores whatever was scored before', () => {
    const scorer = new PairScorer(idf, ranker);
    const sides = canonical.map((c) => scorer.candidate(c));
    const first = queries.map((query) => {
      const q = canonicalText(query);
      const side = scorer.query(q, charBigrams(q), pinyinBigrams(q));
      return sides.map((c) => scorer.score(side, c));
    });
    const again = [...queries].reverse().map((query) => {
      const q = canonicalText(query);
      const side = scorer.query(q, charBigrams(q), pinyinBigrams(q));
      return sides.map((c) => scorer.score(side, c));
    });
    expect(again.reverse()).toEqual(first);
  });
});
