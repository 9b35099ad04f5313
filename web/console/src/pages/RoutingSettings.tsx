import { useEffect, useState } from 'react';
import { Button, Card, Checkbox, Col, Divider, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { toast } from '../toast';
import { codesOf, useLabel, useTr } from '../i18n';
import { api, ApiError } from '../api';
import type { RoutingSettings as Routing } from '../../../../shared/schemas';
import { ScenarioRules, type ListedScenario } from './ScenarioRules';
import { ScenarioTaxonomy } from './ScenarioTaxonomy';

const numbers: [keyof Routing, string, number, number][] = [
  ['autoReplySeconds', '排队自动回复(秒)', 5, 3600],
  ['noReplySeconds', '客服未回复改派(秒)', 10, 3600],
  ['escalationAmount', '大额升级金额(元)', 0, 10_000_000],
  ['repeatContacts', '7 天内第几次同类咨询升级', 2, 20],
  ['vipLeadSeconds', 'VIP 每级提前(秒)', 0, 86400],
  ['historyDays', '回访原客服的天数', 0, 90],
  ['preferWaitSeconds', '等待原客服的秒数', 0, 3600],
];

/**
 * Routing: groups per category, rules on scenario + entities, expert and VIP groups, escalation and
 * queue thresholds, service hours; below, the merchant's scenario taxonomy the rules name.
 */
export function RoutingSettings() {
  const tr = useTr();
  const label = useLabel();
  const [r, setR] = useState<Routing>();
  // Changes apply to the latest settings, not the last render's: two changes in a row both stay.
  const update = (change: (r: Routing) => Routing) => setR((current) => current && change(current));
  const [groups, setGroups] = useState<{ id: string; name: string }[]>([]);
  const [scenarios, setScenarios] = useState<ListedScenario[]>([]);
  const loadScenarios = () => api<{ scenarios: ListedScenario[] }>('GET', '/v1/merchant/scenarios').then((s) => setScenarios(s.scenarios));
  useEffect(() => {
    void api<Routing>('GET', '/v1/merchant/settings/routing').then(setR);
    void loadScenarios();
    void api<{ groups: { id: string; name: string }[] }>('GET', '/v1/agent/groups').then((g) => setGroups(g.groups));
  }, []);
  if (!r) return null;
  const groupOptions = groups.map((g) => ({ value: g.id, label: g.name }));
  const save = async () => {
    try {
      setR(await api<Routing>('PUT', '/v1/merchant/settings/routing', r));
      void toast.success(tr('已保存'));
    } catch (err) {
      void toast.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <>
      <Card size="small" title={tr('分配规则')} className="routing-settings" extra={<Button type="primary" className="save-routing" onClick={() => void save()}>{tr('保存')}</Button>}>
        <Row gutter={24}>
          <Col span={12}>
            <Form layout="horizontal" labelCol={{ span: 8 }}>
              {codesOf('category').map((c) => (
                <Form.Item key={c} label={label('category', c)}>
                  <Select allowClear placeholder={`${tr('默认')} (${groups.find((g) => g.id === r.defaultGroup)?.name ?? ''})`} value={r.categoryGroups[c]} options={groupOptions} onChange={(g?: string) => update((r) => ({ ...r, categoryGroups: Object.fromEntries(Object.entries({ ...r.categoryGroups, [c]: g }).filter(([, v]) => v)) as Record<string, string> }))} />
                </Form.Item>
              ))}
            </Form>
          </Col>
          <Col span={12}>
            <Form layout="horizontal" labelCol={{ span: 10 }}>
              <Form.Item label={tr('默认技能组')}><Select value={r.defaultGroup} options={groupOptions} onChange={(defaultGroup: string) => update((r) => ({ ...r, defaultGroup }))} /></Form.Item>
              <Form.Item label={tr('专家组(复杂案件)')}><Select value={r.expertGroup} options={groupOptions} onChange={(expertGroup: string) => update((r) => ({ ...r, expertGroup }))} /></Form.Item>
              {['1', '2', '3'].map((tier) => (
                <Form.Item key={tier} label={tr(`VIP ${tier} 级及以上专席`)}>
                  <Select allowClear value={r.pinnedTiers[tier]} options={groupOptions} onChange={(g?: string) => update((r) => ({ ...r, pinnedTiers: Object.fromEntries(Object.entries({ ...r.pinnedTiers, [tier]: g }).filter(([, v]) => v)) as Record<string, string> }))} />
                </Form.Item>
              ))}
              {numbers.map(([key, text, min, max]) => (
                // The range beside the box: a value outside it is brought into it on leaving the box
                // (-5 became 10 with nothing said: walk finding).
                <Form.Item key={key} label={tr(text)} extra={`${tr('范围')} ${min} – ${max}`}>
                  <InputNumber id={`routing-${key}`} min={min} max={max} value={r[key] as number} onChange={(v) => v !== null && update((r) => ({ ...r, [key]: v }))} />
                </Form.Item>
              ))}
              <Form.Item label={tr('服务时间')}>
                <Space orientation="vertical">
                  <Switch checked={!!r.businessHours} checkedChildren={tr('限定时间')} unCheckedChildren={tr('全天候')} onChange={(on) => update((r) => (on ? { ...r, businessHours: { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' } } : (({ businessHours: _, ...rest }) => rest)(r)))} />
                  {r.businessHours && (
                    <>
                      <Checkbox.Group value={r.businessHours.days} options={['一', '二', '三', '四', '五', '六', '日'].map((d, i) => ({ label: tr(`周${d}`), value: i + 1 }))} onChange={(days) => update((r) => ({ ...r, businessHours: { ...r.businessHours!, days: (days).sort() } }))} />
                      <Space>
                        <Input style={{ width: 80 }} value={r.businessHours.open} onChange={(e) => update((r) => ({ ...r, businessHours: { ...r.businessHours!, open: e.target.value } }))} />{tr('至')}
                        <Input style={{ width: 80 }} value={r.businessHours.close} onChange={(e) => update((r) => ({ ...r, businessHours: { ...r.businessHours!, close: e.target.value } }))} />
                      </Space>
                    </>
                  )}
                </Space>
              </Form.Item>
            </Form>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>{tr('场景规则(先于 VIP 专席和分类)')}</Divider>
        <ScenarioRules rules={r.scenarioRules ?? []} scenarios={scenarios} groups={groupOptions} onChange={(scenarioRules) => update((r) => ({ ...r, scenarioRules }))} />
      </Card>
      <ScenarioTaxonomy scenarios={scenarios} reload={loadScenarios} />
    </>
  );
}
