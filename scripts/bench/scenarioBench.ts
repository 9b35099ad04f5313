import { readFileSync } from 'node:fs';
import path from 'node:path';
import { understand } from '../../shared/nlp';

/** One labelled message of eval/scenarios (written for Kefu from scratch). */
interface Labelled {
  readonly id: string;
  readonly text: string;
  readonly scenario: string;
  readonly category: string;
}

export interface ScenarioSetResult {
  readonly utterances: number;
  readonly scenarios: number;
  /** Share with the right scenario (a message given no scenario counts as wrong). */
  readonly scenarioAccuracy: number;
  /** Share whose recognised scenario lies under the right category. */
  readonly categoryAccuracy: number;
  /** The category classifier alone (Understanding.category), for comparison. */
  readonly classifierCategoryAccuracy: number;
  /** Share given any scenario. */
  readonly coverage: number;
}

const evalDir = path.join(__dirname, '..', '..', 'eval', 'scenarios');

function load(name: 'dev' | 'heldout' | 'fresh'): Labelled[] {
  return readFileSync(path.join(evalDir, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Labelled);
}

const pct = (n: number, d: number) => Math.round((n / d) * 1000) / 10;

/** understand() on one set: scenario and category accuracy in %. */
export function scenarioSet(name: 'dev' | 'heldout' | 'fresh'): ScenarioSetResult {
  const rows = load(name);
  let scenario = 0;
  let category = 0;
  let classifier = 0;
  let covered = 0;
  for (const r of rows) {
    const p = understand(r.text, { scenario: true });
    if (p.scenario) covered++;
    if (p.scenario?.id === r.scenario) scenario++;
    if ((p.scenario?.category ?? p.category) === r.category) category++;
    if (p.category === r.category) classifier++;
  }
  const n = rows.length;
  return {
    utterances: n,
    scenarios: new Set(rows.map((r) => r.scenario)).size,
    scenarioAccuracy: pct(scenario, n),
    categoryAccuracy: pct(category, n),
    classifierCategoryAccuracy: pct(classifier, n),
    coverage: pct(covered, n),
  };
}

/** The table bench:nlp prints for the scenario sets. */
export function scenarioTable(results: Readonly<Record<string, ScenarioSetResult>>): string {
  const head = ['eval/scenarios', 'utterances', 'scenarios', 'scenario %', 'category % (scenario)', 'category % (classifier)', 'coverage %'];
  const rows = Object.entries(results).map(([k, r]) => [k, r.utterances, r.scenarios, r.scenarioAccuracy, r.categoryAccuracy, r.classifierCategoryAccuracy, r.coverage]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r: (string | number)[]) => r.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]!) : String(v).padStart(widths[i]!))).join('  ');
  return `${fmt(head)}\n${rows.map(fmt).join('\n')}\n`;
}
