import { KefuError } from '../errors';
import type { Store } from '../store';
import { defaultTaxonomy, type Scenario, SCENARIO_ID, type ScenarioInput } from '../nlp';
import { routingTables as t } from './routingTables';

/** A merchant's change to the default taxonomy: a scenario of their own or edited, or one removed. */
interface ScenarioOverride {
  [column: string]: unknown;
  id: string;
  scenario?: Scenario;
  deleted?: boolean;
  updatedAt: string;
}

/** A scenario as the console lists it: where it comes from. */
export type CatalogScenario = Scenario & { readonly origin: 'default' | 'edited' | 'custom' };

/**
 * A tenant's scenario taxonomy: Kefu's default as the seed, with the merchant's edits stored per
 * tenant as overrides (so a better default reaches every scenario the merchant left alone).
 */
export class ScenarioCatalog {
  /** The last taxonomy built per tenant, by the overrides it was built from (classifiers are cached by it). */
  private readonly built = new Map<string, { key: string; taxonomy: readonly Scenario[] }>();

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private async overrides(tenant: string): Promise<ScenarioOverride[]> {
    return (await this.store.tenant(tenant).range<ScenarioOverride>(t.scenario, [], { limit: 1000 })).rows.map((r) => r.value);
  }

  /** The tenant's taxonomy: the default one until the merchant edits it. */
  async taxonomy(tenant: string): Promise<readonly Scenario[]> {
    const overrides = await this.overrides(tenant);
    if (overrides.length === 0) return defaultTaxonomy;
    const key = JSON.stringify(overrides);
    const cached = this.built.get(tenant);
    if (cached?.key === key) return cached.taxonomy;
    const byId = new Map(overrides.map((o) => [o.id, o]));
    const taxonomy = [
      ...defaultTaxonomy.flatMap((s) => {
        const o = byId.get(s.id);
        return o?.deleted ? [] : [o?.scenario ?? s];
      }),
      ...overrides.filter((o) => o.scenario && !defaultTaxonomy.some((s) => s.id === o.id)).map((o) => o.scenario!),
    ];
    this.built.set(tenant, { key, taxonomy });
    return taxonomy;
  }

  /** Every scenario of the tenant with its origin, default order then the merchant's own. */
  async list(tenant: string): Promise<CatalogScenario[]> {
    const edited = new Set((await this.overrides(tenant)).map((o) => o.id));
    const defaults = new Set(defaultTaxonomy.map((s) => s.id));
    return (await this.taxonomy(tenant)).map((s) => ({ ...s, origin: !defaults.has(s.id) ? 'custom' : edited.has(s.id) ? 'edited' : 'default' }));
  }

  /** Creates or replaces a scenario; its id names its category (`payment.xxx`). */
  async put(tenant: string, id: string, input: ScenarioInput): Promise<Scenario> {
    if (!SCENARIO_ID.test(id)) throw new KefuError('VALIDATION_FAILED', '场景 id 须为 分类.名称(字母、数字、_)', { field: 'id', reason: 'pattern' });
    if (id.split('.')[0] !== input.category) throw new KefuError('VALIDATION_FAILED', '场景 id 须以其分类开头', { field: 'category', reason: 'mismatch' });
    const examples = [...new Set(input.examples.map((e) => e.trim()).filter(Boolean))];
    if (examples.length === 0) throw new KefuError('VALIDATION_FAILED', '至少需要一条示例', { field: 'examples', reason: 'empty' });
    const screenTexts = input.screenTexts?.map((e) => e.trim()).filter(Boolean);
    const scenario: Scenario = { id, category: input.category, name: input.name.trim(), examples, ...(screenTexts?.length ? { screenTexts } : {}) };
    const row: ScenarioOverride = { id, scenario, updatedAt: this.clock().toISOString() };
    await this.store.tenant(tenant).put(t.scenario, [id], row);
    return scenario;
  }

  /** Removes a scenario: the merchant's own one is gone, a default one hidden for this tenant. */
  async remove(tenant: string, id: string): Promise<void> {
    if (!(await this.taxonomy(tenant)).some((s) => s.id === id)) throw new KefuError('NOT_FOUND', `场景 ${id} 不存在`);
    const db = this.store.tenant(tenant);
    if (defaultTaxonomy.some((s) => s.id === id)) await db.put(t.scenario, [id], { id, deleted: true, updatedAt: this.clock().toISOString() } satisfies ScenarioOverride);
    else await db.delete(t.scenario, [id]);
  }

  /** Brings a default scenario back as Kefu ships it (drops the tenant's edit or removal). */
  async restore(tenant: string, id: string): Promise<Scenario> {
    const original = defaultTaxonomy.find((s) => s.id === id);
    if (!original) throw new KefuError('NOT_FOUND', `默认场景中没有 ${id}`);
    await this.store.tenant(tenant).delete(t.scenario, [id]);
    return original;
  }
}
