/**
 * Tidies Tesseract's reading of a payment screenshot so the ordinary entity extraction can use it:
 * no spaces between Chinese characters, a trade number that the layout wrapped onto the next line
 * joined again, quote marks stuck to numbers dropped, ¥ read as "Y" restored, and a bare signed
 * amount after a money label (付款金额 -350.00) given its currency sign.
 */
export function screenshotText(ocr: string): string {
  const lines = ocr
    .split(/\r?\n/)
    .map((l) => l.replace(/(?<=[\u3400-\u9fff])[ \t]+(?=[\u3400-\u9fff])/g, '').trim())
    .filter((l) => l.length > 0);
  const joined: string[] = [];
  for (const line of lines) {
    const prev = joined[joined.length - 1];
    // A long digit run at the end of a line continued by a line of digits only: one number, wrapped.
    if (prev && /\d{12,27}$/.test(prev) && /^\d{1,16}$/.test(line) && (prev.match(/\d+$/)![0].length + line.length) <= 32) {
      joined[joined.length - 1] = prev + line;
    } else {
      joined.push(line);
    }
  }
  return joined
    .map((l) =>
      l
        .replace(/[“”"'‘’。,，:：|]+(?=\d{6,})/g, ' ')
        .replace(/(^|\s)[Y¥￥]\s?(?=\d)/g, '$1¥')
        .replace(/((?:付款|支付|转账|退款|实付|交易|订单)?金额)\s*[:：]?\s*-?\s*(?=\d[\d,]*\.\d{2}(?!\d))/g, '$1 ¥'),
    )
    .join('\n');
}
