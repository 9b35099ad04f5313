/** Sentence ends: a line ending so was not cut by the screen's width. */
const SENTENCE_END = /[。!！?？;；]$/;
/** A CJK character: a line with one is Chinese prose, not a row of codes. */
const CJK = /[\u3400-\u9fff]/;

/**
 * A line of running text: Chinese, no wide gap (the columns of a row leave one) and no code-length
 * digit run (a row's order number).
 */
function isProse(line: string): boolean {
  return CJK.test(line) && !/\s{2}/.test(line) && !/\d{12}/.test(line);
}

/**
 * Lines of text the layout wrapped, put back together, because a wrap cuts whatever it meets:
 *
 * - a long digit run at the end of a line continued by a line of digits only (a 28-digit trade
 *   number in a narrow value column) is one number;
 * - a paragraph (a bank SMS in its bubble) is cut at the bubble's width, through a date ("11月23" /
 *   "日19:58"), a clock ("16:" / "49") or an amount ("28,16" / "8.87元"): a line of prose about as
 *   long as the paragraph's longest, not ending a sentence, runs on into the next line of prose.
 *
 * Rows of a receipt (a label, a gap, a value; an order number) and short lines (titles, statuses) stay apart.
 */
export function joinWrappedLines(lines: readonly string[]): string[] {
  const longestProse = Math.max(0, ...lines.filter(isProse).map((l) => l.length));
  const joined: string[] = [];
  // The line before as the OCR gave it: a paragraph's short last line ends the paragraph.
  let before = '';
  for (const line of lines) {
    const prev = joined[joined.length - 1];
    const number = prev?.match(/\d{12,27}$/)?.[0];
    if (prev && number && /^\d{1,16}$/.test(line) && number.length + line.length <= 32) {
      joined[joined.length - 1] = prev + line;
    } else if (prev && isProse(before) && isProse(line) && before.length >= 12 && before.length >= longestProse * 0.75 && !SENTENCE_END.test(before)) {
      joined[joined.length - 1] = prev + line;
    } else {
      joined.push(line);
    }
    before = line;
  }
  return joined;
}
