import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, InputNumber, Select, Space, Switch, Table, Typography } from 'antd';
import { toast } from '../toast';
import { useTr } from '../i18n';
import { api, ApiError } from '../api';
import type { BusinessEventType, ProactiveRule as Rule } from '../../../../shared/schemas';

/** Event types by what a merchant calls them; the code is in the tooltip, for the integration. */
const EVENT_NAMES: Record<string, string> = {
  'transaction.succeeded': '交易成功',
  'payment.failed': '付款失败',
  'refund.started': '退款受理',
  'transfer.pending': '转账待到账',
  'repayment.due': '还款到期',
  'login.anomaly': '异常登录',
};

/**
 * Proactive service: the rules that turn the merchant's business events into messages, and (for
 * admins) the secret the merchant's systems sign `POST /v1/events` with, shown once when created.
 */
export function ProactiveSettings({ admin }: { admin: boolean }) {
  const tr = useTr();
  const [rules, setRules] = useState<Rule[]>();
  const [types, setTypes] = useState<BusinessEventType[]>([]);
  const [secret, setSecret] = useState<string>();
  /** The knowledge base's questions by id: a rule's related FAQs are picked and shown by their question. */
  const [questions, setQuestions] = useState<Record<string, string>>({});
  useEffect(() => {
    void api<{ entries: { id: string; question: string }[] }>('GET', '/v1/merchant/faq?limit=200').then((r) => setQuestions(Object.fromEntries(r.entries.map((e) => [e.id, e.question]))), () => undefined);
    void api<{ rules: Rule[]; eventTypes: BusinessEventType[] }>('GET', '/v1/merchant/proactive-rules').then((r) => {
      setRules(r.rules);
      setTypes(r.eventTypes);
    });
  }, []);
  if (!rules) return null;
  const set = (i: number, patch: Partial<Rule>) => setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const fail = (err: unknown) => void toast.error(err instanceof ApiError ? err.message : String(err));
  const save = async () => {
    try {
      setRules((await api<{ rules: Rule[] }>('PUT', '/v1/merchant/proactive-rules', { rules })).rules);
      void toast.success(tr('已保存'));
    } catch (err) {
      fail(err);
    }
  };
  const rotate = async () => {
    try {
      setSecret((await api<{ secret: string }>('POST', '/v1/merchant/event-secret')).secret);
    } catch (err) {
      fail(err);
    }
  };
  const add = () => setRules([...rules, { id: `rule-${Date.now().toString(36)}`, eventType: types[0] ?? 'transaction.succeeded', delayMinutes: 0, text: '', faqIds: [], dedupeHours: 24, enabled: true }]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} className="proactive-settings">
      {admin ? (
        <Card size="small" title={tr('事件密钥')} extra={<Button className="rotate-secret" onClick={() => void rotate()}>{tr('生成新密钥')}</Button>}>
          <Typography.Paragraph type="secondary">{tr('业务系统用此密钥签名 POST /v1/events;生成新密钥后旧密钥立即失效。')}</Typography.Paragraph>
          {secret ? <Alert type="warning" showIcon title={<Typography.Text copyable code className="event-secret">{secret}</Typography.Text>} description={tr('密钥只显示这一次,请立即保存。')} /> : null}
        </Card>
      ) : null}
      <Card size="small" title={tr('主动服务规则')} extra={<Space><Button onClick={add}>{tr('新增')}</Button><Button type="primary" className="save-rules" onClick={() => void save()}>{tr('保存')}</Button></Space>}>
        <Table<Rule>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rules}
          columns={[
            { title: tr('启用'), render: (_, r, i) => <Switch size="small" checked={r.enabled} onChange={(enabled) => set(i, { enabled })} /> },
            { title: tr('事件'), render: (_, r, i) => <Select style={{ width: 240 }} value={r.eventType} options={types.map((t) => ({ value: t, label: <span title={t}>{tr(EVENT_NAMES[t] ?? '其他')}</span> }))} onChange={(eventType) => set(i, { eventType })} /> },
            { title: tr('延迟(分钟)'), render: (_, r, i) => <InputNumber min={0} max={10080} value={r.delayMinutes} onChange={(v) => set(i, { delayMinutes: v ?? 0 })} /> },
            { title: tr('消息'), render: (_, r, i) => <Input.TextArea autoSize maxLength={500} value={r.text} onChange={(e) => set(i, { text: e.target.value })} /> },
            { title: tr('关联问题'), render: (_, r, i) => <Select mode="multiple" className="rule-faqs" style={{ width: 220 }} maxCount={3} showSearch={{ optionFilterProp: 'label' }} value={r.faqIds} options={[...new Set([...Object.keys(questions), ...r.faqIds])].map((id) => ({ value: id, label: questions[id] ?? tr('未知问题') }))} onChange={(faqIds: string[]) => set(i, { faqIds })} /> },
            { title: tr('去重(小时)'), render: (_, r, i) => <InputNumber min={0} max={720} value={r.dedupeHours} onChange={(v) => set(i, { dedupeHours: v ?? 0 })} /> },
            { title: '', render: (_, _r, i) => <Button danger size="small" onClick={() => setRules(rules.filter((_, j) => j !== i))}>{tr('删除')}</Button> },
          ]}
        />
      </Card>
    </Space>
  );
}
