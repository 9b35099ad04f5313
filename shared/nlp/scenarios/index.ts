export type { Scenario, ScenarioMatch } from './Scenario';
export { defaultTaxonomy } from './defaultTaxonomy';
export { ScenarioClassifier } from './ScenarioClassifier';
export { classifyScenario, classifierOf, SCENARIO_MIN_CONFIDENCE } from './classifyScenario';
export { screenQuestion } from './screenQuestion';
