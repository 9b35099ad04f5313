import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Segmented } from 'antd';
import { api, ApiError, type Session } from '../api';
import { useT, type Locale } from '../i18n';

export function Login({ onLogin, locale, onLocale, notice }: { onLogin: (s: Session) => void; locale: Locale; onLocale: (l: Locale) => void; notice?: string | undefined }) {
  const t = useT();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 96 }}>
      <Card title={t.title} style={{ width: 360 }} extra={<Segmented size="small" value={locale} options={[{ label: '中文', value: 'zh-CN' }, { label: 'EN', value: 'en' }]} onChange={(v) => onLocale(v as Locale)} />}>
        {notice && !error && <Alert type="warning" className="session-expired" title={notice} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
        <Form
          layout="vertical"
          initialValues={{ tenant: 'demo' }}
          onFinish={(values: { tenant: string; username: string; password: string }) => {
            setBusy(true);
            setError('');
            api<Session>('POST', '/v1/auth/login', values)
              .then(onLogin, (err: unknown) => setError(err instanceof ApiError ? err.message : String(err)))
              .finally(() => setBusy(false));
          }}
        >
          <Form.Item name="tenant" label={t.tenant} rules={[{ required: true }]}>
            <Input id="login-tenant" />
          </Form.Item>
          <Form.Item name="username" label={t.username} rules={[{ required: true }]}>
            <Input id="login-username" autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t.password} rules={[{ required: true }]}>
            <Input.Password id="login-password" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t.login}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
