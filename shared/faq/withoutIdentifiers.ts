/**
 * Numbers that name a person or a transaction (a phone, masked or not; card, ID and order
 * numbers): they tell nothing of what is asked, and a question carrying one read as half covered
 * (花呗怎么还款 手机13812345678 was handed off instead of answered). A whole run of digits and
 * letters only: the ID card's check letter first, then any six digits or more (a 19-digit card is
 * one number, not a phone and its leftovers).
 */
const IDENTIFIER = String.raw`(?<![0-9A-Za-z])(?:\d{17}[Xx]|[A-Za-z]{0,4}\d{6,}|\d{3}\*{4}\d{4})(?![0-9A-Za-z])`;
/**
 * Such a number with the words that introduced it, where they stand as its label (at the start or
 * after a separator: 我的手机号: 138…, 订单号 2026…). Inside a question they are the question and
 * stay (换手机号138… asks about changing the phone number; 银行卡号622… is about a bank card).
 */
const LABELLED = new RegExp(String.raw`(?<=^|[\s,，。!！?？;；:：、])(?:我的?)?(?:手机号?码?|电话号?码?|卡号|身份证号?|订单号|单号|交易号)[\s,，:：]*${IDENTIFIER}`, 'g');
const NUMBER = new RegExp(IDENTIFIER, 'g');
/** Full-width digits, letters, colon and asterisk as users' keyboards give them. */
const WIDE = /[０-９Ａ-Ｚａ-ｚ：＊]/g;

/** The question without identifying numbers and their labels; the question itself when nothing else is left. */
export function withoutIdentifiers(query: string): string {
  const narrow = query.replace(WIDE, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const rest = narrow.replace(LABELLED, ' ').replace(NUMBER, ' ').replace(/\s+/g, ' ').trim();
  return rest || query;
}
