import { defaultFaq } from '../../mock/seed/defaultFaq';
import { normalizeAnswerPunctuation, punctuationSuggestion } from './answerPunctuation';

describe('answer punctuation', () => {
  it('puts full-width marks into Chinese text', () => {
    expect(normalizeAnswerPunctuation('打开【花呗】点"还款",可用余额;支持:提前还款?可以!')).toBe('打开【花呗】点\u201c还款\u201d\uff0c可用余额\uff1b支持\uff1a提前还款\uff1f可以\uff01');
    expect(normalizeAnswerPunctuation('服务费(最低0.1元),可抵扣')).toBe('服务费\uff08最低0.1元\uff09\uff0c可抵扣');
    // A pair of quotes in Chinese text whose content is not Chinese is paired too, in order.
    expect(normalizeAnswerPunctuation('点右上角"…"后选"解除绑定"')).toBe('点右上角\u201c…\u201d后选\u201c解除绑定\u201d');
    // Before Chinese after a symbol (not after a Latin word or a number).
    expect(normalizeAnswerPunctuation('按0.1%,最低')).toBe('按0.1%\uff0c最低');
  });

  it('leaves numbers, times, URLs, Latin text and unpaired quotes alone', () => {
    for (const text of ['1,000 元', '10:30 到账', 'https://example.com/a?b=1', 'Hello, world: "ok"!', 'T+1, T+2', '他说"好']) {
      expect(normalizeAnswerPunctuation(text)).toBe(text);
    }
  });

  it('offers a fix only when there is one', () => {
    expect(punctuationSuggestion('请稍候,马上好')).toBe('请稍候\uff0c马上好');
    expect(punctuationSuggestion('请稍候\uff0c马上好')).toBeUndefined();
  });

  it('the seed knowledge base is written in full-width Chinese punctuation', () => {
    const unfixed = defaultFaq.filter((e) => normalizeAnswerPunctuation(e.answer) !== e.answer).map((e) => e.id);
    expect(unfixed).toEqual([]);
    expect(defaultFaq.filter((e) => /[\u4e00-\u9fff][,;:?!"]/.test(e.answer)).map((e) => e.id)).toEqual([]);
  });
});
