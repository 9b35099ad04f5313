import { useEffect, useState } from 'react';
import { Button, Card, Input, Popconfirm, Select, Space, Switch, Table } from 'antd';
import { toast } from '../toast';
import { useTr } from '../i18n';
import { api, ApiError } from '../api';
import type { SkillGroup as Group } from '../../../../shared/schemas';

const fail = (err: unknown) => void toast.error(err instanceof ApiError ? err.message : String(err));

/** Skill groups and their members (staff usernames); expert groups take escalated cases. */
export function GroupSettings() {
  const tr = useTr();
  const [groups, setGroups] = useState<Group[]>([]);
  const [draft, setDraft] = useState({ id: '', name: '' });
  const load = () => api<{ groups: Group[] }>('GET', '/v1/merchant/groups').then((r) => setGroups(r.groups), fail);
  useEffect(() => {
    void load();
  }, []);
  const save = (g: Group) => api('PUT', `/v1/merchant/groups/${encodeURIComponent(g.id)}`, { name: g.name, members: g.members, expert: g.expert }).then(() => toast.success(tr('已保存')), fail);
  const set = (id: string, patch: Partial<Group>) => setGroups(groups.map((g) => (g.id === id ? { ...g, ...patch } : g)));
  return (
    <Card size="small" title={tr('技能组')} className="group-settings" style={{ marginBottom: 12 }}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={groups}
        columns={[
          { title: tr('名称'), key: 'name', width: 160, render: (_: unknown, g: Group) => <Input size="small" value={g.name} maxLength={32} onChange={(e) => set(g.id, { name: e.target.value })} /> },
          { title: tr('成员(员工用户名)'), key: 'members', render: (_: unknown, g: Group) => <Select size="small" mode="tags" style={{ width: '100%' }} value={g.members} onChange={(members: string[]) => set(g.id, { members })} /> },
          { title: tr('专家组'), key: 'expert', width: 80, render: (_: unknown, g: Group) => <Switch size="small" checked={g.expert} onChange={(expert) => set(g.id, { expert })} /> },
          {
            title: '',
            key: 'actions',
            width: 140,
            render: (_: unknown, g: Group) => (
              <Space>
                <Button size="small" type="primary" onClick={() => void save(g)}>{tr('保存')}</Button>
                <Popconfirm title={tr('删除这个技能组?')} onConfirm={() => void api('DELETE', `/v1/merchant/groups/${encodeURIComponent(g.id)}`).then(load, fail)}>
                  <Button size="small" danger>{tr('删除')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Space.Compact style={{ marginTop: 8 }}>
        <Input placeholder={tr('技能组ID')} value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} style={{ width: 120 }} />
        <Input placeholder={tr('名称')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} style={{ width: 160 }} />
        <Button onClick={() => void api('PUT', `/v1/merchant/groups/${encodeURIComponent(draft.id)}`, { name: draft.name, members: [], expert: false }).then(() => { setDraft({ id: '', name: '' }); return load(); }, fail)}>{tr('新增技能组')}</Button>
      </Space.Compact>
    </Card>
  );
}
