import type { Browser } from 'playwright-core';
import { staffLogin, userLogin, type TestServer } from '../helpers/testServer';
import { consoleInChromium, logIn, openConsole } from '../helpers/consoleBrowser';

jest.setTimeout(180_000);

/** Presence, the session's refresh and two people on one conversation, in the console (issue 19 items 2, 3, 7). */
describe('console presence, session refresh and collisions in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: string;
  // Tokens live 305 s: the console trades them 5 minutes before expiry, so 5 s after login.
  consoleInChromium((s, b) => ((server = s), (browser = b)), { KEFU_SESSION_TTL_SECONDS: '305' });
  beforeAll(async () => {
    admin = await staffLogin(server, 'admin');
  });

  const presenceOf = async (agentId: string) => ((await server.call('GET', '/v1/stats/live', { token: admin })).json['agentList'] as { agentId: string; status: string }[]).find((a) => a.agentId === agentId)?.status;

  it('the status switch reaches routing and the dashboard; idle minutes make it 小休; the token is refreshed before it expires', async () => {
    await server.call('PUT', '/v1/merchant/settings/presence', { token: admin, body: { onlineOnLogin: true, autoAwayMinutes: 1 } });
    const { page, errors, shot } = await openConsole(browser, server, 'console/presence');
    // The page's clock is ours to move (the server's is not): idle minutes pass in an instant.
    await page.clock.install();
    await logIn(page, 'xiaoli');
    await page.locator('.presence-switch .presence-online').waitFor();
    expect(await presenceOf('xiaoli')).toBe('online');
    const firstToken = await page.evaluate<string>("JSON.parse(sessionStorage.getItem('kefu.console.session')).token");

    // 忙碌 by hand: routing and the dashboard see it.
    await page.locator('.presence-switch').click();
    await page.locator('.ant-select-item-option', { hasText: '忙碌' }).click();
    await page.locator('.presence-switch .presence-busy').waitFor();
    expect(await presenceOf('xiaoli')).toBe('busy');
    const user = await userLogin(server, 'u006');
    const c = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${c}/messages`, { token: user, body: { clientMessageId: 'p1', text: '我买的基金怎么赎回' } });
    await server.call('POST', `/v1/conversations/${c}/messages`, { token: user, body: { clientMessageId: 'p2', text: '转人工' } });
    expect((await server.call('GET', `/v1/conversations/${c}`, { token: admin })).json['status']).toBe('queued');
    // Back 在线: the waiting wealth case is assigned at once and opens by itself.
    await page.locator('.presence-switch').click();
    await page.locator('.ant-select-item-option', { hasText: '在线' }).click();
    await page.locator('.conversation-title', { hasText: '服务中' }).waitFor();
    expect((await server.call('GET', `/v1/conversations/${c}`, { token: admin })).json['assigneeId']).toBe('xiaoli');
    await shot('online-assigned');

    // Two idle minutes: 在线 becomes 小休, and the dashboard says so.
    await page.clock.fastForward('02:00');
    await page.locator('.presence-switch .presence-away').waitFor();
    expect(await presenceOf('xiaoli')).toBe('away');
    await shot('auto-away');
    // The refresh ran meanwhile (5 s before the 5-minute mark of a 305 s token): a new token.
    await page.clock.fastForward('00:10');
    await page.waitForFunction(`JSON.parse(sessionStorage.getItem('kefu.console.session')).token !== ${JSON.stringify(firstToken)}`);
    // Logging out is going offline.
    await page.locator('.logout').click();
    await page.locator('#login-username').waitFor();
    expect(await presenceOf('xiaoli')).toBe('offline');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("only the assignee replies; a supervisor sees who handles it, whispers a note and takes it over", async () => {
    await server.call('PUT', '/v1/merchant/settings/presence', { token: admin, body: { onlineOnLogin: true, autoAwayMinutes: 10 } });
    const agent = await staffLogin(server, 'xiaowang');
    await server.call('PUT', '/v1/agent/presence', { token: agent, body: { status: 'online' } });
    const user = await userLogin(server, 'u004');
    const c = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${c}/messages`, { token: user, body: { clientMessageId: 'q1', text: '付款失败了怎么办' } });
    await server.call('POST', `/v1/conversations/${c}/messages`, { token: user, body: { clientMessageId: 'q2', text: '转人工' } });
    expect((await server.call('GET', `/v1/conversations/${c}`, { token: admin })).json['assigneeId']).toBe('xiaowang');

    const { page, errors, shot } = await openConsole(browser, server, 'console/collision', { width: 1920, height: 1080 });
    await logIn(page, 'chenzhuguan');
    await page.locator('.ant-tabs-tab', { hasText: '全部' }).click();
    await page.locator(`.inbox-item[data-id="${c}"]`).click();
    await page.locator('.handled-by', { hasText: '正在处理: 小王' }).waitFor();
    // The reply is the assignee's: the supervisor writes a whisper (a note the user never sees).
    expect(await page.locator('.composer-mode .ant-segmented-item-disabled').innerText()).toContain('回复用户');
    await page.fill('#composer', '注意核实付款渠道');
    await page.locator('.send').click();
    await page.locator('.transcript .note-text', { hasText: '注意核实付款渠道' }).waitFor();
    const userView = await server.call('GET', `/v1/conversations/${c}/events?after=0&timeout=0`, { token: user });
    expect(JSON.stringify(userView.json)).not.toContain('注意核实付款渠道');
    // The server refuses a reply from anyone but the assignee.
    const sup = await staffLogin(server, 'chenzhuguan');
    expect((await server.call('POST', `/v1/agent/conversations/${c}/messages`, { token: sup, body: { clientMessageId: 'x1', text: '插话' } })).json['code']).toBe('NOT_ASSIGNEE');
    await shot('whisper');

    await page.locator('.take-over').click();
    await page.locator('.conversation .assignee', { hasText: '陈主管' }).waitFor();
    expect(await page.locator('.handled-by').count()).toBe(0);
    await page.locator('.composer-mode').getByText('回复用户').click();
    await page.fill('#composer', '您好,我是主管,由我继续为您处理');
    await page.locator('.send').click();
    await page.locator('.transcript .msg-agent', { hasText: '由我继续为您处理' }).waitFor();
    await shot('taken-over');
    expect(errors).toEqual([]);
    await page.close();
  });
});
