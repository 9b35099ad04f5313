import type { Browser } from 'playwright-core';
import { staffLogin, userLogin, type TestServer } from '../helpers/testServer';
import { consoleInChromium, logIn, openConsole } from '../helpers/consoleBrowser';

jest.setTimeout(180_000);

/** One panel failing leaves the rest of the workbench working; a dead session goes back to the login (issue 19). */
describe('console resilience in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  consoleInChromium((s, b) => ((server = s), (browser = b)));

  async function handOff(userId: string, text: string): Promise<{ id: string; token: string }> {
    const token = await userLogin(server, userId);
    const id = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: 'r1', text } });
    await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: 'r2', text: '转人工' } });
    return { id, token };
  }

  it('a customer record the panels cannot draw fails those panels only: transcript, ticket and reply still work', async () => {
    const { page, errors, shot } = await openConsole(browser, server, 'console/resilience');
    // The customer-data API answers a record with no transaction list (a broken merchant API).
    await page.route('**/v1/agent/customers/**', (route) => route.fulfill({ json: { available: true, profile: { userId: 'u003', name: '李娜', vipTier: 0, phone: '138****0003', city: '北京' }, transactions: null, devices: [], loginsByProvince: {} } }));
    await logIn(page, 'xiaowang');
    const c = await handOff('u003', '昨天转账200元对方没收到');
    await page.locator('.panel-failed-customer').waitFor();
    expect(await page.locator('.panel-failed-customer').innerText()).toContain('这部分出错了');
    await page.locator('.panel-failed-customer .panel-retry', { hasText: /重\s*试/ }).waitFor();
    await page.locator('.open-security').click();
    await page.locator('.panel-failed-security').waitFor();
    // The rest goes on: the ticket, the transcript and the reply.
    await page.locator('.ticket-amount', { hasText: '200元' }).waitFor();
    await page.fill('#composer', '您好,我来帮您查一下');
    await page.locator('.send').click();
    await page.locator('.transcript .msg-agent', { hasText: '我来帮您查一下' }).waitFor();
    const events = await server.call('GET', `/v1/conversations/${c.id}/events?after=0&timeout=0`, { token: c.token });
    expect(JSON.stringify(events.json)).toContain('我来帮您查一下');
    await shot('panel-failed');
    // The boundary handled it: a warning, no page error, no console error.
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a reply that is not sent comes back into the composer; a reply the conversation moved away from is flagged as a note', async () => {
    const { page, errors, shot } = await openConsole(browser, server, 'console/resilience');
    await logIn(page, 'xiaowang');
    const c = await handOff('u005', '昨天转账300元对方没收到');
    // This conversation, not another of xiaowang's (the first test's is still his).
    await page.locator(`.inbox-item[data-id="${c.id}"]`).click();
    await page.locator('.transcript', { hasText: '昨天转账300元对方没收到' }).waitFor();
    // The customer's 历史会话 leaves out the conversation on screen (u005 has no other).
    await page.locator('.past-conversations').waitFor();
    expect(await page.locator('.past-conversations .row').count()).toBe(0);
    await page.locator('.send', { hasText: /发\s*送/ }).waitFor();
    // The first send fails at the server (a refusal): the text is not lost with it.
    let refused = false;
    await page.route(`**/v1/agent/conversations/${c.id}/messages`, (route) => {
      if (refused) return route.continue();
      refused = true;
      return route.fulfill({ status: 409, json: { code: 'CONFLICT', message: '会话刚刚被修改,请重试' } });
    });
    await page.fill('#composer', '您好,这笔300元我来帮您查');
    await page.locator('.send').click();
    await page.getByText('会话刚刚被修改,请重试').waitFor();
    expect(await page.locator('#composer').inputValue()).toBe('您好,这笔300元我来帮您查');
    await page.locator('.send').click();
    await page.locator('.transcript .msg-agent', { hasText: '这笔300元我来帮您查' }).waitFor();
    expect(await page.locator('#composer').inputValue()).toBe('');

    // A draft typed while a supervisor moves the conversation elsewhere: said, not switched silently.
    await page.fill('#composer', '我先帮您转给同事');
    const supervisor = await staffLogin(server, 'chenzhuguan');
    expect((await server.call('POST', `/v1/agent/conversations/${c.id}/transfer`, { token: supervisor, body: { toGroupId: 'wealth' } })).status).toBe(200);
    await page.locator('.reply-now-note').waitFor();
    expect(await page.locator('#composer').inputValue()).toBe('我先帮您转给同事');
    await shot('reply-now-note');
    // The refused send's own resource error is the only console error.
    expect(errors.filter((e) => !e.includes('409'))).toEqual([]);
    await page.close();
  });

  it('a session ended in the middle of the work (全部下线) lands on the login page with 登录已过期', async () => {
    const { page, errors, shot } = await openConsole(browser, server, 'console/resilience-session');
    await logIn(page, 'laozhang');
    await page.locator('.presence-switch').waitFor();
    const admin = await staffLogin(server, 'admin');
    expect((await server.call('POST', '/v1/merchant/staff/laozhang/logout-all', { token: admin })).status).toBe(204);
    // The next request of any panel gets 401 and the app goes back to the login.
    await page.locator('.session-expired', { hasText: '登录已过期,请重新登录' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('.ant-layout-header').count()).toBe(0);
    expect(await page.evaluate<string | null>("sessionStorage.getItem('kefu.console.session')")).toBeNull();
    await shot('session-expired');
    // Logging in again works and the notice is gone.
    await logIn(page, 'laozhang');
    expect(await page.locator('.session-expired').count()).toBe(0);
    // Chromium reports each refused request as a failed resource load; nothing else may appear.
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await page.close();
  });
});
