import { sign } from 'hono/jwt';
import { KefuError } from '../errors';
import { hashPassword, verifyPassword } from './passwordHash';
import { SessionTokens } from './sessionToken';

const secret = 'k'.repeat(40);

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return err instanceof KefuError ? err.code : 'unexpected';
  }
}

describe('SessionTokens', () => {
  it('round-trips a principal', async () => {
    const tokens = new SessionTokens(secret, 60);
    const { token, expiresAt } = await tokens.issue({ tenant: 'demo', id: 'agent-1', role: 'agent', name: '小王' });
    await expect(tokens.verify(token)).resolves.toEqual({ tenant: 'demo', id: 'agent-1', role: 'agent', name: '小王' });
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
  });

  it('rejects an expired token with TOKEN_EXPIRED', async () => {
    let now = 1_800_000_000_000;
    const tokens = new SessionTokens(secret, 60, () => now);
    const { token } = await tokens.issue({ tenant: 'demo', id: 'u1', role: 'user' });
    await expect(tokens.verify(token)).resolves.toMatchObject({ id: 'u1' });
    now += 61_000;
    // Also when the token was verified (and cached) while it was still valid.
    expect(await codeOf(tokens.verify(token))).toBe('TOKEN_EXPIRED');
  });

  it('rejects tampered, foreign-signed and garbage tokens with TOKEN_INVALID', async () => {
    const tokens = new SessionTokens(secret, 60);
    const { token } = await tokens.issue({ tenant: 'demo', id: 'u1', role: 'user' });
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url');
    expect(await codeOf(tokens.verify(`${h}.${forged}.${s}`))).toBe('TOKEN_INVALID');
    const other = await new SessionTokens('x'.repeat(40), 60).issue({ tenant: 'demo', id: 'u1', role: 'admin' });
    expect(await codeOf(tokens.verify(other.token))).toBe('TOKEN_INVALID');
    expect(await codeOf(tokens.verify('not-a-token'))).toBe('TOKEN_INVALID');
  });
});

describe('SessionTokens: one spelling per token, nbf, session epoch', () => {
  it('refuses a signature (or any segment) with = padding or unused bits set, accepts the canonical one', async () => {
    const tokens = new SessionTokens(secret, 60);
    const { token } = await tokens.issue({ tenant: 'demo', id: 'u1', role: 'user' });
    const [h, p, s] = token.split('.') as [string, string, string];
    expect(await codeOf(tokens.verify(`${token}=`))).toBe('TOKEN_INVALID');
    expect(await codeOf(tokens.verify(`${h}.${p}.${s}==`))).toBe('TOKEN_INVALID');
    expect(await codeOf(tokens.verify(`${h}.${p}=.${s}`))).toBe('TOKEN_INVALID');
    // 43 characters carry 258 bits of a 256-bit HMAC: flipping the last character's unused low bits
    // decodes to the same bytes, so a lenient decoder would accept a second spelling.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(s.slice(-1));
    const twin = `${s.slice(0, -1)}${alphabet[last ^ 1]}`;
    expect(Buffer.from(twin, 'base64url').equals(Buffer.from(s, 'base64url'))).toBe(true);
    expect(await codeOf(tokens.verify(`${h}.${p}.${twin}`))).toBe('TOKEN_INVALID');
    expect(await codeOf(tokens.verify(token))).toBe('no error');
  });

  it('honours nbf: refused before it, accepted from it on', async () => {
    let now = 1_800_000_000_000;
    const tokens = new SessionTokens(secret, 60, () => now);
    const iat = now / 1000;
    const early = await sign({ sub: 'u1', ten: 'demo', role: 'user', iat, exp: iat + 600, nbf: iat + 120 }, secret, 'HS256');
    expect(await codeOf(tokens.verify(early))).toBe('TOKEN_INVALID');
    now += 120_000;
    await expect(tokens.verify(early)).resolves.toMatchObject({ id: 'u1' });
    const badNbf = await sign({ sub: 'u1', ten: 'demo', role: 'user', iat, exp: iat + 600, nbf: 'soon' as unknown as number }, secret, 'HS256');
    expect(await codeOf(tokens.verify(badNbf))).toBe('TOKEN_INVALID');
  });

  it('carries the session epoch; a token without one is epoch 0', async () => {
    const tokens = new SessionTokens(secret, 60);
    const { token } = await tokens.issue({ tenant: 'demo', id: 'admin', role: 'admin' }, 7);
    await expect(tokens.verifySession(token)).resolves.toEqual({ principal: { tenant: 'demo', id: 'admin', role: 'admin' }, epoch: 7 });
    const iat = Math.floor(Date.now() / 1000);
    const legacy = await sign({ sub: 'admin', ten: 'demo', role: 'admin', iat, exp: iat + 60 }, secret, 'HS256');
    expect((await tokens.verifySession(legacy)).epoch).toBe(0);
    const negative = await sign({ sub: 'admin', ten: 'demo', role: 'admin', iat, exp: iat + 60, sep: -1 }, secret, 'HS256');
    expect(await codeOf(tokens.verify(negative))).toBe('TOKEN_INVALID');
  });
});

describe('password hashing', () => {
  it('verifies the right password only, with a salted scrypt hash', async () => {
    const a = await hashPassword('正确的密码 1');
    const b = await hashPassword('正确的密码 1');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    await expect(verifyPassword('正确的密码 1', a)).resolves.toBe(true);
    await expect(verifyPassword('wrong', a)).resolves.toBe(false);
    await expect(verifyPassword('x', 'garbage')).resolves.toBe(false);
  });
});
