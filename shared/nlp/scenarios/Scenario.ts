import type { Category } from '../Entity';

/**
 * One business scenario under a category (境外消费被拒付 under payment): what routing rules and
 * reports name, with the examples the scenario classifier learns from. A merchant may edit the
 * default taxonomy (shared/nlp/scenarios/taxonomy) for their own tenant.
 */
export interface Scenario {
  /** `category.name`, e.g. `payment.crossBorderDeclined`. */
  readonly id: string;
  readonly category: Category;
  /** Its name as staff read it. */
  readonly name: string;
  /** Customer messages of this scenario, written as users write. */
  readonly examples: readonly string[];
  /** Words an error screen shows for this problem (余额不足): read from a picture, they name the scenario. */
  readonly screenTexts?: readonly string[];
}

/** The scenario found in a message, with its classifier's confidence in [0, 1]. */
export interface ScenarioMatch {
  readonly id: string;
  readonly name: string;
  readonly category: Category;
  readonly confidence: number;
}
