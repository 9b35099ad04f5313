import { useEffect, useState } from 'react';
import { Button, Card, Form, Input, Modal, Popconfirm, Select, Switch, Table, Tag, Typography } from 'antd';
import { toast } from '../toast';
import { codesOf, useLabel, useTr } from '../i18n';
import { api, ApiError } from '../api';
import type { StaffView } from '../../../../shared/accounts';

type Staff = StaffView;

const roles: Staff['role'][] = ['agent', 'supervisor', 'admin'];

const fail = (err: unknown) => void toast.error(err instanceof ApiError ? err.message : String(err));

/**
 * Staff accounts (admins only): invite with a temporary password, change the role, disable, reset
 * the password, end every session (全部下线), and lift a lock left by failed logins. Changing the
 * role, disabling and resetting end the colleague's sessions on the server too.
 */
export function StaffSettings({ self }: { self: string }) {
  const tr = useTr();
  const label = useLabel();
  const roleOptions = roles.filter((r) => codesOf('role').includes(r)).map((r) => ({ value: r, label: label('role', r) }));
  const [staff, setStaff] = useState<Staff[]>([]);
  const [secret, setSecret] = useState<{ username: string; password: string }>();
  // Emptied once the colleague is invited, ready for the next (the values stayed: walk finding).
  const [invite] = Form.useForm<{ username: string; displayName: string; role: Staff['role'] }>();
  const setEnabled = (s: Staff, on: boolean) =>
    void api('POST', `/v1/merchant/staff/${s.username}/${on ? 'enable' : 'disable'}`, {}).then(() => {
      void toast.success(on ? tr('已启用') : tr('已停用,该员工已下线'));
      return load();
    }, fail);
  const load = () => api<{ staff: Staff[] }>('GET', '/v1/merchant/staff').then((r) => setStaff(r.staff), fail);
  useEffect(() => {
    void load();
  }, []);
  return (
    <Card size="small" title={tr('员工')} className="staff-settings">
      <Form form={invite} layout="inline" style={{ marginBottom: 12 }} onFinish={(v: { username: string; displayName: string; role: Staff['role'] }) => void api<{ temporaryPassword: string }>('POST', '/v1/merchant/staff', v).then((r) => { setSecret({ username: v.username, password: r.temporaryPassword }); invite.resetFields(); return load(); }, fail)}>
        <Form.Item name="username" rules={[{ required: true, pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: tr('小写字母开头,3-32 位') }]}><Input id="invite-username" placeholder={tr('用户名')} /></Form.Item>
        <Form.Item name="displayName" rules={[{ required: true, whitespace: true, message: tr('请输入显示名') }, { max: 32, message: tr('显示名不能超过 32 个字') }]}><Input id="invite-name" placeholder={tr('显示名')} /></Form.Item>
        <Form.Item name="role" initialValue="agent"><Select style={{ width: 110 }} options={roleOptions} /></Form.Item>
        <Button type="primary" htmlType="submit" className="invite">{tr('邀请')}</Button>
      </Form>
      <Table
        size="small"
        rowKey="username"
        pagination={false}
        dataSource={staff}
        columns={[
          { title: tr('用户名'), dataIndex: 'username' },
          { title: tr('显示名'), dataIndex: 'displayName' },
          { title: tr('角色'), key: 'role', render: (_: unknown, s: Staff) => (s.username === self ? <Tag>{label('role', s.role)}</Tag> : <Select size="small" className="staff-role" style={{ width: 96 }} value={s.role} options={roleOptions} onChange={(role: Staff['role']) => void api('POST', `/v1/merchant/staff/${s.username}/role`, { role }).then(load, fail)} />) },
          { title: tr('技能'), dataIndex: 'skills', render: (s: string[]) => s.join('/') },
          { title: tr('客户资料'), key: 'customerData', render: (_: unknown, s: Staff) => (s.role === 'agent' ? <Switch size="small" checked={!!s.customerData} onChange={(on) => void api('POST', `/v1/merchant/staff/${s.username}/${on ? 'grant' : 'revoke'}-customer-data`, {}).then(load, fail)} /> : <Tag color="green">{tr('始终可见')}</Tag>) },
          // Disabling ends the colleague's sessions at once: asked first. Enabling is not.
          { title: tr('启用'), key: 'enabled', render: (_: unknown, s: Staff) => (s.disabled || s.username === self
            ? <Switch size="small" disabled={s.username === self} checked={!s.disabled} onChange={(on) => setEnabled(s, on)} />
            : <Popconfirm title={`${tr('停用')} ${s.displayName}?`} description={tr('停用后立即下线,不能再登录')} okText={tr('停用')} cancelText={tr('取消')} okButtonProps={{ danger: true, className: 'disable-confirm' }} onConfirm={() => setEnabled(s, false)}>
                <Switch size="small" className="staff-enabled" checked />
              </Popconfirm>) },
          { title: tr('登录锁定'), key: 'lock', render: (_: unknown, s: Staff) => (s.lockedUntil ? <><Tag color="red">{tr('已锁定')} {new Date(s.lockedUntil).toLocaleTimeString()}</Tag><Button size="small" className="unlock" onClick={() => void api('POST', `/v1/merchant/staff/${s.username}/unlock`, {}).then(load, fail)}>{tr('解锁')}</Button></> : null) },
          { title: '', key: 'reset', render: (_: unknown, s: Staff) => <Button size="small" onClick={() => void api<{ temporaryPassword: string }>('POST', `/v1/merchant/staff/${s.username}/reset-password`, {}).then((r) => setSecret({ username: s.username, password: r.temporaryPassword }), fail)}>{tr('重置密码')}</Button> },
          { title: '', key: 'logout', render: (_: unknown, s: Staff) => <Button size="small" danger className="logout-all" disabled={s.username === self} onClick={() => void api('POST', `/v1/merchant/staff/${s.username}/logout-all`, {}).then(() => void toast.success(tr('已全部下线')), fail)}>{tr('全部下线')}</Button> },
        ]}
      />
      <Modal open={!!secret} title={tr('临时密码(只显示这一次)')} onOk={() => setSecret(undefined)} onCancel={() => setSecret(undefined)}>
        <Typography.Paragraph>{secret?.username} {tr('的临时密码')}:</Typography.Paragraph>
        <Typography.Text copyable code className="temporary-password">{secret?.password}</Typography.Text>
      </Modal>
    </Card>
  );
}
