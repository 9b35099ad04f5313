import type { Category, Entity } from './Entity';

/** What the understanding step returns for one message (and `kefu parse` prints per line). */
export interface ParseResult {
  readonly category: Category;
  readonly confidence: number;
  readonly runnerUp: { readonly category: Category; readonly confidence: number };
  readonly entities: Entity[];
  /** The original text with phone, bank card and ID numbers masked. */
  readonly masked: string;
}
