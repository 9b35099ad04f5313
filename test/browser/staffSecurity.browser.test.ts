import { chromium, type Browser } from 'playwright-core';
import { ensureConsoleBuilt } from '../../scripts/build/build-console';
import { startTestServer, staffLogin, type TestServer } from '../helpers/testServer';

jest.setTimeout(120_000);

/** The staff tab's security actions in Debian's Chromium: unlock a locked account, 全部下线. */
describe('console staff tab: unlock and log out everywhere', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    await ensureConsoleBuilt();
    server = await startTestServer({ KEFU_OCR: 'off' });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a locked colleague, unlocks them, and ends a colleague’s sessions', async () => {
    for (let i = 0; i < 5; i++) await server.call('POST', '/v1/auth/login', { body: { tenant: 'demo', username: 'xiaoli', password: 'wrong' } });
    expect((await server.call('POST', '/v1/auth/login', { body: { tenant: 'demo', username: 'xiaoli', password: 'Kefu@2026' } })).status).toBe(429);
    const agent = await staffLogin(server, 'xiaowang');

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await page.goto(`${server.url}/console/`);
    await page.fill('#login-username', 'admin');
    await page.fill('#login-password', 'Kefu@2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.locator('.ant-layout-header').waitFor();
    await page.goto(`${server.url}/console/#/settings`);
    await page.getByRole('tab', { name: '员工' }).click();

    const locked = page.locator('.staff-settings tbody tr', { hasText: 'xiaoli' });
    await locked.getByText('已锁定').waitFor();
    await locked.locator('.unlock').click();
    await locked.getByText('已锁定').waitFor({ state: 'detached' });
    expect((await server.call('POST', '/v1/auth/login', { body: { tenant: 'demo', username: 'xiaoli', password: 'Kefu@2026' } })).status).toBe(200);

    expect((await server.call('GET', '/v1/agent/inbox', { token: agent })).status).toBe(200);
    await page.locator('.staff-settings tbody tr', { hasText: 'xiaowang' }).locator('.logout-all').click();
    await page.getByText('已全部下线').waitFor();
    const after = await server.call('GET', '/v1/agent/inbox', { token: agent });
    expect({ status: after.status, code: after.json['code'] }).toEqual({ status: 401, code: 'SESSION_REVOKED' });
    // Not offered for one's own row: the admin would cut off the console they are using.
    const own = page.locator('.staff-settings tbody tr').filter({ has: page.locator('td', { hasText: /^admin$/ }) });
    expect(await own.locator('.logout-all').isDisabled()).toBe(true);
    await page.close();
  });
});
