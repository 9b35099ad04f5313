import { useEffect, useRef, useState } from 'react';
import { Button, Layout, Menu, Segmented, Space, Typography } from 'antd';
import { api, keepSessionFresh, loadSession, onSessionExpired, saveSession, type Session } from './api';
import { useLabel, useLeaveTexts, useT, type Locale } from './i18n';
import { Login } from './pages/Login';
import { Workbench } from './pages/Workbench';
import { Dashboard } from './pages/Dashboard';
import { Settings } from './pages/Settings';
import { LeaveMessages } from './pages/LeaveMessages';
import { PresenceSwitch } from './PresenceSwitch';
import { ErrorBoundary } from './ErrorBoundary';

type Page = 'workbench' | 'leaveMessages' | 'dashboard' | 'settings';

/** Which pages a role sees; the server enforces the same rules on every API. */
export function pagesFor(role: Session['principal']['role']): Page[] {
  return role === 'agent' ? ['workbench', 'leaveMessages'] : ['workbench', 'leaveMessages', 'dashboard', 'settings'];
}

export function App({ locale, onLocale }: { locale: Locale; onLocale: (l: Locale) => void }) {
  const t = useT();
  const label = useLabel();
  const leaveTexts = useLeaveTexts();
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const [expired, setExpired] = useState(false);
  /** Whether this session began with a login here (not a reload): only a login applies 在线 on login. */
  const freshLogin = useRef(false);
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
  // A 401 anywhere ends the session here too: back to the login, saying why.
  useEffect(() => {
    onSessionExpired(() => {
      setExpired(true);
      setSession(undefined);
    });
    return () => onSessionExpired(undefined);
  }, []);
  useEffect(() => (session ? keepSessionFresh(setSession) : undefined), [session?.principal.id, session?.principal.tenant]);

  if (!session) {
    return (
      <Login
        notice={expired ? t.sessionExpired : undefined}
        onLogin={(s) => {
          saveSession(s);
          freshLogin.current = true;
          setExpired(false);
          setSession(s);
        }}
        locale={locale}
        onLocale={onLocale}
      />
    );
  }
  const labels: Record<Page, string> = { workbench: t.workbench, leaveMessages: leaveTexts.tab, dashboard: t.dashboard, settings: t.settings };
  const logout = async () => {
    // Logging out ends the working session: routing stops assigning at once.
    await api('PUT', '/v1/agent/presence', { status: 'offline' }).catch(() => undefined);
    saveSession(undefined);
    setSession(undefined);
  };
  return (
    <Layout style={{ height: '100vh', overflow: 'hidden' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 16, flex: 'none' }}>
        <Typography.Text style={{ color: '#fff', fontWeight: 600, whiteSpace: 'nowrap' }}>{t.title}</Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[page]}
          style={{ flex: 1, minWidth: 0 }}
          items={pages.map((p) => ({ key: p, label: labels[p] }))}
          onClick={(e) => {
            location.hash = `#/${e.key}`;
            setPage(e.key as Page);
          }}
        />
        <Space>
          <PresenceSwitch freshLogin={freshLogin.current} />
          <Segmented size="small" value={locale} options={[{ label: '中文', value: 'zh-CN' }, { label: 'EN', value: 'en' }]} onChange={(v) => onLocale(v as Locale)} />
          <Typography.Text className="me" style={{ color: '#fff' }}>
            {session.principal.name ?? session.principal.id} · {label('role', session.principal.role)}
          </Typography.Text>
          <Button size="small" className="logout" onClick={() => void logout()}>
            {t.logout}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 12, flex: 1, minHeight: 0, overflow: page === 'workbench' ? 'hidden' : 'auto' }}>
        {page === 'workbench' && <Workbench session={session} />}
        {page === 'leaveMessages' && <ErrorBoundary panel="leaveMessages"><LeaveMessages /></ErrorBoundary>}
        {page === 'dashboard' && <ErrorBoundary panel="dashboard"><Dashboard /></ErrorBoundary>}
        {page === 'settings' && <ErrorBoundary panel="settings"><Settings session={session} /></ErrorBoundary>}
      </Layout.Content>
    </Layout>
  );
}
