import { useState } from 'react';
import { Input, Modal, Select } from 'antd';
import { api } from '../api';
import { useLabel, useT, useTr } from '../i18n';

type Group = { id: string; name: string };
type Colleague = { id: string; name: string; status: string; active: number; capacity: number; available: boolean };
export type TransferTarget = ({ toGroupId: string } | { toAgentId: string }) & { note?: string };

/**
 * 转接到…: a skill group (the conversation waits in its queue) or a named colleague (it is theirs at
 * once). Colleagues are read when the list opens, as presence changes by the minute; one who is
 * offline or full is shown greyed out with why, since the server would refuse them. A pick is
 * confirmed first, with room for a handover note: the conversation leaves the agent at once.
 */
export function TransferSelect({ groups, transfer }: { groups: readonly Group[]; transfer: (target: TransferTarget) => void }) {
  const t = useT();
  const label = useLabel();
  const tr = useTr();
  const [colleagues, setColleagues] = useState<Colleague[]>([]);
  const [pending, setPending] = useState<{ target: TransferTarget; name: string }>();
  const [note, setNote] = useState('');
  const load = () => void api<{ colleagues: Colleague[] }>('GET', '/v1/agent/colleagues').then((r) => setColleagues(r.colleagues), () => undefined);
  const state = (a: Colleague) => (a.available ? `${a.active}/${a.capacity}` : a.status === 'online' ? `${t.colleagueFull} ${a.active}/${a.capacity}` : label('presence', a.status));
  const confirm = () => {
    if (!pending) return;
    transfer({ ...pending.target, ...(note.trim() ? { note: note.trim() } : {}) });
    setPending(undefined);
  };
  return (
    <>
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
          const name = kind === 'agent' ? (colleagues.find((a) => a.id === id)?.name ?? id) : (groups.find((g) => g.id === id)?.name ?? id);
          setNote('');
          setPending({ target: kind === 'agent' ? { toAgentId: id } : { toGroupId: id }, name });
        }}
      />
      <Modal open={!!pending} title={`${t.transferTo} ${pending?.name ?? ''}`} okText={t.transferOk} cancelText={tr('取消')} onOk={confirm} onCancel={() => setPending(undefined)} okButtonProps={{ className: 'transfer-ok' }} destroyOnHidden>
        <Input.TextArea className="transfer-note" style={{ marginBottom: 20 }} rows={3} maxLength={200} showCount placeholder={t.transferNote} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </>
  );
}
