/**
 * What the understanding step finds in a message. Offsets always refer to the ORIGINAL text:
 * `text === original.slice(start, end)`.
 */
export interface AmountValue {
  readonly amount: number;
  /** ISO 4217 code; CNY unless the text names another currency. */
  readonly currency: string;
}

/** A vague amount such as 十几块 (10..19) or 几百块 (100..999). */
export interface ApproxAmountValue {
  readonly min: number;
  readonly max: number;
  readonly currency: string;
  readonly approx: true;
}

export type TimeGrain = 'year' | 'month' | 'week' | 'day' | 'halfDay' | 'hour' | 'minute' | 'second';

/** Inclusive bounds of the whole unit, ISO 8601 with +08:00 (Asia/Shanghai). */
export interface TimeValue {
  readonly start: string;
  readonly end: string;
  readonly grain: TimeGrain;
}

export interface EntityValues {
  readonly amount: AmountValue | ApproxAmountValue;
  readonly time: TimeValue;
  /** Alipay trade number (28 digits) or merchant order number. */
  readonly orderNo: { readonly orderNo: string; readonly kind: 'alipayTrade' | 'merchantOrder' };
  /** The 11 mainland mobile digits. */
  readonly phone: string;
  /** The card digits without spaces. */
  readonly bankCard: string;
  /** Last four digits of a card. */
  readonly cardTail: string;
  /** The 18-character resident ID, upper-case X. */
  readonly idCard: string;
  /** A country or region other than mainland China (ISO 3166 alpha-2) where a transaction happened. */
  readonly region: { readonly code: string; readonly name: string };
  /** A currency the text names (ISO 4217), with or without an amount. */
  readonly currency: { readonly code: string };
  /** A bank by its short code (ICBC, CMB...) and name. */
  readonly bank: { readonly code: string; readonly name: string };
  /** A card's network (visa, mastercard, unionpay, jcb, amex, discover) or kind (credit, debit). */
  readonly cardType: { readonly network?: string; readonly kind?: 'credit' | 'debit' };
}

export type EntityType = keyof EntityValues;

export type Entity = {
  [K in EntityType]: {
    readonly type: K;
    readonly text: string;
    readonly start: number;
    readonly end: number;
    readonly value: EntityValues[K];
  };
}[EntityType];

/** A span found in some text (not necessarily the original): extractors return these. */
export type Span<K extends EntityType = EntityType> = {
  readonly type: K;
  readonly start: number;
  readonly end: number;
  readonly value: EntityValues[K];
};

export const categories = [
  'payment',
  'transfer',
  'refund',
  'bill',
  'credit',
  'wealth',
  'account',
  'life',
  'merchant',
  'other',
] as const;

export type Category = (typeof categories)[number];
