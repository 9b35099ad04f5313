import { normalize } from '../nlp';
import { colloquialFaq } from './colloquialFaq';
import { conceptsOf } from './faqConcepts';
import { pinyinSyllables } from './faqText';

/**
 * The terms a knowledge-base text and a user's question are compared by, one list per field:
 * words (ICU's dictionary segmenter, `Intl.Segmenter`, built into Node: no dictionary to load),
 * character bigrams and single characters (what a segmenter splits differently on two sides still
 * meets there: 征信 is 征/信 to ICU but one bigram), and pinyin bigrams (speech transcripts and
 * typing give homophones: 验证吗 for 验证码, 优惠卷 for 优惠券).
 */
export interface FaqTerms {
  readonly words: readonly string[];
  readonly bigrams: readonly string[];
  readonly chars: readonly string[];
  readonly pinyin: readonly string[];
  /** Concepts (faqConcepts.ts): ways of saying the same thing that share no word. */
  readonly concepts: readonly string[];
}

/** Fields in the order the index keeps them. */
export const TERM_FIELDS = ['words', 'bigrams', 'chars', 'pinyin', 'concepts'] as const;

const colloquialPattern = new RegExp(
  Object.keys(colloquialFaq)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);

/**
 * Words that say nothing about which question it is: particles, pronouns, politeness, filler
 * adverbs. They are dropped as words, their characters with them, so a rambling question is its
 * content. The question frame stays (怎么 asks how, 为什么 why, 多久 how long: 优惠券怎么用 and
 * 优惠券为什么用不了 are different entries), and so does negation (能退, 不能退).
 */
const STOP_WORDS = new Set([
  '的', '了', '吗', '呢', '啊', '吧', '呀', '嘛', '哦', '哈', '么', '啦', '喔', '噢', '嗯', '额', '呃', '哎', '唉', '诶', '嘞', '咯', '哇',
  '我', '我的', '我们', '你', '你们', '您', '他', '她', '它', '这', '那', '这个', '那个', '一个', '个',
  '请问', '问', '问一下', '一下', '想问', '咨询', '麻烦', '帮', '帮我', '给我', '谢谢', '你好', '您好', '在吗', '是', '就', '都', '也', '又', '和', '跟', '把',
  '想', '我想', '想要', '我要', '现在', '刚才', '刚刚', '已经', '一直', '老是', '总是', '有点', '很', '太', '挺', '真', '到底', '究竟',
]);

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * The matching form of a text: normalised (width, traditional, dialect), lower-cased, colloquial
 * forms rewritten (咋退款 -> 怎么退款, 钱没到 -> 未到账), then split into the word runs between
 * punctuation.
 */
export function matchText(text: string): string {
  return normalize(text)
    .text.toLowerCase()
    .replace(colloquialPattern, (w) => colloquialFaq[w] ?? w);
}

/** The content words of a matching-form text in order, stop words and punctuation out. */
export function contentWords(matching: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(matching)) {
    if (!s.isWordLike) continue;
    const w = s.segment;
    if (STOP_WORDS.has(w)) continue;
    out.push(w);
  }
  return out;
}

/** A text's terms for every field (see FaqTerms). */
export function faqTerms(text: string): FaqTerms {
  const matching = matchText(text);
  const words = contentWords(matching);
  const bigrams: string[] = [];
  const chars: string[] = [];
  const pinyin: string[] = [];
  // Bigrams and pinyin run inside the content between stop words and across one stop word gap
  // too: 送到 and 没送到 share 送到 whether or not the segmenter cut 没 off.
  const content = words.join('');
  const cs = [...content];
  const syl = pinyinSyllables(content);
  for (let i = 0; i < cs.length; i++) {
    chars.push(cs[i]!);
    if (i + 1 < cs.length) {
      bigrams.push(cs[i]! + cs[i + 1]!);
      pinyin.push(`${syl[i]}_${syl[i + 1]}`);
    }
  }
  if (cs.length === 1) pinyin.push(syl[0]!);
  return { words, bigrams, chars, pinyin, concepts: conceptsOf(matching) };
}
