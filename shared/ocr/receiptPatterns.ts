/** Words that make a picture's text a receipt (a bill, an order, a bank's payment SMS). */
export const RECEIPT_WORDS = /订单|交易|账单|付款|支付|转账|退款|金额|实付|余额|扣款|支出|收款/;
/** An amount as receipts print it: signed or not, ¥ or not (OCR reads ¥ as Y), two decimals. */
export const FIGURE = String.raw`[-+]?\s?[Y¥￥]?\s?(?:\d{1,3}(?:,\d{3})+|\d{1,9})\.\d{2}`;
/** A line that is only a figure: the amount a bill page shows alone in large type. */
export const FIGURE_LINE = new RegExp(String.raw`^(${FIGURE})$`);
/** Any two-decimal figure in a text. */
export const ANY_FIGURE = /\d[.,]\d{2}(?![\d])/;
