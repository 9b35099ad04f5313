// opencc-js ships a CommonJS (UMD) build but declares its types as ESM only, which a CommonJS
// project cannot import; load the CommonJS build with the one signature we use, and only its
// traditional-to-simplified part (a tenth of the full build), on first use.
type Converter = (text: string) => string;
let toSimplified: Converter | undefined;
function converter(): Converter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  toSimplified ??= (require('opencc-js/t2cn') as { Converter: (options: { from: string; to: string }) => Converter }).Converter({ from: 'hk', to: 'cn' });
  return toSimplified;
}

/**
 * Normalised text plus, for every normalised character, the index of the original character it
 * came from: `offsets[i]` for char i, and `offsets[text.length] === original.length`, so a span
 * [s, e) of the normalised text is [offsets[s], offsets[e]) of the original.
 */
export interface Normalized {
  readonly text: string;
  readonly offsets: number[];
}

const simplifiedCache = new Map<number, number>();

/** Traditional -> simplified one character (UTF-16 unit) at a time, so the mapping stays 1:1. */
function simplify(code: number): number {
  let out = simplifiedCache.get(code);
  if (out === undefined) {
    const converted = converter()(String.fromCharCode(code));
    out = converted.length === 1 ? converted.charCodeAt(0) : code;
    simplifiedCache.set(code, out);
  }
  return out;
}

/** Full-width ASCII (U+FF01-FF5E) and the ideographic space to their half-width forms. */
function halfWidth(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000) return 0x20;
  return code;
}

/**
 * Full-width ASCII and the ideographic space folded to half-width, one UTF-16 unit for one, so an
 * index into the result is the same index into the original (the masker finds numbers in the
 * folded text and replaces them in the original).
 */
export function foldWidth(original: string): string {
  let out = '';
  for (let i = 0; i < original.length; i++) out += String.fromCharCode(halfWidth(original.charCodeAt(i)));
  return out;
}

/**
 * Colloquial and dialect words users really type, mapped to standard Mandarin before matching.
 * Longest first at each position.
 */
export const colloquialWords: Readonly<Record<string, string>> = {
  咋整: '怎么办',
  咋办: '怎么办',
  咋弄: '怎么弄',
  咋个: '怎么',
  咋滴: '怎么',
  咋: '怎么',
  啷个: '怎么',
  肿么: '怎么',
  为啥: '为什么',
  弄啥: '做什么',
  干哈: '干什么',
  搞么子: '干什么',
  神马: '什么',
  啥: '什么',
  乜嘢: '什么',
  咩: '什么',
  莫得: '没有',
  没得: '没有',
  么得: '没有',
  冇得: '没有',
  木有: '没有',
  米有: '没有',
  冇: '没有',
  嘅: '的',
  俺: '我',
  佢: '他',
  畀: '给',
  唔该: '谢谢',
  晓不得: '不知道',
  晓得: '知道',
  酱紫: '这样子',
  嗰: '那',
};
const maxColloquialLength = Math.max(...Object.keys(colloquialWords).map((w) => w.length));
/**
 * First characters (codes) of the colloquial words: most positions start none, and trying every
 * length there (a slice and a lookup each) was most of normalize's time.
 */
const colloquialFirst = new Set(Object.keys(colloquialWords).map((w) => w.charCodeAt(0)));

const PUNCTUATION = new Set([...'!?.,;:~，。！？；：、…~-—'].map((c) => c.charCodeAt(0)));

/**
 * Normalises a user message for matching: full-width to half-width, traditional to simplified,
 * colloquial and dialect words to standard forms, runs of the same punctuation collapsed. Emoji and
 * other symbols pass through untouched. Linear in the length of the text.
 */
export function normalize(original: string): Normalized {
  // Pass 1: per-character, length-preserving. Most characters stay as they are, so the unchanged
  // stretches are copied as slices rather than one character at a time.
  let base = '';
  let copied = 0;
  for (let i = 0; i < original.length; i++) {
    const code = original.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const half = halfWidth(code);
    const out = half >= 0x3400 ? simplify(half) : half;
    if (out === code) continue;
    base += original.slice(copied, i) + String.fromCharCode(out);
    copied = i + 1;
  }
  base = copied === 0 ? original : base + original.slice(copied);

  // Pass 2: words and punctuation runs; lengths may change, offsets follow. Characters kept as
  // they are go out as slices of `base` (from `run`); `last` is the code of the last character
  // out, for collapsing a run of the same punctuation.
  let text = '';
  const offsets: number[] = [];
  let last = -1;
  let run = 0;
  let i = 0;
  while (i < base.length) {
    const code = base.charCodeAt(i);
    let replaced = false;
    for (let len = colloquialFirst.has(code) ? Math.min(maxColloquialLength, base.length - i) : 0; len >= 1; len--) {
      const target = colloquialWords[base.slice(i, i + len)];
      if (target === undefined) continue;
      text += base.slice(run, i) + target;
      for (let k = 0; k < target.length; k++) offsets.push(i + Math.min(k, len - 1));
      last = target.charCodeAt(target.length - 1);
      i += len;
      run = i;
      replaced = true;
      break;
    }
    if (replaced) continue;
    if (PUNCTUATION.has(code) && last === code) {
      text += base.slice(run, i);
      run = ++i;
      continue;
    }
    offsets.push(i);
    last = code;
    i++;
  }
  text += base.slice(run);
  offsets.push(original.length);
  return { text, offsets };
}

/**
 * Maps a span of the normalised text back to the original: from the original character of its first
 * character to just past the original character of its last (collapsed punctuation after it is
 * not included).
 */
export function toOriginalSpan(normalized: Normalized, start: number, end: number): { start: number; end: number } {
  const from = normalized.offsets[start] ?? 0;
  const last = normalized.offsets[Math.max(end - 1, start)] ?? from;
  return { start: from, end: Math.max(last + 1, from) };
}
