/**
 * Chinese answers typed on a Western keyboard carry half-width punctuation (`,` `;` `:` `?` `!`
 * `"` `()`). This puts the full-width marks in where the text around them is Chinese and leaves
 * everything else alone: numbers (1,000 and 10:30), Latin text, URLs, code. The console offers the
 * result when a merchant saves an answer; it never rewrites one unasked.
 */
const HAN = '\\u3400-\\u9fff\\uf900-\\ufaff';
/** A Chinese character or a full-width mark a half-width one may follow. */
const CHINESE_BEFORE = new RegExp(`[${HAN}\\u3001-\\u303f\\uff01-\\uff5e\\u201c-\\u201d】]`);

const FULL: Readonly<Record<string, string>> = { ',': '\uff0c', ';': '\uff1b', ':': '\uff1a', '?': '\uff1f', '!': '\uff01' };

function isChinese(ch: string | undefined): boolean {
  return ch !== undefined && CHINESE_BEFORE.test(ch);
}

/**
 * Straight quotes in pairs, in order (the first opens, the second closes ...), as curly ones where
 * the pair quotes Chinese or stands in Chinese text: "还款" and 点"…"后 alike. An odd count means
 * the quotes cannot be paired with confidence: they stay.
 */
function quotes(text: string): string {
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '"') at.push(i);
  if (at.length === 0 || at.length % 2 === 1) return text;
  const chars = [...text];
  // Spread by code unit above: the indexes are the same in `chars` only without astral characters.
  if (chars.length !== text.length) return text;
  const han = new RegExp(`[${HAN}]`);
  for (let p = 0; p < at.length; p += 2) {
    const open = at[p]!;
    const close = at[p + 1]!;
    if (han.test(text.slice(open + 1, close)) || isChinese(text[open - 1]) || isChinese(text[close + 1])) {
      chars[open] = '\u201c';
      chars[close] = '\u201d';
    }
  }
  return chars.join('');
}

/** The answer with full-width punctuation in its Chinese text (unchanged when there is nothing to fix). */
export function normalizeAnswerPunctuation(text: string): string {
  let out = quotes(text);
  // Brackets around Chinese words: (选填) becomes its full-width pair.
  out = out.replace(new RegExp(`\\(([^()\\n]*[${HAN}][^()\\n]*)\\)`, 'g'), '\uff08$1\uff09');
  let result = '';
  for (let i = 0; i < out.length; i++) {
    const ch = out[i]!;
    const full = FULL[ch];
    // After Chinese; or before Chinese when it does not end a Latin word or a number (10:30,
    // 1,000 and https:// have Latin on both sides and stay as they are).
    if (full && (isChinese(out[i - 1]) || (isChinese(out[i + 1]) && !/[A-Za-z0-9]/.test(out[i - 1] ?? '')))) result += full;
    else result += ch;
  }
  return result;
}

/** What to offer a merchant saving `answer`: the fixed text, or undefined when it is fine as it is. */
export function punctuationSuggestion(answer: string): string | undefined {
  const fixed = normalizeAnswerPunctuation(answer);
  return fixed === answer ? undefined : fixed;
}
