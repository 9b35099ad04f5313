import { createMemoryStore } from '../../shared/store/drivers';
import { AccountService } from '../../shared/accounts';
import { SessionTokens } from '../../shared/auth';
import { normaliseAddress } from '../../functions/_http/clientAddress';
import { SECRET, authInstance, fakeClock, type AuthInstance, type FakeClock } from '../helpers/authInstance';
import { startTestServer, type TestServer } from '../helpers/testServer';

const PASSWORD = 'Secret@2026';
const IP = '203.0.113.7';

describe('login throttling per account and per client address (FC events, a shared store, a fake clock)', () => {
  let clock: FakeClock;
  let a: AuthInstance;
  let b: AuthInstance;
  beforeEach(async () => {
    const store = createMemoryStore();
    const seed = new AccountService(store, new SessionTokens(SECRET, 3600));
    await seed.createTenant('acme', 'Acme');
    for (const username of ['boss', 'xiaowang', 'xiaoli']) await seed.putStaff('acme', { username, displayName: username, role: username === 'boss' ? 'admin' : 'agent', password: PASSWORD });
    clock = fakeClock();
    a = authInstance(store, clock);
    b = authInstance(store, clock);
  });

  const login = (instance: AuthInstance, username: string, password: string, sourceIp = IP) => instance.call('POST', '/v1/auth/login', { body: { tenant: 'acme', username, password }, sourceIp });

  it('30 wrong passwords: 5 x 401, then 429 with Retry-After; the right one during the lock is still 429; after the backoff it works', async () => {
    const statuses: number[] = [];
    // Alternating instances: the counters are in the store, not in one instance's memory.
    for (let i = 0; i < 30; i++) statuses.push((await login(i % 2 ? a : b, 'xiaowang', `wrong-${i}`)).status);
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(25).fill(429)]);
    const locked = await login(a, 'xiaowang', PASSWORD);
    expect({ status: locked.status, code: locked.json['code'], retryAfter: locked.headers['retry-after'] }).toEqual({ status: 429, code: 'TOO_MANY_ATTEMPTS', retryAfter: '30' });
    expect(locked.json['message']).toBe('尝试次数过多,请 30 秒后再试');

    clock.now += 29_000;
    expect((await login(b, 'xiaowang', PASSWORD)).headers['retry-after']).toBe('1');
    clock.now += 1_000;
    expect((await login(b, 'xiaowang', PASSWORD)).status).toBe(200);
    // A right password starts the account over: five more tries before the next lock.
    for (let i = 0; i < 4; i++) expect((await login(a, 'xiaowang', 'wrong')).status).toBe(401);
  });

  it('the backoff doubles with each failure after a lock, up to 15 minutes', async () => {
    for (let i = 0; i < 5; i++) await login(a, 'xiaowang', 'wrong');
    const waits: string[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await login(a, 'xiaowang', PASSWORD);
      waits.push(res.headers['retry-after'] ?? '');
      clock.now += Number(res.headers['retry-after']) * 1000;
      expect((await login(a, 'xiaowang', 'wrong')).status).toBe(401);
    }
    expect(waits).toEqual(['30', '60', '120', '240', '480', '900', '900']);
  });

  it('an admin sees the locked account (list and staff tab) and can unlock it; then the right password works', async () => {
    const boss = (await login(a, 'boss', PASSWORD, '198.51.100.1')).json['token'] as string;
    for (let i = 0; i < 5; i++) await login(a, 'xiaoli', 'wrong');
    const locks = await b.call('GET', '/v1/merchant/login-locks', { token: boss });
    expect(locks.json['locks']).toEqual([{ username: 'xiaoli', failures: 5, lockedUntil: new Date(clock.now + 30_000).toISOString() }]);
    const staff = (await b.call('GET', '/v1/merchant/staff', { token: boss })).json['staff'] as { username: string; lockedUntil?: string }[];
    expect(staff.find((s) => s.username === 'xiaoli')?.lockedUntil).toBe(new Date(clock.now + 30_000).toISOString());
    expect(staff.find((s) => s.username === 'xiaowang')?.lockedUntil).toBeUndefined();

    const agent = (await login(a, 'xiaowang', PASSWORD, '198.51.100.1')).json['token'] as string;
    expect((await a.call('POST', '/v1/merchant/staff/xiaoli/unlock', { token: agent })).status).toBe(403);
    expect((await login(a, 'xiaoli', PASSWORD)).status).toBe(429);
    const unlocked = await a.call('POST', '/v1/merchant/staff/xiaoli/unlock', { token: boss });
    expect(unlocked.json).toEqual({ username: 'xiaoli', unlocked: true });
    expect((await login(a, 'xiaoli', PASSWORD)).status).toBe(200);
    expect((await b.call('GET', '/v1/merchant/login-locks', { token: boss })).json['locks']).toEqual([]);
    expect((await a.call('POST', '/v1/merchant/staff/nobody/unlock', { token: boss })).status).toBe(404);
  });

  it('one address guessing across many usernames is locked after 20 failures, whatever the username; other addresses are not', async () => {
    for (let i = 0; i < 20; i++) expect((await login(i % 2 ? a : b, `guess${i}`, 'wrong')).status).toBe(401);
    const same = await login(a, 'xiaoli', PASSWORD);
    expect({ status: same.status, retryAfter: same.headers['retry-after'] }).toEqual({ status: 429, retryAfter: '30' });
    expect((await login(a, 'xiaoli', PASSWORD, '198.51.100.2')).status).toBe(200);
    // The other addresses of the same IPv6 /64 share one counter.
    for (let i = 0; i < 20; i++) await login(a, `v6guess${i}`, 'wrong', `2001:db8:1:2::${(i + 1).toString(16)}`);
    expect((await login(a, 'xiaowang', PASSWORD, '2001:db8:1:2:ffff::1')).status).toBe(429);
    expect((await login(a, 'xiaowang', PASSWORD, '2001:db8:1:3::1')).status).toBe(200);
  });

  it('right passwords do not use up an address: 30 good logins from one place in a row all succeed', async () => {
    for (let i = 0; i < 30; i++) expect((await login(i % 2 ? a : b, 'xiaowang', PASSWORD)).status).toBe(200);
  });

  it('a burst of parallel guesses is counted before the passwords are checked: at most 5 get checked', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(i % 2 ? a : b, 'xiaowang', `burst-${i}`, `192.0.2.${i + 1}`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
    expect((await login(a, 'xiaowang', PASSWORD, '192.0.2.200')).status).toBe(429);
  });
});

describe('the client address: only what the platform gives', () => {
  it('normalises IPv4, IPv4-mapped IPv6 and IPv6 (to its /64); refuses anything else', () => {
    expect(normaliseAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(normaliseAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseAddress('2001:DB8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(normaliseAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(normaliseAddress('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(normaliseAddress('evil, 1.2.3.4')).toBeUndefined();
    expect(normaliseAddress('')).toBeUndefined();
  });

  describe('on the local server (the socket peer; X-Forwarded-For is ignored)', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ KEFU_OCR: 'off' });
    });
    afterAll(() => server.stop());

    it('locks the address after 20 failures even when each request claims another X-Forwarded-For', async () => {
      for (let i = 0; i < 20; i++) {
        const res = await server.call('POST', '/v1/auth/login', { body: { tenant: 'demo', username: `nobody${i}`, password: 'x' }, headers: { 'x-forwarded-for': `10.0.0.${i}` } });
        expect(res.status).toBe(401);
      }
      const res = await server.call('POST', '/v1/auth/login', { body: { tenant: 'demo', username: 'admin', password: 'Kefu@2026' }, headers: { 'x-forwarded-for': '10.9.9.9' } });
      expect({ status: res.status, code: res.json['code'], retryAfter: res.headers.get('retry-after') }).toEqual({ status: 429, code: 'TOO_MANY_ATTEMPTS', retryAfter: '30' });
      // Built by hand for the header, the answer still has what every answer has.
      expect(res.headers.get('x-request-id')).toBe(res.json['requestId']);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    });
  });
});
