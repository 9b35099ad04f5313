/** The callers api.md groups routes by, in the order it lists them. */
export const ACTORS = [
  { id: 'user', title: 'Users (mini-program and H5)', intro: 'The end user\'s chat: a session of role `user`, from `POST /v1/auth/alipay` (or the dev login).' },
  { id: 'session', title: 'Every session (users and staff)', intro: 'Any valid session, a user\'s or a staff member\'s; what it answers depends on who asks.' },
  { id: 'agent', title: 'Agents (every staff role)', intro: 'The console\'s workbench: sessions of role `agent`, `supervisor` or `admin`, from `POST /v1/auth/login`.' },
  { id: 'supervisor', title: 'Supervisors (and admins)', intro: 'Figures, settings and the knowledge base: roles `supervisor` and `admin`.' },
  { id: 'admin', title: 'Merchant admins', intro: 'Staff accounts, secrets and the merchant\'s connections: role `admin` only.' },
  { id: 'operator', title: 'Operator', intro: 'Whoever runs this deployment (not a merchant): the `x-kefu-operator-secret` header, set with `KEFU_OPERATOR_SECRET`; without it the routes answer 403 OPERATOR_API_DISABLED.' },
  { id: 'public', title: 'Public and machine callers', intro: 'No session: pages, health probes, logins, signed links and the merchant\'s systems.' },
] as const;

export type ActorId = (typeof ACTORS)[number]['id'];

/**
 * A route without a session check is told apart by the refusal its code throws when the caller's
 * credential is missing or wrong. Routes throwing none of these are public.
 */
const credentials: Readonly<Record<string, { readonly actor: ActorId; readonly auth: string }>> = {
  OPERATOR_SECRET_INVALID: { actor: 'operator', auth: 'operator secret (`x-kefu-operator-secret`)' },
  EVENT_SIGNATURE_INVALID: { actor: 'public', auth: 'the merchant\'s systems: HMAC signature (`X-Kefu-Tenant`, `X-Kefu-Timestamp`, `X-Kefu-Signature`)' },
  MEDIA_LINK_INVALID: { actor: 'public', auth: 'signed link (`tenant`, `exp`, `sig` from `GET /v1/media/:id/url`)' },
  DEV_LOGIN_DISABLED: { actor: 'public', auth: 'none; only with `KEFU_DEV_LOGIN=true`' },
  LOGIN_UNAVAILABLE: { actor: 'public', auth: 'none; only with Alipay configured' },
};

const STAFF = ['agent', 'supervisor', 'admin'];

/** The caller a route is for and how it authenticates, from its session roles or its refusals. */
export function actorOf(roles: readonly string[] | undefined, refusals: readonly string[]): { actor: ActorId; auth: string } {
  if (roles) {
    const auth = `session: ${[...roles].sort((a, b) => order(a) - order(b)).join(', ')}`;
    const staff = roles.filter((r) => STAFF.includes(r));
    if (roles.includes('user')) return { actor: staff.length ? 'session' : 'user', auth };
    if (roles.includes('agent')) return { actor: 'agent', auth };
    if (roles.includes('supervisor')) return { actor: 'supervisor', auth };
    return { actor: 'admin', auth };
  }
  const credential = refusals.map((code) => credentials[code]).find((c) => c !== undefined);
  return credential ?? { actor: 'public', auth: 'none' };
}

const order = (role: string): number => ['user', ...STAFF].indexOf(role);
