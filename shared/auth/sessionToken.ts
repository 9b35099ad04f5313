import { sign, verify } from 'hono/jwt';
import { KefuError } from '../errors';

export type Role = 'user' | 'agent' | 'supervisor' | 'admin';

/** Who is calling: a mini-program/H5 user, or a staff member of the merchant's console. */
export interface Principal {
  readonly tenant: string;
  /** User id (for role `user`) or staff id. */
  readonly id: string;
  readonly role: Role;
  readonly name?: string;
}

interface TokenPayload {
  sub: string;
  ten: string;
  role: Role;
  name?: string;
  iat: number;
  exp: number;
  [claim: string]: unknown;
}

const roles: readonly Role[] = ['user', 'agent', 'supervisor', 'admin'];

/**
 * Signed, expiring session tokens (JWT, HS256). Stateless so that any function instance can check a
 * token without a store read.
 */
export class SessionTokens {
  /**
   * Tokens already verified, so a busy client does not pay an HMAC per request. Bounded, and expiry
   * is still checked on every use.
   */
  private readonly verified = new Map<string, { principal: Principal; expMs: number }>();
  private static readonly CACHE_SIZE = 10_000;

  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: () => number = Date.now,
  ) {
    if (secret.length < 32) throw new KefuError('CONFIG_INVALID', 'token secret too short', { key: 'KEFU_TOKEN_SECRET' });
  }

  async issue(principal: Principal): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(this.clock() / 1000);
    const exp = iat + this.ttlSeconds;
    const payload: TokenPayload = { sub: principal.id, ten: principal.tenant, role: principal.role, iat, exp };
    if (principal.name) payload.name = principal.name;
    return { token: await sign(payload, this.secret, 'HS256'), expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The principal of a valid token; TOKEN_EXPIRED or TOKEN_INVALID otherwise. */
  async verify(token: string): Promise<Principal> {
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.expMs <= this.clock()) throw new KefuError('TOKEN_EXPIRED');
      return cached.principal;
    }
    let payload: Record<string, unknown>;
    try {
      // The library's exp check uses the wall clock; we check exp ourselves against our clock.
      payload = await verify(token, this.secret, { alg: 'HS256', exp: false, iat: false, nbf: false });
    } catch {
      throw new KefuError('TOKEN_INVALID');
    }
    const { sub, ten, role, name, exp } = payload;
    if (typeof sub !== 'string' || typeof ten !== 'string' || typeof exp !== 'number' || !roles.includes(role as Role)) {
      throw new KefuError('TOKEN_INVALID');
    }
    if (exp * 1000 <= this.clock()) throw new KefuError('TOKEN_EXPIRED');
    const principal: Principal = { tenant: ten, id: sub, role: role as Role, ...(typeof name === 'string' ? { name } : {}) };
    if (this.verified.size >= SessionTokens.CACHE_SIZE) this.verified.clear();
    this.verified.set(token, { principal, expMs: exp * 1000 });
    return principal;
  }
}
