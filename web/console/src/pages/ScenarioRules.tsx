import { Button, Input, Select, Space, Table } from 'antd';
import { useLabel, useTr } from '../i18n';
import type { ScenarioRule } from '../../../../shared/schemas';
import type { Scenario } from '../../../../shared/nlp';

/** A scenario as the scenario API lists it: where it comes from beside the scenario itself. */
export type ListedScenario = Scenario & { readonly origin: 'default' | 'edited' | 'custom' };

/** Values the understanding step recognises, offered in the conditions (others may be typed). */
const REGIONS = [['*', '任意已识别地区'], ['JP', '日本'], ['KR', '韩国'], ['US', '美国'], ['GB', '英国'], ['FR', '法国'], ['DE', '德国'], ['TH', '泰国'], ['SG', '新加坡'], ['AU', '澳大利亚'], ['HK', '中国香港'], ['MO', '中国澳门'], ['TW', '中国台湾']];
const CURRENCIES = [['*', '任意外币'], ['USD', '美元'], ['JPY', '日元'], ['EUR', '欧元'], ['GBP', '英镑'], ['HKD', '港币'], ['KRW', '韩元'], ['THB', '泰铢']];
const BANKS = [['*', '任意已识别银行'], ['ICBC', '工商银行'], ['CCB', '建设银行'], ['ABC', '农业银行'], ['BOC', '中国银行'], ['BOCOM', '交通银行'], ['CMB', '招商银行'], ['PSBC', '邮储银行'], ['HSBC', '汇丰银行']];
const CARD_TYPES = [['*', '任意已识别卡种'], ['visa', 'Visa'], ['mastercard', 'Mastercard'], ['unionpay', '银联'], ['jcb', 'JCB'], ['amex', '美国运通'], ['credit', '信用卡'], ['debit', '借记卡']];

type Condition = 'regions' | 'currencies' | 'banks' | 'cardTypes';
const CONDITIONS: [Condition, string, string[][]][] = [['regions', '地区', REGIONS], ['currencies', '币种', CURRENCIES], ['banks', '银行', BANKS], ['cardTypes', '卡种', CARD_TYPES]];

/**
 * Routing rules on scenario + entities, edited inside the routing settings (saved with them): a
 * conversation of one of the scenarios whose messages name a matching region, currency, bank and
 * card type (each only when set) goes to the rule's group.
 */
export function ScenarioRules({ rules, onChange, scenarios, groups }: { rules: readonly ScenarioRule[]; onChange: (rules: ScenarioRule[]) => void; scenarios: readonly ListedScenario[]; groups: { value: string; label: string }[] }) {
  const tr = useTr();
  const label = useLabel();
  const set = (i: number, patch: Partial<ScenarioRule>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  // Names with their category, not ids: the console shows no codes (test/consoleCodes.browser.test.ts).
  const scenarioOptions = scenarios.map((s) => ({ value: s.id, label: `${s.name} · ${label('category', s.category)}` }));
  const add = () => {
    const ids = new Set(rules.map((r) => r.id));
    let n = rules.length + 1;
    while (ids.has(`rule-${n}`)) n++;
    onChange([...rules, { id: `rule-${n}`, name: tr('新规则'), scenarios: [], groupId: groups[0]?.value ?? '' }]);
  };
  return (
    <div className="scenario-rules">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rules.map((r) => ({ ...r }))}
        locale={{ emptyText: tr('还没有场景规则') }}
        columns={[
          { title: tr('规则名'), key: 'name', width: 120, render: (_: unknown, r: ScenarioRule, i) => <Input size="small" className="rule-name" maxLength={32} value={r.name} onChange={(e) => set(i, { name: e.target.value })} /> },
          {
            title: tr('场景'),
            key: 'scenarios',
            render: (_: unknown, r: ScenarioRule, i) => (
              <Select size="small" mode="multiple" className="rule-scenarios" style={{ width: '100%', minWidth: 200 }} showSearch optionFilterProp="label" value={r.scenarios} options={scenarioOptions} onChange={(v: string[]) => set(i, { scenarios: v })} />
            ),
          },
          ...CONDITIONS.map(([key, title, options]) => ({
            title: tr(title),
            key,
            width: 130,
            render: (_: unknown, r: ScenarioRule, i: number) => (
              <Select size="small" mode="tags" className={`rule-${key}`} style={{ width: '100%' }} placeholder={tr('不限')} value={r[key] ?? []} options={options.map(([value, label]) => ({ value, label: tr(label!) }))} onChange={(v: string[]) => set(i, { [key]: v.length ? v : undefined })} />
            ),
          })),
          { title: tr('转给技能组'), key: 'group', width: 130, render: (_: unknown, r: ScenarioRule, i) => <Select size="small" className="rule-group" style={{ width: '100%' }} value={r.groupId} options={groups} onChange={(groupId: string) => set(i, { groupId })} /> },
          { title: '', key: 'remove', width: 60, render: (_: unknown, _r: ScenarioRule, i) => <Button size="small" danger onClick={() => onChange(rules.filter((_x, j) => j !== i))}>{tr('删除')}</Button> },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Button size="small" className="add-scenario-rule" onClick={add}>{tr('添加场景规则')}</Button>
      </Space>
    </div>
  );
}
