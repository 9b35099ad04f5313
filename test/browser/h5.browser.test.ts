import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createFunctionApp } from '../../functions/_http/createFunctionApp';
import { allRoutes } from '../../scripts/dev/allRoutes';
import { devIndexRoutes } from '../../scripts/dev/devIndexRoutes';
import { startTestServer, staffLogin, type TestServer } from '../helpers/testServer';
import { png } from '../helpers/mediaFixtures';

jest.setTimeout(90_000);

const shots = path.resolve(__dirname, '../../test-artifacts/h5');

/**
 * The H5 chat in real Chromium (Debian's, via playwright-core) at a phone viewport against the
 * local system, with a second origin serving the same API as the backup domain.
 */
describe('H5 chat page in Chromium', () => {
  let server: TestServer;
  let backup: ServerType;
  let backupUrl: string;
  let browser: Browser;
  let page: Page;
  let step = 0;
  /** Page errors and console errors while the page talks to a working API. */
  const errors: string[] = [];
  const billUrl = 'https://m.example.com/bill?from=kefu';
  const shot = async (name: string) => page.screenshot({ path: path.join(shots, `${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    // The page long-polls for 20 s, as it would against a deployed backend.
    server = await startTestServer({ KEFU_LONGPOLL_TIMEOUT_MS: '25000' });
    const app = createFunctionApp('backup', server.deps, ...Object.values(allRoutes), devIndexRoutes);
    backup = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    backupUrl = `http://127.0.0.1:${(backup.address() as AddressInfo).port}`;
    // A fake microphone (a test tone) that needs no permission prompt, for the voice button.
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
    // The merchant's H5 page of 查看账单 (issue 20 item 4); 去还款 is left without one.
    const admin = await staffLogin(server, 'admin');
    const links = await server.call('PUT', '/v1/merchant/settings/action-links', { token: admin, body: { links: [{ path: '/pages/bill/index', url: billUrl }] } });
    expect(links.status).toBe(200);
    // That page, served here: nothing leaves the machine.
    await page.context().route('https://m.example.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>账单</title><h1>账单</h1>' }));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => backup?.close(r));
    await server?.stop();
  });

  const say = async (text: string) => {
    await page.fill('#input', text);
    await page.click('#send');
  };

  it('asks, gets the bot answer, reaches a human, keeps working over the backup domain, and rates', async () => {
    await page.goto(`${server.url}/h5/?tenant=demo&user=u019&backup=${encodeURIComponent(backupUrl)}`);
    await page.getByText('猜你想问').waitFor();
    await shot('opened');

    // A double tap on 发送 sends once (the rows counted below).
    await page.fill('#input', '花呗怎么还款');
    await page.dblclick('#send');
    await page.locator('.card h4', { hasText: '花呗怎么还款' }).waitFor();
    await page.getByRole('button', { name: '解决了' }).waitFor();
    await shot('faq-answer');

    // A guide button with neither a link nor a merchant's H5 address cannot open here, and the page
    // says so. Asked of the bot again it put the same card under the one just read (walk finding);
    // its words alone (去还款) were answered with 借呗's entry.
    await page.getByRole('button', { name: '去还款' }).first().click();
    await page.locator('#error', { hasText: '请在支付宝小程序中使用此功能' }).waitFor();
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.locator('.card h4').allTextContents()).toEqual(['花呗怎么还款']);
    expect(await page.locator('.row.mine').allTextContents()).toEqual(['花呗怎么还款']);
    await shot('action-not-here');

    // 查看账单 has the merchant's H5 address: the page opens it, and nothing goes to the bot.
    await say('转账成功了对方没收到怎么办');
    await page.locator('.card h4', { hasText: '转账成功了对方没收到怎么办' }).waitFor();
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: '查看账单' }).click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(billUrl);
    await popup.close();
    expect(await page.locator('.row.mine').count()).toBe(2);
    await shot('action-link');
    expect(errors).toEqual([]);

    await page.click('#human');
    await page.getByText('正在为您转接人工客服,请稍候').waitFor();
    await shot('queued');

    const agent = await staffLogin(server, 'xiaoli');
    const inbox = await server.call('GET', '/v1/agent/inbox?box=waiting', { token: agent });
    const conversation = (inbox.json['conversations'] as { id: string; userId: string }[]).find((c) => c.userId === 'u019')!;
    expect(conversation).toBeDefined();
    await server.call('POST', `/v1/agent/conversations/${conversation.id}/claim`, { token: agent });
    await server.call('POST', `/v1/agent/conversations/${conversation.id}/messages`, { token: agent, body: { clientMessageId: 'a1', text: '您好,我是小李,这就帮您看看花呗' } });
    await page.getByText('您好,我是小李,这就帮您看看花呗').waitFor();
    await shot('agent-reply');

    // The same user on a second device (a new browser, nothing stored): the conversation with
    // 小李 goes on there, with its history, and what is typed there reaches it (walk finding).
    const tablet = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN' });
    const other = await tablet.newPage();
    const otherErrors: string[] = [];
    other.on('pageerror', (e) => otherErrors.push(`pageerror: ${e.message}`));
    other.on('console', (m) => void (m.type() === 'error' && otherErrors.push(`console: ${m.text()}`)));
    await other.goto(`${server.url}/h5/?tenant=demo&user=u019`);
    await other.getByText('您好,我是小李,这就帮您看看花呗').waitFor();
    expect(await other.getByText('猜你想问').count()).toBe(0);
    expect(await other.evaluate<string>("localStorage.getItem('demo:u019:kefu.conversation')")).toBe(conversation.id);
    await other.fill('#input', '我换了台手机');
    await other.click('#send');
    await page.getByText('我换了台手机').waitFor();
    await other.screenshot({ path: path.join(shots, `${String(++step).padStart(2, '0')}-second-device.png`), fullPage: true });
    expect(otherErrors).toEqual([]);
    await tablet.close();

    // The primary API origin goes dark (the page itself stays loaded).
    await page.route(`${server.url}/v1/**`, (route) => route.abort('connectionrefused'));
    await say('网络不好,还在吗');
    await page.getByText('网络波动,已切换备用线路').waitFor({ timeout: 30_000 });
    const agentSees = async (text: string) => {
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
        const history = await server.call('GET', `/v1/conversations/${conversation.id}/messages`, { token: agent });
        if ((history.json['messages'] as { body: { text?: string } }[]).some((m) => m.body.text === text)) return true;
      }
      return false;
    };
    expect(await agentSees('网络不好,还在吗')).toBe(true);
    await server.call('POST', `/v1/agent/conversations/${conversation.id}/messages`, { token: agent, body: { clientMessageId: 'a2', text: '在的,请放心' } });
    await page.getByText('在的,请放心').waitFor({ timeout: 30_000 });
    await shot('backup-domain');

    // The phone loses its network: the banner says so (not 客服繁忙), and what is typed meanwhile
    // goes out when the network is back.
    await page.context().setOffline(true);
    await page.locator('#banner', { hasText: '网络已断开,恢复后自动发送' }).waitFor();
    await say('地铁里没信号');
    expect(await page.getByText('客服繁忙').count()).toBe(0);
    await shot('offline');
    await page.context().setOffline(false);
    expect(await agentSees('地铁里没信号')).toBe(true);
    await page.locator('#banner', { hasText: '网络已断开' }).waitFor({ state: 'detached' });

    // The agent ends the conversation; the user rates it (still over the backup domain).
    await server.call('POST', `/v1/agent/conversations/${conversation.id}/resolve`, { token: agent });
    await page.getByText('请为本次服务评价').waitFor({ timeout: 30_000 });
    // The page reloads before the user rates: the conversation and its card are still there.
    await page.reload();
    await page.getByText('请为本次服务评价').waitFor({ timeout: 30_000 });
    await page.getByText('在的,请放心').waitFor();
    await page.getByRole('radio', { name: '4 星' }).click();
    await page.fill('#rating-comment', '回复很快');
    await shot('rating');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价').waitFor({ timeout: 30_000 });
    // Rated: the card is gone.
    await page.getByText('请为本次服务评价').waitFor({ state: 'detached', timeout: 30_000 });
    await shot('rated');
    const rated = await server.call('GET', `/v1/conversations/${conversation.id}`, { token: agent });
    expect(rated.json).toMatchObject({ status: 'rated', rating: { stars: 4, comment: '回复很快', complaint: false } });
  });

  it('sends a picture and a voice message, and refuses what is too large, of the wrong type or too short', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
    const shotOf = (name: string) => phone.screenshot({ path: path.join(shots, `${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true });
    try {
      await phone.goto(`${server.url}/h5/?tenant=demo&user=u018`);
      await phone.getByText('猜你想问').waitFor();
      // Voice is behind the keyboard/voice switch.
      await phone.click('#mode');
      await phone.locator('#voice').waitFor({ state: 'visible' });

      await phone.setInputFiles('#image-input', { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.concat([png(8, 8), Buffer.alloc(11 * 1024 * 1024)]) });
      await phone.getByText('图片不能超过 10 MB').waitFor();
      await phone.setInputFiles('#image-input', { name: 'anim.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
      await phone.getByText('仅支持 PNG、JPEG、WebP 图片').waitFor();

      await phone.setInputFiles('#image-input', { name: 'receipt.png', mimeType: 'image/png', buffer: png(120, 80) });
      // Loaded through its signed link: the picture decoded at its real width.
      await phone.waitForFunction("(() => { const img = document.querySelector('#list img.pic'); return !!img && img.complete && img.naturalWidth === 120; })()");
      await phone.getByText('机器人暂时看不懂这张图片', { exact: false }).waitFor();
      await shotOf('picture-sent');

      const voice = phone.locator('#voice');
      const box = (await voice.boundingBox())!;
      await phone.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await phone.mouse.down();
      await phone.waitForTimeout(300);
      await phone.mouse.up();
      await phone.getByText('说话时间太短').waitFor();

      await phone.mouse.down();
      await phone.getByText('松开 发送').waitFor();
      // The overlay: timer, level and the slide-up-to-cancel hint.
      await phone.getByText('松开发送,上滑取消').waitFor();
      await phone.waitForTimeout(1800);
      await phone.locator('#overlay .clock', { hasText: /^0:0[1-9]$/ }).waitFor();
      await shotOf('recording');
      await phone.mouse.up();
      await phone.locator('#list audio').waitFor();
      await phone.getByText('未转写').waitFor();
      await shotOf('voice-sent');

      const token = JSON.parse(await phone.evaluate<string>("localStorage.getItem('demo:u018:kefu.session')")) as { token: string };
      const conversationId = await phone.evaluate<string>("localStorage.getItem('demo:u018:kefu.conversation')");
      const history = await server.call('GET', `/v1/conversations/${conversationId}/messages`, { token: token.token });
      const bodies = (history.json['messages'] as { body: { type: string; mime?: string; durationMs?: number } }[]).map((m) => m.body).filter((b) => b.type === 'voice' || b.type === 'image');
      expect(bodies.map((b) => [b.type, b.mime])).toEqual([['image', 'image/png'], ['voice', 'audio/webm']]);
      expect(bodies[1]!.durationMs).toBeGreaterThan(1000);
    } finally {
      await phone.close();
    }
  });
});
