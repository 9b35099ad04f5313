import { useEffect, useState } from 'react';
import { Button, Card, Col, ColorPicker, Form, Input, Row, Select, Space, Switch, Tabs, message as toast } from 'antd';
import { FaqSettings } from './FaqSettings';
import { RoutingSettings } from './RoutingSettings';
import { GroupSettings } from './GroupSettings';
import { CannedSettings } from './CannedSettings';
import { ProactiveSettings } from './ProactiveSettings';
import { NotifySettings } from './NotifySettings';
import { StaffSettings } from './StaffSettings';
import type { Session } from '../api';
import { api, ApiError } from '../api';
import { useT, useTr } from '../i18n';
import type { EntryConfig } from '../../../../shared/schemas';

/**
 * The kf-entry button as the phone draws it, from the same CSS variables (--kf-entry-color, -x, -y)
 * the component's stylesheet reads, at half scale (1 rpx ≈ 0.5 px on a 375 px phone).
 */
function EntryPreview({ c }: { c: EntryConfig }) {
  const [v, h] = c.placement.split('-') as ['top' | 'bottom', 'left' | 'right'];
  const style = { '--kf-entry-color': c.color, '--kf-entry-x': `${c.offsetX / 2}px`, '--kf-entry-y': `${c.offsetY / 2}px` } as React.CSSProperties;
  return (
    <div className="entry-preview" style={{ position: 'relative', width: 188, height: 334, border: '8px solid #262626', borderRadius: 24, background: '#f5f6f8', overflow: 'hidden', ...style }}>
      <div className="kf-entry-preview" style={{ position: 'absolute', [v]: 'var(--kf-entry-y, 80px)', [h]: 'var(--kf-entry-x, 16px)', width: 56, height: 56, borderRadius: '50%', background: 'var(--kf-entry-color, #1677ff)', color: '#fff', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', fontSize: 10, boxShadow: '0 4px 12px rgba(0,0,0,.2)' }}>
        {c.icon ? <img src={c.icon} alt="" style={{ width: 24, height: 24 }} /> : <span style={{ fontSize: 20 }}>☎</span>}
        {c.label}
        {c.showBadge && <span style={{ position: 'absolute', top: -3, right: -3, background: '#ff4d4f', borderRadius: 8, minWidth: 16, fontSize: 10, textAlign: 'center' }}>2</span>}
      </div>
    </div>
  );
}

function EntrySettings() {
  const t = useT();
  const [config, setConfig] = useState<EntryConfig>();
  useEffect(() => {
    void api<{ principal: { tenant: string } }>('GET', '/v1/auth/me').then((me) => api<EntryConfig>('GET', `/v1/entry-config?tenant=${encodeURIComponent(me.principal.tenant)}`).then(setConfig));
  }, []);
  if (!config) return null;
  const save = async () => {
    try {
      setConfig(await api<EntryConfig>('PUT', '/v1/merchant/entry-config', config));
      void toast.success(t.saved);
    } catch (err) {
      void toast.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Card title={t.entryStyle} size="small">
      <Row gutter={24}>
        <Col span={12}>
          <Form layout="vertical">
            <Form.Item label={t.color}>
              <Input id="entry-color" value={config.color} maxLength={7} onChange={(e) => setConfig({ ...config, color: e.target.value })} addonAfter={<ColorPicker size="small" value={config.color} onChange={(c) => setConfig({ ...config, color: c.toHexString() })} />} />
            </Form.Item>
            <Form.Item label={t.placement}>
              <Select value={config.placement} onChange={(placement) => setConfig({ ...config, placement })} options={['top-left', 'top-right', 'bottom-left', 'bottom-right'].map((p) => ({ value: p, label: p }))} />
            </Form.Item>
            <Form.Item label={t.label}>
              <Input id="entry-label" value={config.label} maxLength={8} onChange={(e) => setConfig({ ...config, label: e.target.value })} />
            </Form.Item>
            <Form.Item label="offsetX / offsetY (rpx)">
              <Space.Compact>
                <Input style={{ width: 100 }} type="number" value={config.offsetX} onChange={(e) => setConfig({ ...config, offsetX: Number(e.target.value) })} />
                <Input style={{ width: 100 }} type="number" value={config.offsetY} onChange={(e) => setConfig({ ...config, offsetY: Number(e.target.value) })} />
              </Space.Compact>
            </Form.Item>
            <Form.Item label="badge">
              <Switch checked={config.showBadge} onChange={(showBadge) => setConfig({ ...config, showBadge })} />
            </Form.Item>
            <Button type="primary" className="save-entry" onClick={() => void save()}>{t.save}</Button>
          </Form>
        </Col>
        <Col span={12}>
          <div style={{ marginBottom: 8 }}>{t.preview}</div>
          <EntryPreview c={config} />
        </Col>
      </Row>
    </Card>
  );
}

/** The merchant's settings, one tab per concern. */
export function Settings({ session }: { session: Session }) {
  const tr = useTr();
  const t = useT();
  return (
    <Tabs
      className="settings-tabs"
      items={[
        { key: 'entry', label: t.entryStyle, children: <EntrySettings /> },
        { key: 'faq', label: tr('知识库'), children: <FaqSettings /> },
        { key: 'routing', label: tr('分配规则'), children: (<><GroupSettings /><RoutingSettings /></>) },
        { key: 'canned', label: tr('快捷回复'), children: <CannedSettings /> },
        { key: 'proactive', label: tr('主动服务'), children: <ProactiveSettings admin={session.principal.role === 'admin'} /> },
        { key: 'notify', label: tr('回复通知'), children: <NotifySettings /> },
        // Staff accounts are the admin's alone (the API refuses supervisors too).
        ...(session.principal.role === 'admin' ? [{ key: 'staff', label: tr('员工'), children: <StaffSettings self={session.principal.id} /> }] : []),
      ]}
    />
  );
}
