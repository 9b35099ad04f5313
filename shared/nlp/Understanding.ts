import type { Category, Entity } from './Entity';
import type { ScenarioMatch } from './scenarios/Scenario';

/** What the understanding step returns for one message (and `kefu understand` prints per line). */
export interface Understanding {
  readonly category: Category;
  readonly confidence: number;
  readonly runnerUp: { readonly category: Category; readonly confidence: number };
  /** The business scenario under the categories (境外消费被拒付), absent when none is recognised. */
  readonly scenario?: ScenarioMatch;
  readonly entities: Entity[];
  /** The original text with phone, bank card and ID numbers masked. */
  readonly masked: string;
}
