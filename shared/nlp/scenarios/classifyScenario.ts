import type { Classification } from '../classify';
import { ScenarioClassifier } from './ScenarioClassifier';
import type { Scenario, ScenarioMatch } from './Scenario';
import { defaultTaxonomy } from './defaultTaxonomy';

/** Below this confidence a message names no scenario (too vague: "出问题了"). */
export const SCENARIO_MIN_CONFIDENCE = 0.2;

/** Built on first use (some 100 ms), not at import: a cold start that asks for no scenario skips it. */
let defaultClassifier: ScenarioClassifier | undefined;
/** Classifiers of merchants' own taxonomies, by the taxonomy array (one per stored version). */
const classifiers = new WeakMap<readonly Scenario[], ScenarioClassifier>();

/** The classifier of a taxonomy, built once per taxonomy array. */
export function classifierOf(taxonomy: readonly Scenario[] = defaultTaxonomy): ScenarioClassifier {
  if (taxonomy === defaultTaxonomy) return (defaultClassifier ??= new ScenarioClassifier(defaultTaxonomy));
  let c = classifiers.get(taxonomy);
  if (!c) classifiers.set(taxonomy, (c = new ScenarioClassifier(taxonomy)));
  return c;
}

/**
 * The scenario of a normalised message under a taxonomy (Kefu's default unless the merchant has
 * their own), helped by the category classifier's reading; undefined when it is too unsure.
 */
export function classifyScenario(normalisedText: string, byCategory?: Classification, taxonomy?: readonly Scenario[]): ScenarioMatch | undefined {
  const match = classifierOf(taxonomy).classify(normalisedText, byCategory);
  return match && match.confidence >= SCENARIO_MIN_CONFIDENCE ? match : undefined;
}
