import { useEffect, useRef, useState } from 'react';
import { Badge, Card, Empty, Tabs } from 'antd';
import { toast } from '../toast';
import { api, type Session } from '../api';
import { useT } from '../i18n';
import type { Conversation } from '../../../../shared/schemas';
import { useLongPoll } from '../workbench/useLongPoll';
import { useUserNames } from '../workbench/useUserNames';
import { Inbox } from '../workbench/Inbox';
import { ConversationView } from '../workbench/ConversationView';
import { ErrorBoundary } from '../ErrorBoundary';
import { LOAD_CHANGED } from '../PresenceSwitch';

type Box = 'waiting' | 'mine' | 'all';

/** One inbox kept current by long-poll: `since` (the version shown) waits until it changes. */
function useInbox(box: Box, enabled: boolean): Conversation[] {
  const [items, setItems] = useState<Conversation[]>([]);
  const version = useRef<string | undefined>(undefined);
  useLongPoll(async (signal) => {
    if (!enabled) return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    const since = version.current ? `&since=${encodeURIComponent(version.current)}&timeout=20000` : '';
    const page = await api<{ version: string; conversations: Conversation[] }>('GET', `/v1/agent/inbox?box=${box}${since}`, undefined, signal);
    version.current = page.version;
    setItems(page.conversations);
  }, [box, enabled]);
  return items;
}

/**
 * The agent's day: their own conversations (assigned automatically while 在线) and the waiting
 * ones they may claim; supervisors also see every open conversation. A conversation assigned
 * while nothing is open opens by itself; otherwise a notice says one arrived.
 */
export function Workbench({ session }: { session: Session }) {
  const t = useT();
  const [selected, setSelected] = useState<string>();
  const [box, setBox] = useState<Box>('mine');
  const supervising = session.principal.role !== 'agent';
  const waiting = useInbox('waiting', true);
  const mine = useInbox('mine', true);
  const all = useInbox('all', supervising && box === 'all');
  const known = useRef<Set<string> | undefined>(undefined);
  const items = box === 'waiting' ? waiting : box === 'mine' ? mine : all;
  const userName = useUserNames([...waiting, ...mine, ...all].map((c) => c.userId));

  // Newly assigned conversations (not claimed here): open the first when idle, else say so.
  const ids = mine.map((c) => c.id).join(',');
  useEffect(() => {
    window.dispatchEvent(new Event(LOAD_CHANGED));
    const now = ids ? ids.split(',') : [];
    const fresh = now.filter((id) => !known.current?.has(id));
    const first = known.current === undefined;
    if (now.length) known.current = new Set([...(known.current ?? []), ...now]);
    // The open conversation turning up here was claimed here: no notice for it.
    const arrived = fresh.filter((id) => id !== selected);
    if (!arrived.length) return;
    // Nothing open, or the open one is finished (in no list any more): the new one opens.
    const listed = [...mine, ...waiting, ...all].some((c) => c.id === selected);
    if (!selected || !listed) setSelected(arrived[0]);
    else if (!first) void toast.info(t.newAssigned);
  }, [ids]);
  return (
    <div style={{ display: 'flex', gap: 12, height: '100%' }}>
      <Card size="small" style={{ width: 300, flex: 'none', display: 'flex', flexDirection: 'column' }} styles={{ body: { flex: 1, minHeight: 0, overflowY: 'auto', paddingTop: 0 } }}>
        <Tabs
          activeKey={box}
          onChange={(k) => setBox(k as Box)}
          items={[
            { key: 'mine', label: <Badge count={mine.length} size="small" offset={[8, 0]} color="#1677ff">{t.mine}</Badge> },
            { key: 'waiting', label: <Badge count={waiting.length} size="small" offset={[8, 0]}>{t.waiting}</Badge> },
            ...(supervising ? [{ key: 'all', label: t.all }] : []),
          ]}
        />
        <Inbox items={items} selected={selected} onSelect={setSelected} me={session.principal.id} userName={userName} />
      </Card>
      <div style={{ flex: 1, minWidth: 0 }}>
        {selected ? (
          <ErrorBoundary panel="conversation" resetKey={selected}>
            <ConversationView key={selected} id={selected} session={session} userName={userName} />
          </ErrorBoundary>
        ) : (
          <Empty description={t.noConversation} style={{ marginTop: 96 }} />
        )}
      </div>
    </div>
  );
}
