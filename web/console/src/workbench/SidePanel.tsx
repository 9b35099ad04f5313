import { useEffect, useRef, useState } from 'react';
import { Card, Empty, Tabs } from 'antd';
import { api, ApiError } from '../api';
import { useT, useTr } from '../i18n';
import { ErrorBoundary } from '../ErrorBoundary';
import type { CustomerAnswer } from './customerView';
import { CustomerPanel } from './CustomerPanel';
import { SecurityView } from './SecurityView';

/**
 * The customer and account-security views as tabs beside the transcript, never over the
 * composer. The security tab comes forward once, when an account case becomes the agent's
 * (`openSecurity` turns true); after that the agent chooses, whatever later messages say.
 */
/** `conversationId`: the open conversation, left out of the customer's 历史会话 (it is on screen already). */
export function SidePanel({ userId, conversationId, openSecurity }: { userId: string; conversationId?: string; openSecurity: boolean }) {
  const t = useT();
  const tr = useTr();
  const [c, setC] = useState<CustomerAnswer>();
  const [forbidden, setForbidden] = useState(false);
  const [tab, setTab] = useState('customer');
  const opened = useRef(false);
  useEffect(() => {
    void api<CustomerAnswer>('GET', `/v1/agent/customers/${encodeURIComponent(userId)}`).then(setC, (err: unknown) => {
      setForbidden(err instanceof ApiError && err.code === 'CUSTOMER_DATA_FORBIDDEN');
      setC({ available: false });
    });
  }, [userId]);
  useEffect(() => {
    if (!openSecurity || opened.current || !c?.available) return;
    opened.current = true;
    setTab('security');
  }, [openSecurity, c?.available]);
  if (!c) return null;
  if (!c.available || !c.profile) {
    return (
      <Card size="small" title={tr('客户')} className="customer-panel-empty" style={{ marginTop: 12 }}>
        <Empty description={forbidden ? tr('没有查看客户资料的权限') : t.noData} />
      </Card>
    );
  }
  const profiled = { ...c, profile: c.profile };
  return (
    <Card size="small" style={{ marginTop: 12 }} className="side-panel" styles={{ body: { paddingTop: 0 } }}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'customer', label: <span className="tab-customer">{t.customer}</span>, children: <ErrorBoundary panel="customer" resetKey={userId}><CustomerPanel c={profiled} {...(conversationId ? { conversationId } : {})} /></ErrorBoundary> },
          { key: 'security', label: <span className="open-security">{t.security}</span>, children: <ErrorBoundary panel="security" resetKey={userId}><SecurityView c={profiled} /></ErrorBoundary> },
        ]}
      />
    </Card>
  );
}
