import { useEffect, useState } from 'react';
import { Button, Card, Input, Table, Typography } from 'antd';
import { toast } from '../toast';
import { api, ApiError } from '../api';
import { useTr } from '../i18n';
import type { ActionLinkSettings as Settings } from '../../../../shared/merchant';
import type { FaqEntry } from '../../../../shared/schemas';
import { flowPages } from '../../../../shared/flows/flowTitles';

/** One FAQ action's page: the buttons that lead there and its H5 address (empty: none). */
interface Row {
  readonly path: string;
  readonly labels: readonly string[];
  readonly url: string;
}

/** The pages the knowledge base's and the self-service cards' buttons lead to (with their labels), and pages that only have an address saved. */
function rowsOf(entries: readonly FaqEntry[], saved: Settings): Row[] {
  const labels = new Map<string, Set<string>>();
  const actions = [...entries.flatMap((e) => e.actions), ...Object.values(flowPages)];
  for (const a of actions) if (a.path) labels.set(a.path, (labels.get(a.path) ?? new Set()).add(a.label));
  const urls = new Map(saved.links.map((l) => [l.path, l.url]));
  const paths = [...new Set([...labels.keys(), ...urls.keys()])].sort();
  return paths.map((path) => ({ path, labels: [...(labels.get(path) ?? [])], url: urls.get(path) ?? '' }));
}

/**
 * Where each FAQ button leads on H5 (issue 20 item 4): a button names a page of the mini-program,
 * which the H5 chat cannot open, so the merchant gives that page's web address. A page without
 * one is answered by the bot on H5 (the card's own entry).
 */
export function ActionLinkSettings() {
  const tr = useTr();
  const [rows, setRows] = useState<Row[]>();
  useEffect(() => {
    void Promise.all([api<{ entries: FaqEntry[] }>('GET', '/v1/merchant/faq?limit=200'), api<Settings>('GET', '/v1/merchant/settings/action-links')]).then(
      ([faq, saved]) => setRows(rowsOf(faq.entries, saved)),
      () => undefined,
    );
  }, []);
  if (!rows) return null;
  const setUrl = (path: string, url: string) => setRows(rows.map((r) => (r.path === path ? { ...r, url } : r)));
  const save = async () => {
    try {
      const links = rows.filter((r) => r.url.trim()).map((r) => ({ path: r.path, url: r.url.trim() }));
      const saved = await api<Settings>('PUT', '/v1/merchant/settings/action-links', { links });
      setRows(rows.map((r) => ({ ...r, url: saved.links.find((l) => l.path === r.path)?.url ?? '' })));
      void toast.success(tr('已保存'));
    } catch (err) {
      void toast.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Card size="small" title={tr('按钮的 H5 地址')} className="action-links" style={{ marginTop: 12 }} extra={<Button type="primary" className="save-action-links" onClick={() => void save()}>{tr('保存')}</Button>}>
      <Typography.Paragraph type="secondary">{tr('知识库答案下的按钮打开小程序页面;在 H5 上打开这里填写的 https 地址,未填写时由机器人回答')}</Typography.Paragraph>
      <Table<Row>
        size="small"
        rowKey="path"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: tr('按钮'), key: 'labels', width: 160, render: (_: unknown, r) => r.labels.join('、') || '—' },
          { title: tr('小程序页面'), key: 'path', width: 280, render: (_: unknown, r) => <Typography.Text code>{r.path}</Typography.Text> },
          {
            title: tr('H5 地址'),
            key: 'url',
            render: (_: unknown, r) => <Input aria-label={`${tr('H5 地址')} ${r.path}`} placeholder="https://" value={r.url} onChange={(e) => setUrl(r.path, e.target.value)} />,
          },
        ]}
      />
    </Card>
  );
}
