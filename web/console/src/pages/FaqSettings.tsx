import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import { toast } from '../toast';
import { codesOf, useLabel, useTr } from '../i18n';
import { api, ApiError, download, upload } from '../api';
import type { FaqEntry, FaqSettings as FaqSettingsValues, FaqTrialResult } from '../../../../shared/schemas';
import { punctuationSuggestion } from '../../../../shared/faq/answerPunctuation';
import { FaqGaps } from './FaqGaps';
type MatchResult = FaqTrialResult;
type Thresholds = Pick<FaqSettingsValues, 'answer' | 'answerMargin' | 'suggest'>;

const decisionText: Record<MatchResult['decision'], string> = { answer: '直接回答', suggest: '给出建议(您想问的是不是)', handoff: '转人工', reply: '机器人按意图回复,不查知识库' };

/**
 * Why the bot decided so, in words: the top entry's calibrated confidence against the merchant's
 * thresholds (置信度 0.93 ≥ 回答阈值 0.87). Nothing for a request for a person or an empty base:
 * the reason's label says all. For an intent, what the bot does with it.
 */
function whyOf(result: MatchResult, t: Thresholds, tr: (zh: string) => string, label: (kind: 'intent', code: string) => string): string | undefined {
  // An intent decides before the FAQ: what the bot does with it, in words.
  if (result.intent) return label('intent', result.intent);
  if (result.reason === 'explicitRequest' || result.reason === 'emptyKnowledgeBase') return undefined;
  const f = (x: number) => x.toFixed(2);
  const top = result.matches[0]?.score ?? 0;
  const confidence = `${tr('置信度')} ${f(top)}`;
  if (result.decision === 'answer') return `${confidence} ≥ ${tr('回答阈值')} ${f(t.answer)}`;
  if (result.reason === 'close') return `${confidence} ≥ ${tr('回答阈值')} ${f(t.answer)}${tr(',但领先第二名')} ${f(top - (result.matches[1]?.score ?? 0))} < ${f(t.answerMargin)}`;
  if (result.decision === 'suggest') return `${confidence} < ${tr('回答阈值')} ${f(t.answer)}${tr(',')}≥ ${tr('建议阈值')} ${f(t.suggest)}`;
  return `${confidence} < ${tr('建议阈值')} ${f(t.suggest)}`;
}

/**
 * Under the answer: half-width marks in Chinese text (,;:"") and the full-width fix, applied only
 * when the merchant taps it (a code sample or an English sentence may want its marks as they are).
 */
function PunctuationHint({ answer, apply }: { answer: string; apply: (fixed: string) => void }) {
  const tr = useTr();
  const fixed = punctuationSuggestion(answer);
  if (!fixed) return null;
  return (
    <Alert
      className="punctuation-hint"
      type="info"
      style={{ marginBottom: 12 }}
      title={tr('答案里的中文用了半角标点,建议改为全角:')}
      description={<Typography.Text className="punctuation-fixed">{fixed}</Typography.Text>}
      action={<Button size="small" className="apply-punctuation" onClick={() => apply(fixed)}>{tr('改为全角')}</Button>}
    />
  );
}

type EditValues = { category: string; question: string; answer: string; similar?: string };

/** The entry's fields in the editor, with the punctuation hint under the answer. */
function FaqEditForm({ entry, save }: { entry: Partial<FaqEntry>; save: (values: EditValues) => void }) {
  const tr = useTr();
  const label = useLabel();
  const [form] = Form.useForm<EditValues>();
  const answer = Form.useWatch('answer', form) ?? '';
  return (
    <Form form={form} layout="vertical" initialValues={{ category: entry.category ?? 'other', question: entry.question, answer: entry.answer, similar: (entry.similar ?? []).join('\n') }} onFinish={save}>
      <Form.Item name="question" label={tr('问题')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input id="faq-question" /></Form.Item>
      <Form.Item name="similar" label={tr('相似问法(每行一条)')}><Input.TextArea rows={3} /></Form.Item>
      <Form.Item name="answer" label={tr('答案')} rules={[{ required: true, whitespace: true, max: 2000 }]}><Input.TextArea id="faq-answer" rows={4} /></Form.Item>
      <PunctuationHint answer={answer} apply={(fixed) => form.setFieldValue('answer', fixed)} />
      <Form.Item name="category" label={tr('分类')} rules={[{ required: true }]}><Select className="faq-category" options={codesOf('category').map((c) => ({ value: c, label: label('category', c) }))} /></Form.Item>
      <Button type="primary" htmlType="submit" className="faq-save">{tr('保存')}</Button>
    </Form>
  );
}

const fail = (err: unknown) => void toast.error(err instanceof ApiError ? err.message : String(err));

/** The knowledge base: search, edit, enable, import/export, and 试一试 (the bot's decision for a typed question). */
export function FaqSettings() {
  const tr = useTr();
  const label = useLabel();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ offset: 0, limit: 10, items: [] as FaqEntry[], total: 0 });
  const [editing, setEditing] = useState<Partial<FaqEntry>>();
  const [trial, setTrial] = useState<{ text: string; result: MatchResult }>();
  const [thresholds, setThresholds] = useState<Thresholds>();
  useEffect(() => {
    void api<Thresholds>('GET', '/v1/merchant/settings/faq').then(setThresholds, fail);
  }, []);
  // The page size is part of the page: a merchant who picks 50 per page keeps it while editing.
  // Only the newest request's answer is shown: the reload after a save, slower than the page-size
  // change made next, put 10 rows back under 20 条/页 (seen on a loaded CI machine).
  const latest = useRef(0);
  const load = (offset = 0, limit = page.limit) => {
    const request = ++latest.current;
    return api<{ entries: FaqEntry[]; total: number }>('GET', `/v1/merchant/faq?limit=${limit}&offset=${offset}${q ? `&q=${encodeURIComponent(q)}` : ''}`).then(
      (r) => void (request === latest.current && setPage({ offset, limit, items: r.entries, total: r.total })),
      fail,
    );
  };
  // Deleting the last entry of the last page goes back a page rather than showing an empty one.
  const remove = (entry: FaqEntry) =>
    void api('DELETE', `/v1/merchant/faq/${encodeURIComponent(entry.id)}`)
      .then(() => load(page.items.length === 1 && page.offset > 0 ? Math.max(0, page.offset - page.limit) : page.offset))
      .then(() => toast.success(tr('已删除')), fail);
  useEffect(() => {
    void load();
  }, [q]);
  const save = async (values: EditValues) => {
    const body = { category: values.category, question: values.question, answer: values.answer, similar: (values.similar ?? '').split('\n').map((x) => x.trim()).filter(Boolean) };
    try {
      // The editor has no fields for the guide buttons: a PUT replaces the entry, so they go back as they were.
      if (editing?.id) await api('PUT', `/v1/merchant/faq/${editing.id}`, { ...body, actions: editing.actions ?? [], enabled: editing.enabled ?? true });
      else await api('POST', '/v1/merchant/faq', body);
      setEditing(undefined);
      await load(page.offset);
      void toast.success(tr('已保存'));
    } catch (err) {
      fail(err);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small" title={tr('试一试')} className="faq-trial">
        <Input.Search id="faq-trial" placeholder={tr('输入一个用户可能问的问题')} enterButton={tr('试一试')} onSearch={(text) => text.trim() && void api<MatchResult>('POST', '/v1/faq/match', { text }).then((result) => setTrial({ text, result }), fail)} />
        {trial && (
          <div style={{ marginTop: 8 }} className="faq-trial-result">
            <Alert
              type={trial.result.decision === 'answer' ? 'success' : trial.result.decision === 'handoff' ? 'warning' : 'info'}
              title={`${tr('决定')}:${tr(decisionText[trial.result.decision])}${trial.result.reason ? `(${label('reason', trial.result.reason)})` : ''}`}
              description={thresholds && whyOf(trial.result, thresholds, tr, label) ? <span className="faq-trial-why">{whyOf(trial.result, thresholds, tr, label)}</span> : undefined}
            />
            {trial.result.intent && trial.result.matches.length > 0 && <Typography.Text type="secondary" className="faq-trial-faq">{tr('知识库会给出的答案:')}</Typography.Text>}
            <ol className="faq-trial-matches" style={{ margin: '8px 0 0', paddingLeft: 20 }}>{trial.result.matches.map((m) => <li key={m.faqId}>{m.question} <Tag>{m.score.toFixed(2)}</Tag></li>)}</ol>
          </div>
        )}
      </Card>
      <Card
        size="small"
        title={tr('知识库')}
        extra={
          <Space>
            <Input.Search allowClear placeholder={tr('搜索问题')} onSearch={setQ} style={{ width: 200 }} />
            <Button onClick={() => setEditing({})}>{tr('新增')}</Button>
            <Upload accept=".csv,.json" showUploadList={false} beforeUpload={(file) => {
              void file.text().then((text) => upload<{ created?: number; updated?: number }>(`/v1/merchant/faq/import?format=${file.name.endsWith('.csv') ? 'csv' : 'json'}`, text, file.name.endsWith('.csv') ? 'text/csv' : 'application/json')).then(() => load(0)).then(() => toast.success(tr('导入完成')), fail);
              return false;
            }}>
              <Button>{tr('导入')}</Button>
            </Upload>
            <Button onClick={() => void download('/v1/merchant/faq/export?format=csv', 'faq.csv').catch(fail)}>{tr('导出 CSV')}</Button>
          </Space>
        }
      >
        <Table
          size="small"
          rowKey="id"
          className="faq-table"
          dataSource={page.items}
          pagination={{
            current: Math.floor(page.offset / page.limit) + 1,
            pageSize: page.limit,
            total: page.total,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            // A new size starts again from its first page: the old page number may not exist at the new size.
            onChange: (p, size) => void (size !== page.limit ? load(0, size) : load((p - 1) * size, size)),
          }}
          columns={[
            { title: tr('问题'), dataIndex: 'question', render: (v: string, r: FaqEntry) => <Typography.Link onClick={() => setEditing(r)}>{v}</Typography.Link> },
            { title: tr('分类'), dataIndex: 'category', width: 100, render: (c: string) => label('category', c) },
            { title: tr('启用'), dataIndex: 'enabled', width: 80, render: (v: boolean, r: FaqEntry) => <Switch size="small" checked={v} onChange={(on) => void api('POST', `/v1/merchant/faq/${r.id}/${on ? 'enable' : 'disable'}`, {}).then(() => load(page.offset), fail)} /> },
            {
              title: '',
              key: 'delete',
              width: 80,
              render: (_: unknown, r: FaqEntry) => (
                <Popconfirm title={tr('删除这条问答?')} description={tr('删除后机器人不再用它回答;只想暂停请关掉「启用」。')} okText={tr('删除')} cancelText={tr('取消')} okButtonProps={{ danger: true, className: 'faq-delete-confirm' }} onConfirm={() => remove(r)}>
                  <Button size="small" danger className="faq-delete">{tr('删除')}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <FaqGaps changed={() => void load(page.offset)} />
      <Modal title={tr(editing?.id ? '编辑问答' : '新增问答')} open={!!editing} onCancel={() => setEditing(undefined)} footer={null} destroyOnHidden>
        {editing && (
          <FaqEditForm entry={editing} save={(v) => void save(v)} />
        )}
      </Modal>
    </Space>
  );
}
