import { joinWrappedLines } from './joinWrappedLines';
import { receiptSummary } from './receiptReading';
import { FIGURE, FIGURE_LINE, RECEIPT_WORDS } from './receiptPatterns';

/** A row's value after its label and the gap between the columns, when the value is a figure. */
const FIGURE_VALUE = new RegExp(String.raw`(\S)\s{2,}(${FIGURE})$`);

/** "-350.00", "Y 99.00", "+¥1,288.50" as "-¥350.00", "¥99.00", "+¥1,288.50": an amount the extraction reads. */
function withSign(figure: string): string {
  const compact = figure.replace(/\s/g, '');
  const sign = /^[-+]/.test(compact) ? compact[0]! : '';
  return `${sign}¥${compact.replace(/^[-+]?[Y¥￥]?/, '')}`;
}

/**
 * Tidies Tesseract's reading of a payment screenshot so the ordinary entity extraction can use it:
 * no spaces between Chinese characters, wrapped numbers and paragraphs joined again
 * (joinWrappedLines), quote marks stuck to numbers dropped, ¥ read as "Y" restored, a bare amount
 * after a money label (付款金额 -350.00) given its currency sign, and on a receipt, the amount shown
 * alone in large type and a figure in a row's value column (whose label OCR may have garbled) read
 * as money, a thousands comma read as a point (7.831.48) put back. When the text would lead the ticket to another order number, amount or time than the
 * receipt's own (receiptSummary), a last line names those again.
 */
export function screenshotText(ocr: string, now: Date = new Date()): string {
  const lines = ocr
    .split(/\r?\n/)
    .map((l) => l.replace(/(?<=[\u3400-\u9fff])[ \t]+(?=[\u3400-\u9fff])/g, '').trim())
    .filter((l) => l.length > 0);
  const receipt = RECEIPT_WORDS.test(ocr);
  const tidied = joinWrappedLines(lines)
    .map((l) => {
      const line = l
        .replace(/[“”"'‘’。,，:：|]+(?=\d{6,})/g, ' ')
        .replace(/(^|\s)[Y¥￥]\s?(?=\d)/g, '$1¥')
        .replace(/((?:付款|支付|转账|退款|实付|交易|订单)?金额)\s*[:：]?\s*-?\s*(?=\d[\d,]*\.\d{2}(?!\d))/g, '$1 ¥');
      if (!receipt) return line;
      // A figure with two points ("7.831.48"): OCR took the thousands comma for a point.
      return line.replace(/(?<![\d.,])(\d{1,3})\.(\d{3})\.(\d{2})(?![\d.])/g, '$1,$2.$3').replace(FIGURE_LINE, (f) => withSign(f)).replace(FIGURE_VALUE, (_, end: string, f: string) => `${end}  ${withSign(f)}`);
    })
    .join('\n');
  const summary = receipt ? receiptSummary(tidied, now) : '';
  return summary ? `${tidied}\n${summary}` : tidied;
}
