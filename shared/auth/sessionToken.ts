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
  /** The account's session epoch when the token was issued; an older one than the account's is revoked. */
  sep: number;
  [claim: string]: unknown;
}

/** A verified token: who, and under which session epoch of their account it was issued. */
export interface VerifiedSession {
  readonly principal: Principal;
  /** 0 for tokens issued before epochs existed, matching accounts that never had one bumped. */
  readonly epoch: number;
}

/** One JWT segment in canonical base64url: the alphabet only, no `=` padding, no stray bits. */
const SEGMENT = /^[A-Za-z0-9_-]+$/;
function isCanonicalSegment(segment: string): boolean {
  // Re-encoding catches a last character whose unused low bits are set, which decoders ignore:
  // two spellings of one signature would otherwise both verify.
  return SEGMENT.test(segment) && Buffer.from(segment, 'base64url').toString('base64url') === segment;
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
  private readonly verified = new Map<string, { session: VerifiedSession; expMs: number }>();
  private static readonly CACHE_SIZE = 10_000;

  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: () => number = Date.now,
  ) {
    if (secret.length < 32) throw new KefuError('CONFIG_INVALID', 'token secret too short', { key: 'KEFU_TOKEN_SECRET' });
  }

  /** @param epoch - the account's current session epoch (see AccountService); 0 when it has none. */
  async issue(principal: Principal, epoch = 0): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(this.clock() / 1000);
    const exp = iat + this.ttlSeconds;
    const payload: TokenPayload = { sub: principal.id, ten: principal.tenant, role: principal.role, iat, exp, sep: epoch };
    if (principal.name) payload.name = principal.name;
    return { token: await sign(payload, this.secret, 'HS256'), expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The principal of a valid token; TOKEN_EXPIRED or TOKEN_INVALID otherwise. */
  async verify(token: string): Promise<Principal> {
    return (await this.verifySession(token)).principal;
  }

  /**
   * The principal and session epoch of a valid token. Whether the epoch is still the account's is
   * for the caller to check (AccountService.checkSession): that needs the store, this does not.
   */
  async verifySession(token: string): Promise<VerifiedSession> {
    const now = this.clock();
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.expMs <= now) throw new KefuError('TOKEN_EXPIRED');
      return cached.session;
    }
    const segments = token.split('.');
    // The library decodes leniently (it accepts a padded signature); one token has one spelling.
    if (segments.length !== 3 || !segments.every(isCanonicalSegment)) throw new KefuError('TOKEN_INVALID');
    let payload: Record<string, unknown>;
    try {
      // The library's time checks use the wall clock; exp and nbf are checked below against our clock.
      payload = await verify(token, this.secret, { alg: 'HS256', exp: false, iat: false, nbf: false });
    } catch {
      throw new KefuError('TOKEN_INVALID');
    }
    const { sub, ten, role, name, exp, nbf, sep } = payload;
    if (typeof sub !== 'string' || typeof ten !== 'string' || typeof exp !== 'number' || !roles.includes(role as Role)) {
      throw new KefuError('TOKEN_INVALID');
    }
    if ((sep !== undefined && !isEpoch(sep)) || (nbf !== undefined && typeof nbf !== 'number')) throw new KefuError('TOKEN_INVALID');
    // We never set nbf, but a signed token that carries one means "not before": honour it.
    if (typeof nbf === 'number' && nbf * 1000 > now) throw new KefuError('TOKEN_INVALID', '登录凭证尚未生效');
    if (exp * 1000 <= now) throw new KefuError('TOKEN_EXPIRED');
    const principal: Principal = { tenant: ten, id: sub, role: role as Role, ...(typeof name === 'string' ? { name } : {}) };
    const session: VerifiedSession = { principal, epoch: isEpoch(sep) ? sep : 0 };
    if (this.verified.size >= SessionTokens.CACHE_SIZE) this.verified.clear();
    this.verified.set(token, { session, expMs: exp * 1000 });
    return session;
  }
}

function isEpoch(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
