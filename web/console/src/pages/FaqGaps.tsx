import { useEffect, useState } from 'react';
import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { toast } from '../toast';
import { codesOf, useLabel, useTr } from '../i18n';
import { api, ApiError } from '../api';
import type { FaqEntry } from '../../../../shared/schemas';
import type { FaqGapView } from '../../../../shared/faq';

type Action = { kind: 'new' | 'similar'; cluster: FaqGapView };
type NewValues = { question: string; similar?: string; answer: string; category: string };
type SimilarValues = { faqId: string; questions: string };

const fail = (err: unknown) => void toast.error(err instanceof ApiError ? err.message : String(err));
const lines = (text: string | undefined) => (text ?? '').split('\n').map((x) => x.trim()).filter(Boolean);
const othersOf = (c: FaqGapView) => c.examples.map((e) => e.text).filter((t) => t !== c.typical);

/** 新建条目: the typical question, the other phrasings as similar questions, and the answer to write. */
function NewEntryForm({ cluster, save }: { cluster: FaqGapView; save: (v: NewValues) => void }) {
  const tr = useTr();
  const label = useLabel();
  return (
    <Form layout="vertical" className="gap-new-form" initialValues={{ question: cluster.typical, similar: othersOf(cluster).join('\n'), category: 'other' }} onFinish={save}>
      <Form.Item name="question" label={tr('问题')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input id="gap-new-question" /></Form.Item>
      <Form.Item name="similar" label={tr('相似问法(每行一条)')}><Input.TextArea rows={3} /></Form.Item>
      <Form.Item name="answer" label={tr('答案')} rules={[{ required: true, whitespace: true, max: 2000 }]}><Input.TextArea id="gap-new-answer" rows={4} /></Form.Item>
      <Form.Item name="category" label={tr('分类')} rules={[{ required: true }]}><Select options={codesOf('category').map((c) => ({ value: c, label: label('category', c) }))} /></Form.Item>
      <Button type="primary" htmlType="submit" className="gap-new-save">{tr('保存')}</Button>
    </Form>
  );
}

/** Entries offered to pick from at a time: the search asks the server, so a large base works too. */
const PICKED_FROM = 20;

/** 加为相似问法: the entry (the nearest one to start with, any other by search) and the phrasings to add. */
function SimilarForm({ cluster, save }: { cluster: FaqGapView; save: (v: SimilarValues) => void }) {
  const tr = useTr();
  const nearest = cluster.target ? [{ value: cluster.target.faqId, label: cluster.target.question }] : [];
  const [options, setOptions] = useState(nearest);
  const search = (q: string) =>
    void api<{ entries: FaqEntry[] }>('GET', `/v1/merchant/faq?enabled=true&limit=${PICKED_FROM}${q ? `&q=${encodeURIComponent(q)}` : ''}`).then((r) => {
      const found = r.entries.map((e) => ({ value: e.id, label: e.question }));
      setOptions([...nearest.filter((n) => !found.some((f) => f.value === n.value)), ...found]);
    }, fail);
  useEffect(() => search(''), []);
  return (
    <Form layout="vertical" className="gap-similar-form" initialValues={{ faqId: cluster.target?.faqId, questions: cluster.examples.map((e) => e.text).join('\n') }} onFinish={save}>
      <Form.Item name="faqId" label={tr('条目')} rules={[{ required: true }]}>
        <Select className="gap-similar-entry" placeholder={tr('搜索问题')} showSearch={{ filterOption: false, onSearch: search }} options={options} />
      </Form.Item>
      <Form.Item name="questions" label={tr('加为相似问法(每行一条)')} rules={[{ required: true }]}><Input.TextArea rows={4} /></Form.Item>
      <Button type="primary" htmlType="submit" className="gap-similar-save">{tr('保存')}</Button>
    </Form>
  );
}

/**
 * Learning from gaps (issue 21 item 5): the questions the bot handed off, suggested without a tap
 * or got 没解决 on, grouped with counts and examples, each closed as a new entry, as similar
 * questions of an entry, or dismissed. `changed` tells the knowledge base's table to reload.
 */
export function FaqGaps({ changed }: { changed: () => void }) {
  const tr = useTr();
  const label = useLabel();
  const [clusters, setClusters] = useState<FaqGapView[]>();
  const [action, setAction] = useState<Action>();
  const load = () => api<{ clusters: FaqGapView[] }>('GET', '/v1/merchant/faq/gaps').then((r) => setClusters(r.clusters), fail);
  useEffect(() => {
    void load();
  }, []);
  const done = async (message: string) => {
    setAction(undefined);
    await load();
    changed();
    void toast.success(tr(message));
  };
  const createEntry = (cluster: FaqGapView, v: NewValues) =>
    api('POST', '/v1/merchant/faq/gaps/new-entry', { gapIds: cluster.gapIds, entry: { question: v.question, similar: lines(v.similar), answer: v.answer, category: v.category } }).then(() => done('已新建条目'), fail);
  const addSimilar = (cluster: FaqGapView, v: SimilarValues) =>
    api('POST', '/v1/merchant/faq/gaps/similar', { gapIds: cluster.gapIds, faqId: v.faqId, questions: lines(v.questions) }).then(() => done('已加为相似问法'), fail);
  const dismiss = (cluster: FaqGapView) => void api('POST', '/v1/merchant/faq/gaps/dismiss', { gapIds: cluster.gapIds }).then(() => done('已忽略'), fail);
  return (
    <Card size="small" title={tr('待补充的问题')} className="faq-gaps" extra={<Button onClick={() => void load()}>{tr('刷新')}</Button>}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{tr('机器人转了人工、给了建议但用户没有选、或用户点了没解决的问题,按相似程度分组。')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        className="faq-gaps-table"
        loading={!clusters}
        dataSource={clusters ?? []}
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
        locale={{ emptyText: tr('暂无待补充的问题') }}
        columns={[
          {
            title: tr('问题'),
            render: (_: unknown, c: FaqGapView) => (
              <Space orientation="vertical" size={2}>
                <Typography.Text strong className="gap-typical">{c.typical}</Typography.Text>
                <Typography.Text type="secondary" className="gap-examples">{othersOf(c).join(' / ')}</Typography.Text>
                {c.unresolvedEntries.length > 0 && (
                  <Typography.Text type="warning" className="gap-unresolved">{`${tr('用户对这些答案点了没解决')}:${c.unresolvedEntries.map((e) => e.question).join('、')}`}</Typography.Text>
                )}
              </Space>
            ),
          },
          { title: tr('次数'), dataIndex: 'count', width: 64 },
          {
            title: tr('来源'),
            width: 220,
            render: (_: unknown, c: FaqGapView) => (codesOf('gapKind') as (keyof FaqGapView['byKind'])[]).filter((k) => c.byKind[k]).map((k) => <Tag key={k} className={`gap-kind-${k}`}>{`${label('gapKind', k)} ${c.byKind[k]}`}</Tag>),
          },
          { title: tr('最接近的条目'), width: 200, render: (_: unknown, c: FaqGapView) => c.target?.question ?? <Typography.Text type="secondary">{tr('无')}</Typography.Text> },
          {
            title: tr('操作'),
            width: 260,
            render: (_: unknown, c: FaqGapView) => (
              <Space size={4} wrap>
                <Button size="small" className="gap-new" onClick={() => setAction({ kind: 'new', cluster: c })}>{tr('新建条目')}</Button>
                <Button size="small" className="gap-similar" onClick={() => setAction({ kind: 'similar', cluster: c })}>{tr('加为相似问法')}</Button>
                <Button size="small" type="text" className="gap-dismiss" onClick={() => dismiss(c)}>{tr('忽略')}</Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal title={tr(action?.kind === 'similar' ? '加为相似问法' : '新建条目')} open={!!action} onCancel={() => setAction(undefined)} footer={null} destroyOnHidden>
        {action?.kind === 'new' && <NewEntryForm cluster={action.cluster} save={(v) => void createEntry(action.cluster, v)} />}
        {action?.kind === 'similar' && <SimilarForm cluster={action.cluster} save={(v) => void addSimilar(action.cluster, v)} />}
      </Modal>
    </Card>
  );
}
