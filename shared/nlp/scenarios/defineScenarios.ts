import type { Category } from '../Entity';
import type { Scenario } from './Scenario';

/** Name, examples separated by `|`, and optionally the error-screen words separated by `|`. */
export type ScenarioRow = readonly [name: string, examples: string, screenTexts?: string];

/** The scenarios of one category from compact rows (the taxonomy files stay readable as data). */
export function defineScenarios(category: Category, rows: Readonly<Record<string, ScenarioRow>>): Scenario[] {
  return Object.entries(rows).map(([key, [name, examples, screen]]) => ({
    id: `${category}.${key}`,
    category,
    name,
    examples: examples.split('|'),
    ...(screen ? { screenTexts: screen.split('|') } : {}),
  }));
}
