import { useEffect, useState } from 'react';
import { Button, Card, Input, Switch, Table, Typography } from 'antd';
import { toast } from '../toast';
import { api, ApiError } from '../api';
import { useLabel, useTr } from '../i18n';
import { flowTitles } from '../../../../shared/flows/flowTitles';
import { FLOW_TITLE_MAX, type FlowSettingsRequest as Settings } from '../../../../shared/merchant/flowSettings';
import type { FlowId } from '../../../../shared/schemas';

/** One flow as the table edits it: switched on or not, and the merchant's title ('' for the default). */
interface Row {
  readonly id: FlowId;
  readonly defaultTitle: string;
  readonly on: boolean;
  readonly title: string;
}

const rowsOf = (saved: Settings): Row[] => flowTitles.map((f) => ({ id: f.id, defaultTitle: f.title, on: !saved.disabled.includes(f.id), title: saved.titles[f.id] ?? '' }));

/**
 * The self-service flows (issue 22 item 1): the six kinds of question the bot answers with the
 * user's own transactions, each switched on or off (off: the knowledge base answers) and with the
 * title its status card carries. Supervisors see them; only an admin saves (the API refuses others).
 */
export function FlowSettings({ admin }: { admin: boolean }) {
  const tr = useTr();
  const label = useLabel();
  const [rows, setRows] = useState<Row[]>();
  useEffect(() => {
    void api<Settings>('GET', '/v1/merchant/flows').then((saved) => setRows(rowsOf(saved)), () => undefined);
  }, []);
  if (!rows) return null;
  const set = (id: FlowId, patch: Partial<Row>) => setRows(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const save = async () => {
    const titles: Partial<Record<FlowId, string>> = {};
    for (const r of rows) if (r.title.trim() && r.title.trim() !== r.defaultTitle) titles[r.id] = r.title.trim();
    try {
      const saved = await api<Settings>('PUT', '/v1/merchant/flows', { disabled: rows.filter((r) => !r.on).map((r) => r.id), titles });
      setRows(rowsOf(saved));
      void toast.success(tr('已保存'));
    } catch (err) {
      void toast.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Card
      size="small"
      title={tr('自助查询')}
      className="flow-settings"
      extra={admin ? <Button type="primary" className="save-flows" onClick={() => void save()}>{tr('保存')}</Button> : <Typography.Text type="secondary">{tr('只有管理员可以修改')}</Typography.Text>}
    >
      <Typography.Paragraph type="secondary">{tr('机器人用用户自己的交易(支付、退款、转账、订单、账单、还款)回答这些问题;关闭的问题由知识库回答。标题显示在状态卡片上,留空用默认标题。')}</Typography.Paragraph>
      <Table<Row>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: tr('问题类型'), key: 'name', width: 200, render: (_: unknown, r) => label('flow', r.id) },
          {
            title: tr('启用'),
            key: 'on',
            width: 100,
            render: (_: unknown, r) => <Switch className={`flow-on flow-on-${r.id}`} aria-label={`${tr('启用')} ${label('flow', r.id)}`} checked={r.on} disabled={!admin} onChange={(on) => set(r.id, { on })} />,
          },
          {
            title: tr('卡片标题'),
            key: 'title',
            render: (_: unknown, r) => (
              <Input
                className={`flow-title flow-title-${r.id}`}
                aria-label={`${tr('卡片标题')} ${label('flow', r.id)}`}
                placeholder={r.defaultTitle}
                maxLength={FLOW_TITLE_MAX}
                value={r.title}
                disabled={!admin}
                onChange={(e) => set(r.id, { title: e.target.value })}
                style={{ maxWidth: 320 }}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
