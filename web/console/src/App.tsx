import { useEffect, useState } from 'react';
import { Button, Layout, Menu, Segmented, Space, Typography } from 'antd';
import { loadSession, saveSession, type Session } from './api';
import { useT, type Locale } from './i18n';
import { Login } from './pages/Login';
import { Workbench } from './pages/Workbench';
import { Dashboard } from './pages/Dashboard';
import { Settings } from './pages/Settings';

type Page = 'workbench' | 'dashboard' | 'settings';

/** Which pages a role sees; the server enforces the same rules on every API. */
export function pagesFor(role: Session['principal']['role']): Page[] {
  return role === 'agent' ? ['workbench'] : ['workbench', 'dashboard', 'settings'];
}

export function App({ locale, onLocale }: { locale: Locale; onLocale: (l: Locale) => void }) {
  const t = useT();
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const pages = session ? pagesFor(session.principal.role) : [];
  const fromHash = () => {
    const page = location.hash.replace('#/', '') as Page;
    return pages.includes(page) ? page : 'workbench';
  };
  const [page, setPage] = useState<Page>(fromHash);
  useEffect(() => {
    const onHash = () => setPage(fromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  });

  if (!session) {
    return (
      <Login
        onLogin={(s) => {
          saveSession(s);
          setSession(s);
        }}
        locale={locale}
        onLocale={onLocale}
      />
    );
  }
  const labels: Record<Page, string> = { workbench: t.workbench, dashboard: t.dashboard, settings: t.settings };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Text style={{ color: '#fff', fontWeight: 600 }}>{t.title}</Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[page]}
          style={{ flex: 1 }}
          items={pages.map((p) => ({ key: p, label: labels[p] }))}
          onClick={(e) => {
            location.hash = `#/${e.key}`;
            setPage(e.key as Page);
          }}
        />
        <Space>
          <Segmented size="small" value={locale} options={[{ label: '中文', value: 'zh-CN' }, { label: 'EN', value: 'en' }]} onChange={(v) => onLocale(v as Locale)} />
          <Typography.Text style={{ color: '#fff' }}>{session.principal.name ?? session.principal.id}</Typography.Text>
          <Button
            size="small"
            onClick={() => {
              saveSession(undefined);
              setSession(undefined);
            }}
          >
            {t.logout}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        {page === 'workbench' && <Workbench session={session} />}
        {page === 'dashboard' && <Dashboard />}
        {page === 'settings' && <Settings session={session} />}
      </Layout.Content>
    </Layout>
  );
}
