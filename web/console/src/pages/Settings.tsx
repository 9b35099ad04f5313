import { Tabs } from 'antd';
import { FaqSettings } from './FaqSettings';
import { RoutingSettings } from './RoutingSettings';
import { GroupSettings } from './GroupSettings';
import { CannedSettings } from './CannedSettings';
import { ProactiveSettings } from './ProactiveSettings';
import { NotifySettings } from './NotifySettings';
import { StaffSettings } from './StaffSettings';
import type { Session } from '../api';
import { useT, useTr } from '../i18n';
import { EntrySettings } from './EntrySettings';
import { PresenceSettings } from './PresenceSettings';
import { ActionLinkSettings } from './ActionLinkSettings';
import { FlowSettings } from './FlowSettings';

/** The merchant's settings, one tab per concern. */
export function Settings({ session }: { session: Session }) {
  const tr = useTr();
  const t = useT();
  return (
    <Tabs
      className="settings-tabs"
      items={[
        { key: 'entry', label: t.entryStyle, children: <EntrySettings /> },
        { key: 'faq', label: tr('知识库'), children: (<><FaqSettings /><ActionLinkSettings /></>) },
        { key: 'flows', label: tr('自助查询'), children: <FlowSettings admin={session.principal.role === 'admin'} /> },
        { key: 'routing', label: tr('分配规则'), children: (<><GroupSettings /><RoutingSettings /><PresenceSettings /></>) },
        { key: 'canned', label: tr('快捷回复'), children: <CannedSettings /> },
        { key: 'proactive', label: tr('主动服务'), children: <ProactiveSettings admin={session.principal.role === 'admin'} /> },
        { key: 'notify', label: tr('回复通知'), children: <NotifySettings /> },
        // Staff accounts are the admin's alone (the API refuses supervisors too).
        ...(session.principal.role === 'admin' ? [{ key: 'staff', label: tr('员工'), children: <StaffSettings self={session.principal.id} /> }] : []),
      ]}
    />
  );
}
