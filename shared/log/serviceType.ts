import { type Category, classify, normalize } from '../nlp';
import { SERVICE_TYPES, type ServiceType } from '../schemas';

/** Kefu's categories (shared/nlp/Entity.ts) as the seed's business types. */
export const serviceTypeOfCategory: Readonly<Record<Category, ServiceType>> = {
  payment: '支付',
  transfer: '转账',
  refund: '退款',
  bill: '账单',
  credit: '花呗借呗',
  wealth: '理财',
  account: '账户',
  life: '生活',
  merchant: '商家',
  other: '其他',
};

const labels = new Set<string>(SERVICE_TYPES);

export function isServiceType(value: unknown): value is ServiceType | '' {
  return value === '' || (typeof value === 'string' && labels.has(value));
}

/**
 * The business type of the words a request carried, classified as the understanding step does
 * (about 0.1 ms); empty when the request carried none.
 */
export function serviceTypeOfText(text: string): ServiceType | '' {
  if (!text.trim()) return '';
  return serviceTypeOfCategory[classify(normalize(text).text).category];
}
