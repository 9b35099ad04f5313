import type { ScenarioRule } from '../schemas';
import { classify, understand, normalize, type Entity, classifierOf, SCENARIO_MIN_CONFIDENCE, type Scenario, type ScenarioMatch } from '../nlp';

/** What a conversation's messages say about the transaction: codes per kind, as rules name them. */
export interface TransactionContext {
  readonly regions: ReadonlySet<string>;
  readonly currencies: ReadonlySet<string>;
  readonly banks: ReadonlySet<string>;
  readonly cardTypes: ReadonlySet<string>;
  /** Names for the routing reason (日本, 招商银行, visa). */
  readonly words: readonly string[];
}

export interface ScenarioRoute {
  readonly rule: ScenarioRule;
  readonly scenario: ScenarioMatch;
  readonly context: TransactionContext;
}

/** The entities of the messages, read with the understanding step (messages it rejects add nothing). */
export function transactionContext(texts: readonly string[]): TransactionContext {
  const regions = new Set<string>();
  const currencies = new Set<string>();
  const banks = new Set<string>();
  const cardTypes = new Set<string>();
  const words: string[] = [];
  const note = (set: Set<string>, code: string, word: string) => {
    if (!set.has(code)) words.push(word);
    set.add(code);
  };
  for (const text of texts) {
    let entities: Entity[];
    try {
      entities = understand(text).entities;
    } catch {
      continue;
    }
    for (const e of entities) {
      if (e.type === 'region') note(regions, e.value.code, e.value.name);
      else if (e.type === 'currency') note(currencies, e.value.code, e.value.code);
      else if (e.type === 'amount' && e.value.currency !== 'CNY') note(currencies, e.value.currency, e.value.currency);
      else if (e.type === 'bank') note(banks, e.value.code, e.value.name);
      else if (e.type === 'cardType') {
        if (e.value.network) note(cardTypes, e.value.network, e.value.network);
        if (e.value.kind) note(cardTypes, e.value.kind, e.value.kind === 'credit' ? '信用卡' : '借记卡');
      }
    }
  }
  return { regions, currencies, banks, cardTypes, words };
}

/**
 * The scenario of the conversation under the tenant's taxonomy: of its latest message that names a
 * business one. 转人工, 谢谢 or 在吗 (scenarios of "other") after the problem do not replace it.
 */
export function conversationScenario(texts: readonly string[], taxonomy: readonly Scenario[]): ScenarioMatch | undefined {
  const classifier = classifierOf(taxonomy);
  let service: ScenarioMatch | undefined;
  for (let i = texts.length - 1; i >= 0; i--) {
    const text = texts[i]!.slice(0, 2000);
    if (!text.trim()) continue;
    const n = normalize(text).text;
    const match = classifier.classify(n, classify(n));
    if (!match || match.confidence < SCENARIO_MIN_CONFIDENCE) continue;
    if (match.category !== 'other') return match;
    service ??= match;
  }
  return service;
}

/** A condition holds when not given, or when the messages name one of its values (`*`: any). */
function holds(wanted: readonly string[] | undefined, found: ReadonlySet<string>): boolean {
  if (!wanted?.length) return true;
  return wanted.some((w) => (w === '*' ? found.size > 0 : found.has(w) || found.has(w.toUpperCase()) || found.has(w.toLowerCase())));
}

/** The first rule whose scenario and entity conditions the conversation's messages meet. */
export function matchScenarioRule(rules: readonly ScenarioRule[], texts: readonly string[], taxonomy: readonly Scenario[]): ScenarioRoute | undefined {
  if (rules.length === 0) return undefined;
  const scenario = conversationScenario(texts, taxonomy);
  if (!scenario) return undefined;
  const candidates = rules.filter((r) => r.scenarios.includes(scenario.id));
  if (candidates.length === 0) return undefined;
  const context = transactionContext(texts);
  const rule = candidates.find((r) => holds(r.regions, context.regions) && holds(r.currencies, context.currencies) && holds(r.banks, context.banks) && holds(r.cardTypes, context.cardTypes));
  return rule ? { rule, scenario, context } : undefined;
}

/** The routing reason agents read: the rule, the scenario and what was recognised. */
export function scenarioReason(route: ScenarioRoute): string {
  const seen = route.context.words.length ? `(${route.context.words.join('、')})` : '';
  return `场景: ${route.scenario.name}${seen} · 规则「${route.rule.name}」`;
}
