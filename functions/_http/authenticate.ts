import type { Context } from 'hono';
import { KefuError } from '../../shared/errors';
import type { Principal, Role } from '../../shared/auth';
import type { AppDeps, AppEnv } from './AppDeps';

/**
 * The caller's principal from `Authorization: Bearer <token>`; UNAUTHENTICATED without one,
 * TOKEN_INVALID/TOKEN_EXPIRED for a bad one, FORBIDDEN when the role may not call this route.
 */
export async function authenticate(c: Context<AppEnv>, deps: AppDeps, roles: readonly Role[]): Promise<Principal> {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) throw new KefuError('UNAUTHENTICATED');
  const principal = await deps.tokens.verify(match[1]);
  c.set('principal', principal);
  if (!roles.includes(principal.role)) throw new KefuError('FORBIDDEN');
  return principal;
}

export const staffRoles: readonly Role[] = ['agent', 'supervisor', 'admin'];
