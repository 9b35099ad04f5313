import { joinWrappedLines } from './joinWrappedLines';
import { receiptSummary } from './receiptReading';

/** Words that make a picture's text a receipt (a bill, an order, a bank's payment SMS). */
const RECEIPT = /订单|交易|账单|付款|支付|转账|退款|金额|实付|余额|扣款|支出|收款/;
/** An amount as receipts print it: signed or not, ¥ or not (OCR reads ¥ as Y), two decimals. */
const FIGURE = String.raw`[-+]?\s?[Y¥￥]?\s?(?:\d{1,3}(?:,\d{3})+|\d{1,9})\.\d{2}`;
/** A line that is only a figure: the amount a bill page shows alone in large type. */
const FIGURE_LINE = new RegExp(String.raw`^(${FIGURE})$`);
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
 * as money. When the text would lead the ticket to another order number, amount or time than the
 * receipt's own (receiptSummary), a last line names those again.
 */
export function screenshotText(ocr: string, now: Date = new Date()): string {
  const lines = ocr
    .split(/\r?\n/)
    .map((l) => l.replace(/(?<=[\u3400-\u9fff])[ \t]+(?=[\u3400-\u9fff])/g, '').trim())
    .filter((l) => l.length > 0);
  const receipt = RECEIPT.test(ocr);
  const tidied = joinWrappedLines(lines)
    .map((l) => {
      const line = l
        .replace(/[“”"'‘’。,，:：|]+(?=\d{6,})/g, ' ')
        .replace(/(^|\s)[Y¥￥]\s?(?=\d)/g, '$1¥')
        .replace(/((?:付款|支付|转账|退款|实付|交易|订单)?金额)\s*[:：]?\s*-?\s*(?=\d[\d,]*\.\d{2}(?!\d))/g, '$1 ¥');
      if (!receipt) return line;
      return line.replace(FIGURE_LINE, (f) => withSign(f)).replace(FIGURE_VALUE, (_, end: string, f: string) => `${end}  ${withSign(f)}`);
    })
    .join('\n');
  const summary = receipt ? receiptSummary(tidied, now) : '';
  return summary ? `${tidied}\n${summary}` : tidied;
}
