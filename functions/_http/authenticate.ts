import type { Context } from 'hono';
import { KefuError } from '../../shared/errors';
import type { Principal, Role } from '../../shared/auth';
import type { AppDeps, AppEnv } from './AppDeps';

/**
 * The caller's principal from `Authorization: Bearer <token>`; UNAUTHENTICATED without one,
 * TOKEN_INVALID/TOKEN_EXPIRED for a bad one, SESSION_REVOKED when the account was disabled, blocked,
 * changed or logged out everywhere since the token was issued, FORBIDDEN when the role may not call
 * this route.
 */
export async function authenticate(c: Context<AppEnv>, deps: AppDeps, roles: readonly Role[]): Promise<Principal> {
  return (await authenticateSession(c, deps, roles)).principal;
}

/** As {@link authenticate}, with the token's session epoch (for refresh). */
export async function authenticateSession(c: Context<AppEnv>, deps: AppDeps, roles: readonly Role[]): Promise<{ principal: Principal; epoch: number }> {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) throw new KefuError('UNAUTHENTICATED');
  const { principal, epoch } = await deps.tokens.verifySession(match[1]);
  // Set first so the log line names who tried, even when the session turns out to be revoked.
  c.set('principal', principal);
  // Revocation before the role check: a revoked session learns nothing about what it may call.
  await deps.accounts.checkSession(principal, epoch);
  if (!roles.includes(principal.role)) throw new KefuError('FORBIDDEN');
  return { principal, epoch };
}

export const staffRoles: readonly Role[] = ['agent', 'supervisor', 'admin'];
