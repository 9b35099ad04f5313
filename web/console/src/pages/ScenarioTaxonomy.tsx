import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { toast } from '../toast';
import { codesOf, useLabel, useTr } from '../i18n';
import { api, ApiError } from '../api';
import type { ListedScenario } from './ScenarioRules';

const fail = (err: unknown) => void toast.error(err instanceof ApiError ? err.message : String(err));

interface Draft {
  readonly id: string;
  readonly isNew: boolean;
  readonly category: string;
  readonly name: string;
  readonly examples: string;
  readonly screenTexts: string;
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/**
 * The merchant's scenario taxonomy: Kefu's default scenarios under the ten categories, each with
 * the examples the scenario classifier learns from; the merchant edits, adds, removes and restores
 * them for their own tenant.
 */
export function ScenarioTaxonomy({ scenarios, reload }: { scenarios: readonly ListedScenario[]; reload: () => Promise<void> }) {
  const tr = useTr();
  const label = useLabel();
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string>();
  const [draft, setDraft] = useState<Draft>();
  // From the latest draft, not the one of the last render: a field changed right after another
  // (a category picked, then the id typed) must not undo it.
  const edit = (change: Partial<Draft>) => setDraft((d) => d && { ...d, ...change });
  const shown = scenarios.filter((s) => (!category || s.category === category) && (!query || `${s.id} ${s.name} ${s.examples.join(' ')}`.includes(query)));
  const save = async (d: Draft) => {
    const id = d.isNew ? `${d.category}.${d.id}` : d.id;
    const screenTexts = lines(d.screenTexts);
    try {
      await api('PUT', `/v1/merchant/scenarios/${encodeURIComponent(id)}`, { category: d.category, name: d.name, examples: lines(d.examples), ...(screenTexts.length ? { screenTexts } : {}) });
      setDraft(undefined);
      void toast.success(tr('已保存'));
      await reload();
    } catch (err) {
      fail(err);
    }
  };
  const origin = { default: ['默认', 'default'], edited: ['已修改', 'blue'], custom: ['自定义', 'green'] } as const;
  return (
    <Card
      size="small"
      title={`${tr('业务场景')} (${scenarios.length})`}
      className="scenario-taxonomy"
      style={{ marginTop: 12 }}
      extra={<Button size="small" className="new-scenario" onClick={() => setDraft({ id: '', isNew: true, category: 'payment', name: '', examples: '', screenTexts: '' })}>{tr('新增场景')}</Button>}
    >
      <Space style={{ marginBottom: 8 }}>
        <Input.Search allowClear id="scenario-search" placeholder={tr('搜索场景或示例')} style={{ width: 240 }} onSearch={setQuery} onChange={(e) => setQuery(e.target.value)} />
        <Select allowClear placeholder={tr('全部分类')} style={{ width: 140 }} value={category} onChange={setCategory} options={codesOf('category').map((c) => ({ value: c, label: label('category', c) }))} />
      </Space>
      <Table
        size="small"
        rowKey="id"
        dataSource={shown.map((s) => ({ ...s }))}
        pagination={{ pageSize: 8, showSizeChanger: false }}
        columns={[
          { title: tr('场景'), key: 'name', width: 200, render: (_: unknown, s: ListedScenario) => <span>{s.name} <Tag color={origin[s.origin][1]}>{tr(origin[s.origin][0])}</Tag></span> },
          { title: tr('分类'), key: 'category', width: 100, render: (_: unknown, s: ListedScenario) => label('category', s.category) },
          { title: tr('示例'), key: 'examples', ellipsis: true, render: (_: unknown, s: ListedScenario) => s.examples.join(' / ') },
          {
            title: '',
            key: 'actions',
            width: 190,
            render: (_: unknown, s: ListedScenario) => (
              <Space>
                <Button size="small" className="edit-scenario" onClick={() => setDraft({ id: s.id, isNew: false, category: s.category, name: s.name, examples: s.examples.join('\n'), screenTexts: (s.screenTexts ?? []).join('\n') })}>{tr('编辑')}</Button>
                {s.origin === 'edited' && <Button size="small" onClick={() => void api('POST', `/v1/merchant/scenarios/${encodeURIComponent(s.id)}/restore`, {}).then(reload, fail)}>{tr('恢复默认')}</Button>}
                <Popconfirm title={tr('删除这个场景?')} onConfirm={() => void api('DELETE', `/v1/merchant/scenarios/${encodeURIComponent(s.id)}`).then(reload, fail)}>
                  <Button size="small" danger>{tr('删除')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={!!draft} title={draft?.isNew ? tr('新增场景') : `${tr('编辑场景')} ${draft?.id ?? ''}`} okText={tr('保存')} cancelText={tr('取消')} onCancel={() => setDraft(undefined)} onOk={() => draft && void save(draft)} okButtonProps={{ className: 'save-scenario' }}>
        {draft && (
          <Form layout="vertical">
            {draft.isNew && (
              <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
                <Select style={{ width: 140 }} value={draft.category} onChange={(c: string) => edit({ category: c })} options={codesOf('category').map((c) => ({ value: c, label: label('category', c) }))} />
                <Input id="scenario-id" placeholder={tr('场景ID(字母、数字、_)')} value={draft.id} onChange={(e) => edit({ id: e.target.value })} />
              </Space.Compact>
            )}
            <Form.Item label={tr('名称')}><Input id="scenario-name" maxLength={32} value={draft.name} onChange={(e) => edit({ name: e.target.value })} /></Form.Item>
            <Form.Item label={tr('示例(每行一条)')}><Input.TextArea id="scenario-examples" rows={6} value={draft.examples} onChange={(e) => edit({ examples: e.target.value })} /></Form.Item>
            <Form.Item label={tr('报错页面上的文字(每行一条,可不填)')}><Input.TextArea id="scenario-screen" rows={2} value={draft.screenTexts} onChange={(e) => edit({ screenTexts: e.target.value })} /></Form.Item>
          </Form>
        )}
      </Modal>
    </Card>
  );
}
