import { useEffect, useState } from 'react';
import { api } from '../api';

/** Names already read, for the whole console session (a user's nickname does not change under us). */
const known = new Map<string, string>();

/** The display names of these users (their chat nickname, masked without customer-data permission); an id until read. */
export function useUserNames(ids: readonly string[]): (id: string) => string {
  const [, setVersion] = useState(0);
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  const key = missing.join(',');
  useEffect(() => {
    if (!key) return;
    void api<{ names: Record<string, string> }>('GET', `/v1/agent/user-names?ids=${encodeURIComponent(key)}`).then((r) => {
      for (const id of key.split(',')) known.set(id, r.names[id] ?? id);
      setVersion((v) => v + 1);
    }, () => undefined);
  }, [key]);
  return (id) => known.get(id) ?? id;
}
