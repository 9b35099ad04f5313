import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { consoleInChromium } from '../helpers/consoleBrowser';
import { staffLogin, userLogin, type TestServer } from '../helpers/testServer';

jest.setTimeout(120_000);

const shots = path.resolve(__dirname, '../../test-artifacts/console');

/**
 * The console's 留言 tab in Chromium: an agent sees what a waiting user left (the call-back number
 * masked), answers it, and the answer is in the user's conversation; the ticket moves to 已回复.
 */
describe('console 留言 tab in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  consoleInChromium((s, b) => ((server = s), (browser = b)));
  beforeAll(() => {
    mkdirSync(shots, { recursive: true });
  });

  it('lists a 留言 with the number masked for an agent without the customer-data grant, and the answer reaches the user', async () => {
    // (An agent with the grant gets the call-back number whole: test/api/leaveMessage.test.ts.)
    await server.call('POST', '/v1/merchant/staff/xiaoli/revoke-customer-data', { token: await staffLogin(server, 'admin') });
    const user = await userLogin(server, 'u012');
    const id = (await server.call('POST', '/v1/conversations', { token: user, body: { channel: 'h5' } })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { clientMessageId: 'h1', text: '转人工', intent: 'human' } });
    const left = await server.call('POST', `/v1/conversations/${id}/leave-message`, { token: user, body: { clientMessageId: 'l1', text: '退款一直没到账,请回电话', contact: 'phone', phone: '13912345678' } });
    expect(left.status).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    // Zero page errors, console errors (antd's static message logs one per notice; the page uses the
    // console's toast) and failed responses over the whole run.
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
    page.on('response', (r) => r.status() >= 400 && errors.push(`response: ${r.status()} ${r.url()}`));
    await page.goto(`${server.url}/console/`);
    await page.fill('#login-username', 'xiaoli');
    await page.fill('#login-password', 'Kefu@2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.locator('.ant-menu-item', { hasText: '留言' }).click();
    const row = page.locator('.leave-messages tr', { hasText: '退款一直没到账,请回电话' });
    await row.waitFor();
    expect(await row.innerText()).toContain('电话回访 139****5678');
    // The user by name, masked like the number for an agent without the grant (not u012: walk finding).
    await row.getByText('孙*').waitFor();
    expect(await row.innerText()).not.toContain('u012');
    expect(await row.innerText()).not.toContain('13912345678');
    await row.locator('.leave-answer').fill('您好,退款已原路退回,预计 1-3 个工作日到账');
    // The box grows with the answer (antd resizes it a frame later): no line of it is cut off, and
    // the screenshot shows it grown rather than mid-resize.
    await page.waitForFunction("(() => { const t = document.querySelector('.leave-answer'); return !!t && t.scrollHeight <= t.clientHeight + 1 && t.clientHeight > 40; })()", undefined, { timeout: 5000 });
    await page.screenshot({ path: path.join(shots, 'leave-messages-open.png'), fullPage: true });
    await row.locator('.leave-send').click();
    await page.getByText('已回复,用户会在对话中看到').waitFor();
    await row.waitFor({ state: 'detached' });
    await page.locator('.ant-tabs-tab', { hasText: '已回复' }).click();
    await page.locator('.leave-messages tr', { hasText: '您好,退款已原路退回' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'leave-messages-answered.png'), fullPage: true });

    const history = (await server.call('GET', `/v1/conversations/${id}/messages`, { token: user })).json['messages'] as { sender: { role: string }; body: { text?: string } }[];
    expect(history.at(-1)).toMatchObject({ sender: { role: 'agent' }, body: { text: '您好,退款已原路退回,预计 1-3 个工作日到账' } });
    expect(errors).toEqual([]);
    await page.close();
  });
});
