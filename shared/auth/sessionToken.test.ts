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
