import type * as PinyinPro from 'pinyin-pro';
import { normalize } from '../nlp';
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
