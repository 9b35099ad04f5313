import { useEffect, useRef, useState } from 'react';
import { Badge, Select, Space, Typography } from 'antd';
import { toast } from './toast';
import { api } from './api';
import { useLabel, useT } from './i18n';
import type { PresenceStatus } from '../../../shared/schemas';
import type { AgentPresence } from '../../../shared/routing';

type Presence = Pick<AgentPresence, 'status' | 'active' | 'capacity'>;
const colors: Record<PresenceStatus, 'success' | 'warning' | 'processing' | 'default'> = { online: 'success', busy: 'warning', away: 'processing', offline: 'default' };
const order: PresenceStatus[] = ['online', 'busy', 'away', 'offline'];
/** The window event by which the workbench tells the header that the agent's conversations changed. */
export const LOAD_CHANGED = 'kefu:load-changed';
/** How often the header re-reads the load (conversations assigned meanwhile). */
const REFRESH_MS = 15_000;

/**
 * The agent's status in the header: 在线 / 忙碌 / 小休 / 离线 and the load (active / capacity). A
 * fresh login asks the server to apply the merchant's setting (在线 on login, and with it automatic
 * assignment); after the merchant's idle minutes without a key or pointer, 在线 becomes 小休.
 */
export function PresenceSwitch({ freshLogin }: { freshLogin: boolean }) {
  const t = useT();
  const label = useLabel();
  const [presence, setPresence] = useState<Presence>();
  const awayAfterMs = useRef(0);
  const lastInput = useRef(Date.now());
  const status = useRef<PresenceStatus | undefined>(undefined);
  status.current = presence?.status;

  const change = (next: PresenceStatus) => void api<Presence>('PUT', '/v1/agent/presence', { status: next }).then(setPresence, () => undefined);

  useEffect(() => {
    const start = freshLogin
      ? api<{ presence: Presence; settings: { autoAwayMinutes: number } }>('POST', '/v1/agent/presence/session', {}).then((r) => {
          awayAfterMs.current = r.settings.autoAwayMinutes * 60_000;
          return r.presence;
        })
      : api<{ autoAwayMinutes: number }>('GET', '/v1/agent/presence/settings').then((s) => {
          // A reload keeps the status the agent had; only the idle minutes are read again.
          awayAfterMs.current = s.autoAwayMinutes * 60_000;
          return api<Presence>('GET', '/v1/agent/presence');
        });
    void start.then(setPresence, () => undefined);
    const reread = () => void api<Presence>('GET', '/v1/agent/presence').then(setPresence, () => undefined);
    const timer = setInterval(reread, REFRESH_MS);
    // The workbench says when the agent's own list changed (an assignment, a resolve): the load moved.
    window.addEventListener(LOAD_CHANGED, reread);
    return () => {
      clearInterval(timer);
      window.removeEventListener(LOAD_CHANGED, reread);
    };
  }, [freshLogin]);

  // Automatic 小休: any key or pointer use counts as being there.
  useEffect(() => {
    const seen = () => {
      lastInput.current = Date.now();
    };
    const events = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, seen, { passive: true });
    const check = setInterval(() => {
      if (status.current !== 'online' || !awayAfterMs.current || Date.now() - lastInput.current < awayAfterMs.current) return;
      change('away');
      void toast.info(t.autoAway);
    }, 15_000);
    return () => {
      for (const e of events) window.removeEventListener(e, seen);
      clearInterval(check);
    };
  }, [t]);

  if (!presence) return null;
  return (
    <Space size={8} className="presence">
      <Select
        size="small"
        className="presence-switch"
        style={{ width: 96 }}
        value={presence.status}
        onChange={change}
        options={order.map((s) => ({ value: s, 'aria-label': label('presence', s), label: <Badge status={colors[s]} text={label('presence', s)} className={`presence-${s}`} /> }))}
      />
      <Typography.Text className="presence-load" style={{ color: '#fff', fontSize: 12 }}>
        {t.load} {presence.active}/{presence.capacity}
      </Typography.Text>
    </Space>
  );
}
