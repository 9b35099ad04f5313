import type * as PinyinPro from 'pinyin-pro';

let pinyinModule: typeof PinyinPro | undefined;
/** pinyin-pro's dictionary is large: loaded the first time a character needs a reading. */
function lib(): typeof PinyinPro {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pinyinModule ??= require('pinyin-pro') as typeof PinyinPro;
  return pinyinModule;
}

const HAN = /[\u3400-\u9fff]/;

/** The reading the payment domain uses where the dictionary's first reading differs (借呗 is jiè bei, 还款 huán). */
const DOMAIN_READINGS: Readonly<Record<string, string>> = { 呗: 'bei', 行: 'hang', 还: 'huan', 提: 'ti', 转: 'zhuan', 账: 'zhang' };

const firstCache = new Map<string, string>();

/** One toneless reading of a character: the domain's, else the dictionary's first; a non-Han character is itself, lower-cased. */
function reading(ch: string): string {
  let r = firstCache.get(ch);
  if (r === undefined) {
    r = DOMAIN_READINGS[ch] ?? (HAN.test(ch) ? (lib().pinyin(ch, { toneType: 'none', type: 'array' })[0] ?? ch) : ch.toLowerCase());
    firstCache.set(ch, r);
  }
  return r;
}

/**
 * Toneless pinyin per character: what a pinyin keyboard's user typed, whichever character they
 * then picked. Two names that sound alike (家具店, 优品家居旗舰店) share a run of syllables.
 */
export function toneless(text: string): string[] {
  return [...text].map(reading);
}

/**
 * The product and topic words users ask about, as a pinyin keyboard offers them: a message that
 * has one of them with one character picked wrong (花被, 借贝, 帐单, 付宽, 冲值, 失白) means the word.
 */
export const DOMAIN_WORDS: readonly string[] = ['支付宝', '信用卡', '花呗', '借呗', '账单', '到账', '转账', '付款', '退款', '还款', '扣款', '充值', '订单', '余额', '快递', '包裹', '签收', '失败'];

/** Real words one wrong character away from a domain word that sound the same: kept as they are. */
const KEEP = new Set(['换款']);

interface Word {
  readonly chars: readonly string[];
  readonly syllables: readonly string[];
}
let compiled: readonly Word[] | undefined;
const words = (): readonly Word[] => (compiled ??= DOMAIN_WORDS.map((w) => ({ chars: [...w], syllables: [...w].map(reading) })));

/**
 * The message with pinyin-input typos of the domain words put right: a run that sounds like a
 * domain word and differs from it in exactly one character. A character's sound is its usual
 * reading: 的 is de, so 很快的 is no 快递. One character for one, so offsets into the result are
 * offsets into the message. Two wrong characters (重置 for 充值) are another word, not a typo, and stay.
 */
export function fixHomophones(text: string): string {
  const chars = [...text];
  // Most messages hold no Han character that could start a typo: nothing to read then.
  if (!chars.some((c) => HAN.test(c))) return text;
  let changed = false;
  for (let i = 0; i < chars.length; i++) {
    if (!HAN.test(chars[i]!)) continue;
    for (const w of words()) {
      const n = w.chars.length;
      if (i + n > chars.length) continue;
      let differ = 0;
      for (let k = 0; k < n && differ < 2; k++) if (chars[i + k] !== w.chars[k]) differ++;
      if (differ !== 1) continue;
      const run = chars.slice(i, i + n);
      if (KEEP.has(run.join(''))) continue;
      if (!run.every((c, k) => c === w.chars[k] || (HAN.test(c) && reading(c) === w.syllables[k]))) continue;
      for (let k = 0; k < n; k++) chars[i + k] = w.chars[k]!;
      changed = true;
      break;
    }
  }
  return changed ? chars.join('') : text;
}
