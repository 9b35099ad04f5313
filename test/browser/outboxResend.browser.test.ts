import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser } from 'playwright-core';
import { call } from '../helpers/testServer';

jest.setTimeout(120_000);

const root = path.resolve(__dirname, '../..');
const shots = path.resolve(__dirname, '../../test-artifacts/h5');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function start(dataDir: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../helpers/devServerAtPort.ts'), dataDir, String(port)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, url: (JSON.parse(line) as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`dev server exited with ${code}`)));
  });
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/**
 * The real server (a child process) is stopped while the user sends three messages on the H5 page,
 * then started again on the same port and data: all three arrive, in order, once each, within
 * 10 s of the server answering again, and nobody taps anything. Meanwhile each bubble says 发送失败
 * with a visible 重发.
 */
describe('H5 outbox: unsent means resent', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kefu-resend-'));
  let browser: Browser;
  let server: { child: ChildProcess; url: string } | undefined;
  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    if (server) await stopped(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends the three messages written while the server was down, in order and once each, without a tap', async () => {
    mkdirSync(shots, { recursive: true });
    const port = await freePort();
    server = await start(dataDir, port);
    const url = server.url;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    const page = await browser.newPage({ viewport: { width: 375, height: 760 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const problems: string[] = [];
    let outage = false;
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    // While the server is down on purpose (and until the page has recovered), Chromium reports each
    // refused or cut request (a socket closed as it connects is one too); nothing else may be an error.
    page.on('console', (m) => m.type() === 'error' && !(outage && /net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE|SOCKET_NOT_CONNECTED)/.test(m.text())) && problems.push(`console: ${m.text()}`));
    await page.goto(`${url}/h5/?tenant=demo&user=r001`);
    await page.getByText('猜你想问').waitFor();
    await page.fill('#input', '你好');
    await page.press('#input', 'Enter');
    await page.locator('.row.mine:not(.pending)', { hasText: '你好' }).waitFor();

    outage = true;
    server.child.kill('SIGTERM');
    await stopped(server.child);
    const texts = ['第一条:花呗还款失败', '第二条:扣款两次', '第三条:请帮我查一下'];
    for (const text of texts) {
      await page.fill('#input', text);
      await page.press('#input', 'Enter');
      await page.locator('.row.pending', { hasText: text }).waitFor();
    }
    // Not sent: each bubble says so and has its 重发, nothing hidden in a hover text.
    await page.locator('.row.pending.failed').nth(2).waitFor({ timeout: 30_000 });
    expect(await page.locator('.row.pending.failed .state', { hasText: '发送失败' }).count()).toBe(3);
    expect(await page.getByRole('button', { name: '重发' }).count()).toBe(3);
    await page.screenshot({ path: path.join(shots, 'resend-1-server-down.png'), fullPage: true });

    server = await start(dataDir, port);
    // Within 10 s of the server answering again, without a tap: no bubble waits any more.
    await page.locator('.row.pending').first().waitFor({ state: 'detached', timeout: 10_000 });
    for (const text of texts) await page.locator('.row.mine:not(.pending)', { hasText: text }).waitFor({ timeout: 10_000 });
    outage = false;
    await page.screenshot({ path: path.join(shots, 'resend-2-server-back.png'), fullPage: true });

    const token = (JSON.parse((await page.evaluate<string | null>("localStorage.getItem('demo:r001:kefu.session')")) ?? '{}') as { token: string }).token;
    const conversationId = await page.evaluate<string>("localStorage.getItem('demo:r001:kefu.conversation')");
    const history = await call(url, 'GET', `/v1/conversations/${conversationId}/messages?limit=100`, { token });
    const mine = (history.json['messages'] as { sender: { role: string }; body: { text?: string } }[]).filter((m) => m.sender.role === 'user').map((m) => m.body.text);
    // In order, once each.
    expect(mine).toEqual(['你好', ...texts]);
    expect(problems).toEqual([]);
  });
});
