import type { Span } from './Entity';
import { LongestMatch } from './LongestMatch';

/**
 * Countries and regions a transaction happens in, by ISO 3166 code, with the names and the big
 * cities users name instead ("在东京刷卡"). Mainland China is absent on purpose: a domestic
 * payment names no country.
 */
const REGIONS: readonly (readonly [code: string, name: string, words: string])[] = [
  ['JP', '日本', '日本|东京|大阪|京都|北海道|冲绳|名古屋|横滨|奈良'],
  ['KR', '韩国', '韩国|首尔|济州岛|济州|釜山'],
  ['US', '美国', '美国|纽约|洛杉矶|旧金山|拉斯维加斯|夏威夷|西雅图|波士顿|芝加哥'],
  ['GB', '英国', '英国|伦敦|曼彻斯特|爱丁堡'],
  ['FR', '法国', '法国|巴黎|尼斯'],
  ['DE', '德国', '德国|柏林|慕尼黑|法兰克福'],
  ['IT', '意大利', '意大利|罗马|米兰|威尼斯|佛罗伦萨'],
  ['ES', '西班牙', '西班牙|马德里|巴塞罗那'],
  ['CH', '瑞士', '瑞士|苏黎世|日内瓦'],
  ['NL', '荷兰', '荷兰|阿姆斯特丹'],
  ['RU', '俄罗斯', '俄罗斯|莫斯科'],
  ['TH', '泰国', '泰国|曼谷|普吉岛|清迈|芭提雅'],
  ['SG', '新加坡', '新加坡'],
  ['MY', '马来西亚', '马来西亚|吉隆坡|槟城'],
  ['VN', '越南', '越南|河内|胡志明|岘港'],
  ['ID', '印度尼西亚', '印度尼西亚|印尼|巴厘岛|雅加达'],
  ['PH', '菲律宾', '菲律宾|马尼拉|长滩岛'],
  ['KH', '柬埔寨', '柬埔寨|金边|暹粒'],
  ['AE', '阿联酋', '阿联酋|迪拜|阿布扎比'],
  ['AU', '澳大利亚', '澳大利亚|澳洲|悉尼|墨尔本|布里斯班'],
  ['NZ', '新西兰', '新西兰|奥克兰|皇后镇'],
  ['CA', '加拿大', '加拿大|温哥华|多伦多'],
  ['HK', '中国香港', '香港'],
  ['MO', '中国澳门', '澳门'],
  ['TW', '中国台湾', '台湾|台北'],
];

/** ISO 4217 codes by the words users write (美金, 日币) and the codes themselves. */
const CURRENCIES: readonly (readonly [code: string, words: string])[] = [
  ['USD', '美元|美金|usd'],
  ['JPY', '日元|日币|jpy'],
  ['EUR', '欧元|eur'],
  ['GBP', '英镑|gbp'],
  ['HKD', '港币|港元|hkd'],
  ['MOP', '澳门元|葡币|mop'],
  ['KRW', '韩元|韩币|krw'],
  ['THB', '泰铢|thb'],
  ['SGD', '新加坡元|新币|sgd'],
  ['AUD', '澳元|澳币|aud'],
  ['CAD', '加元|加币|cad'],
  ['CHF', '瑞士法郎|chf'],
  ['RUB', '卢布|rub'],
  ['MYR', '林吉特|马币|myr'],
  ['VND', '越南盾|vnd'],
  ['CNY', '人民币|rmb|cny'],
];

/** Banks by a short code, with their full and colloquial names (工行, 招行). */
const BANKS: readonly (readonly [code: string, name: string, words: string])[] = [
  ['ICBC', '工商银行', '中国工商银行|工商银行|工行'],
  ['CCB', '建设银行', '中国建设银行|建设银行|建行'],
  ['ABC', '农业银行', '中国农业银行|农业银行|农行'],
  ['BOC', '中国银行', '中国银行|中行'],
  ['BOCOM', '交通银行', '交通银行|交行'],
  ['CMB', '招商银行', '招商银行|招行'],
  ['PSBC', '邮储银行', '中国邮政储蓄银行|邮政储蓄银行|邮储银行|邮政银行|邮储'],
  ['SPDB', '浦发银行', '浦发银行|浦发'],
  ['CITIC', '中信银行', '中信银行'],
  ['CEB', '光大银行', '光大银行'],
  ['CMBC', '民生银行', '民生银行'],
  ['CIB', '兴业银行', '兴业银行'],
  ['PAB', '平安银行', '平安银行'],
  ['HXB', '华夏银行', '华夏银行'],
  ['GDB', '广发银行', '广发银行|广发'],
  ['BOB', '北京银行', '北京银行'],
  ['BOS', '上海银行', '上海银行'],
  ['NBCB', '宁波银行', '宁波银行'],
  ['HSBC', '汇丰银行', '汇丰银行|汇丰|hsbc'],
  ['CITI', '花旗银行', '花旗银行|花旗|citibank'],
  ['SCB', '渣打银行', '渣打银行|渣打'],
  ['WEBANK', '微众银行', '微众银行'],
  ['MYBANK', '网商银行', '网商银行'],
];

/** Card networks and kinds: "visa信用卡" is two spans, a network and a kind. */
const CARD_TYPES: readonly (readonly [value: { network?: string; kind?: 'credit' | 'debit' }, words: string])[] = [
  [{ network: 'visa' }, 'visa|维萨'],
  [{ network: 'mastercard' }, 'mastercard|master card|万事达'],
  [{ network: 'unionpay' }, 'unionpay|银联'],
  [{ network: 'jcb' }, 'jcb'],
  [{ network: 'amex' }, 'american express|amex|美国运通|运通'],
  [{ network: 'discover' }, 'discover'],
  [{ kind: 'credit' }, '信用卡|贷记卡'],
  [{ kind: 'debit' }, '储蓄卡|借记卡'],
];

type Lexicon<V> = { readonly pattern: RegExp; readonly values: ReadonlyMap<string, V> };

function lexicon<V>(rows: readonly (readonly [V, string])[]): Lexicon<V> {
  const values = new Map<string, V>();
  for (const [value, words] of rows) for (const w of words.split('|')) values.set(w, value);
  const words = [...values.keys()].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Latin codes stand alone (usd, not "usdt"); Chinese words match anywhere.
  return { pattern: new RegExp(words.map((w) => (/^[a-z ]+$/.test(w) ? `(?<![a-z])${w}(?![a-z])` : w)).join('|'), 'g'), values };
}

type ContextType = 'region' | 'currency' | 'bank' | 'cardType';
type ContextValue = { readonly type: ContextType; readonly value: Span<ContextType>['value'] };

const regions = lexicon(REGIONS.map(([code, name, words]) => [{ code, name }, words] as const));
/** Every word of the four kinds in one pattern, longest first: one scan of the text finds them all. */
const context = lexicon<ContextValue>([
  ...REGIONS.map(([code, name, words]) => [{ type: 'region', value: { code, name } }, words] as const),
  ...CURRENCIES.map(([code, words]) => [{ type: 'currency', value: { code } }, words] as const),
  ...BANKS.map(([code, name, words]) => [{ type: 'bank', value: { code, name } }, words] as const),
  ...CARD_TYPES.map(([value, words]) => [{ type: 'cardType', value }, words] as const),
]);

/** The context words, each its own value: one walk from each position finds the longest. */
const trie = new LongestMatch([...context.values.keys()].map((w) => [w, w] as const));
const isLatin = (c: number) => c >= 0x61 && c <= 0x7a;
/** A word that starts with a Latin letter stands alone: no letter just before or after it. */
const latinAlone = (text: string, start: number, end: number) => !(isLatin(text.charCodeAt(start)) && (isLatin(text.charCodeAt(start - 1)) || isLatin(text.charCodeAt(end))));

/**
 * Where and with what a transaction happened, as scenario routing needs it: the country or region,
 * the currency named, the bank and the card type (network or credit/debit). Spans of the
 * (normalised) text; "中国银行" is a bank, not a region, since mainland China is no region here,
 * and 美国运通 is a card network, not the United States (the longer word wins). Latin codes stand
 * alone (usd, not usdt). A trie walk rather than the pattern: it runs inside every understand().
 */
export function extractTransactionContext(text: string): Span[] {
  const out: Span[] = [];
  // The words are lower case; ASCII-only lowering keeps every offset (VISA, Visa, visa alike).
  const lowered = asciiLower(text);
  for (const [start, end, found] of trie.in(lowered, latinAlone)) {
    const hit = context.values.get(found);
    if (hit) out.push({ type: hit.type, start, end, value: hit.value });
  }
  return out;
}

const asciiLower = (text: string) => (/[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (w) => w.toLowerCase()) : text);

/** Every foreign country, region and city name the context knows (for the FAQ's concept of being abroad). */
export function foreignPlaceWords(): string[] {
  return REGIONS.flatMap(([, , words]) => words.split('|'));
}

/** A text with every named foreign country, region or city replaced by 境外, for the scenario classifier. */
export function generaliseRegions(text: string): string {
  regions.pattern.lastIndex = 0;
  return text.replace(regions.pattern, '境外');
}
