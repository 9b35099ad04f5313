import { useState } from 'react';
import { Select } from 'antd';
import { api } from '../api';
import { useLabel, useT } from '../i18n';

type Group = { id: string; name: string };
type Colleague = { id: string; name: string; status: string; active: number; capacity: number; available: boolean };
export type TransferTarget = { toGroupId: string } | { toAgentId: string };

/**
 * 转接到…: a skill group (the conversation waits in its queue) or a named colleague (it is theirs at
 * once). Colleagues are read when the list opens, as presence changes by the minute; one who is
 * offline or full is shown greyed out with why, since the server would refuse them.
 */
export function TransferSelect({ groups, transfer }: { groups: readonly Group[]; transfer: (target: TransferTarget) => void }) {
  const t = useT();
  const label = useLabel();
  const [colleagues, setColleagues] = useState<Colleague[]>([]);
  const load = () => void api<{ colleagues: Colleague[] }>('GET', '/v1/agent/colleagues').then((r) => setColleagues(r.colleagues), () => undefined);
  const state = (a: Colleague) => (a.available ? `${a.active}/${a.capacity}` : a.status === 'online' ? `${t.colleagueFull} ${a.active}/${a.capacity}` : label('presence', a.status));
  return (
    <Select
      size="small"
      className="transfer"
      placeholder={t.transfer}
      style={{ width: 120 }}
      popupMatchSelectWidth={false}
      // Tall enough for the groups and a shift of colleagues without scrolling inside a small list.
      listHeight={420}
      value={null}
      onOpenChange={(open) => open && load()}
      options={[
        { label: t.transferGroups, options: groups.map((g) => ({ value: `group:${g.id}`, label: g.name })) },
        { label: t.transferColleagues, options: colleagues.map((a) => ({ value: `agent:${a.id}`, label: `${a.name}(${state(a)})`, disabled: !a.available, className: 'transfer-colleague' })) },
      ]}
      onChange={(value: string) => {
        const [kind, id] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
        transfer(kind === 'agent' ? { toAgentId: id } : { toGroupId: id });
      }}
    />
  );
}
