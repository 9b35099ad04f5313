import { useEffect, useState } from 'react';
import { Button, Card, Form, InputNumber, Switch } from 'antd';
import { toast } from '../toast';
import { api, ApiError } from '../api';
import { useTr } from '../i18n';
import type { PresenceSettings as Settings } from '../../../../shared/merchant';

/** Whether logging in puts agents 在线 (automatic assignment) and after how many idle minutes they become 小休. */
export function PresenceSettings() {
  const tr = useTr();
  const [s, setS] = useState<Settings>();
  useEffect(() => {
    void api<Settings>('GET', '/v1/merchant/settings/presence').then(setS, () => undefined);
  }, []);
  if (!s) return null;
  const save = async () => {
    try {
      setS(await api<Settings>('PUT', '/v1/merchant/settings/presence', s));
      void toast.success(tr('已保存'));
    } catch (err) {
      void toast.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Card size="small" title={tr('在线设置')} className="presence-settings" style={{ marginTop: 12 }} extra={<Button type="primary" className="save-presence" onClick={() => void save()}>{tr('保存')}</Button>}>
      <Form layout="inline">
        <Form.Item label={tr('登录即在线')}><Switch className="online-on-login" checked={s.onlineOnLogin} onChange={(onlineOnLogin) => setS({ ...s, onlineOnLogin })} /></Form.Item>
        <Form.Item label={tr('无操作自动小休(分钟,0 为关闭)')}><InputNumber id="auto-away" min={0} max={240} value={s.autoAwayMinutes} onChange={(v) => v !== null && setS({ ...s, autoAwayMinutes: v })} /></Form.Item>
      </Form>
    </Card>
  );
}
