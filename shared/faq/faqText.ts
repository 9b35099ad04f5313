import type * as PinyinPro from 'pinyin-pro';
import { normalize } from '../nlp/normalize';
import { faqSynonyms } from './faqSynonyms';

const synonymPattern = new RegExp(
  Object.keys(faqSynonyms)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);

/** Words that carry no meaning for matching a question ("请问", "吗", "呢" ...). */
const FILLER = /请问|你好|您好|一下|那个|这个|麻烦|帮我|我想|我要|谢谢|[的了吗呢啊吧呀嘛哦哈么]|[\s\p{P}\p{S}]/gu;

/**
 * The canonical form both questions and queries are matched in: normalised (width, traditional,
 * dialect), lower-cased, synonyms rewritten, filler and punctuation removed. Digits are masked as
 * "*" because the ATEC data the ranker learns from masks them the same way.
 */
export function canonicalText(text: string): string {
  const lower = normalize(text).text.toLowerCase();
  // Most texts hold no "***" (ATEC's masked digits): skip that pass then, the result is the same.
  return (lower.includes('***') ? lower.replace(/\*{3}/g, '*') : lower)
    .replace(/\d+/g, '*')
    .replace(synonymPattern, (w) => faqSynonyms[w] ?? w)
    .replace(FILLER, '');
}

/**
 * Words of the domain, for word-level tokens: character bigrams already cover most two-character
 * words, so this lists the longer and the ambiguous ones a general segmenter splits (ICU cuts 花呗
 * into 花/呗 and 余额宝 into 余/额/宝).
 */
const DOMAIN_WORDS = [
  '花呗', '借呗', '余额宝', '支付宝', '余额', '收款码', '付款码', '银行卡', '信用卡', '手机号', '验证码', '支付密码', '登录密码',
  '实名认证', '人脸识别', '提升额度', '额度', '还款', '还款日', '分期', '逾期', '利息', '手续费', '服务费', '提现', '转账', '转出', '转入',
  '退款', '到账', '没收到', '冻结', '解冻', '注销', '绑定', '解绑', '账单', '账户', '芝麻信用', '芝麻分', '网商银行', '备用金', '花呗分期',
  '借呗额度', '花呗额度', '自动扣款', '免密支付', '生活缴费', '水电费', '话费', '红包', '优惠券', '发票', '投诉', '被盗', '诈骗',
  '不能用', '不能开通', '能不能', '怎么', '为什么', '什么时候', '多久', '多少',
].sort((a, b) => b.length - a.length);
const wordPattern = new RegExp(DOMAIN_WORDS.join('|'), 'g');

/** Domain words found in a canonical text (leftmost-longest), as word-level tokens. */
export function domainWords(canonical: string): string[] {
  return canonical.match(wordPattern) ?? [];
}

/** Character unigrams and bigrams. */
export function charTokens(canonical: string): string[] {
  const chars = [...canonical];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    out.push(chars[i]!);
    if (i + 1 < chars.length) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

export function charBigrams(canonical: string): string[] {
  const chars = [...canonical];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

const pinyinCache = new Map<string, string>();
let pinyinModule: typeof PinyinPro | undefined;
/** pinyin-pro's dictionary is large; loaded the first time a character needs a reading. */
function pinyin(ch: string): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pinyinModule ??= require('pinyin-pro') as typeof PinyinPro;
  return pinyinModule.pinyin(ch, { toneType: 'none', type: 'array' })[0];
}
/** Readings the domain uses where the dictionary's first reading differs (借呗 is jiè bei). */
const DOMAIN_READINGS: Readonly<Record<string, string>> = { 呗: 'bei', 行: 'hang', 还: 'huan', 提: 'ti', 转: 'zhuan' };

/** Toneless pinyin per character (the character itself when it has none). */
export function pinyinSyllables(canonical: string): string[] {
  return [...canonical].map((ch) => {
    let py = pinyinCache.get(ch);
    if (py === undefined) {
      py = DOMAIN_READINGS[ch] ?? (/[\u3400-\u9fff]/.test(ch) ? pinyin(ch) ?? ch : ch);
      pinyinCache.set(ch, py);
    }
    return py;
  });
}

/**
 * Pinyin syllable bigrams: homophone typos (借贝 for 借呗, 支付保 for 支付宝, 收款妈 for 收款码)
 * share them with the intended words even where the characters differ.
 */
export function pinyinBigrams(canonical: string): string[] {
  const syl = pinyinSyllables(canonical);
  if (syl.length === 1) return syl;
  const out: string[] = [];
  for (let i = 0; i + 1 < syl.length; i++) out.push(`${syl[i]}_${syl[i + 1]}`);
  return out;
}
