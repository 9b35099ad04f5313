/**
 * Numbers that name a person or a transaction (a phone, masked or not; card, ID and order
 * numbers): they tell nothing of what is asked, and a question carrying one read as half covered
 * (花呗怎么还款 手机13812345678 was handed off instead of answered).
 */
const IDENTIFIER = String.raw`(?:1[3-9]\d(?:\d{8}|\*{4}\d{4})|\d{3}\*{4}\d{4}|\d{17}[\dXx]|[A-Za-z]{0,4}\d{6,})`;
/**
 * Such a number with the words that introduced it. The words go only with their number: alone
 * they are the question (换手机号 asks about changing the phone number, and read as 换 it was not
 * answered).
 */
const LABELLED = new RegExp(String.raw`(?:(?:我的?)?(?:手机号?码?|电话号?码?|卡号|身份证号?|订单号|单号|交易号)[::]?\s*)?${IDENTIFIER}`, 'g');

/** The question without identifying numbers and their labels; the question itself when nothing else is left. */
export function withoutIdentifiers(query: string): string {
  const rest = query.replace(LABELLED, ' ').replace(/\s+/g, ' ').trim();
  return rest || query;
}
