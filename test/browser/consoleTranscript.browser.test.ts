import type { Browser } from 'playwright-core';
import { userLogin, type TestServer } from '../helpers/testServer';
import { consoleInChromium, logIn, openConsole } from '../helpers/consoleBrowser';

jest.setTimeout(180_000);

const atBottom = "(() => { const t = document.querySelector('.transcript'); return t.scrollHeight - t.scrollTop - t.clientHeight < 4; })()";

/** The transcript at 1366x768 (issue 19 item 6): opens at the latest message, follows new ones, a 新消息 pill when scrolled up. */
describe('the transcript in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  consoleInChromium((s, b) => ((server = s), (browser = b)));

  it('a long conversation opens at its latest message; scrolled up, new messages wait behind a pill', async () => {
    const user = await userLogin(server, 'u007');
    const c = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    let n = 0;
    const say = (text: string) => server.call('POST', `/v1/conversations/${c}/messages`, { token: user, body: { clientMessageId: `t${++n}`, text } });
    await say('付款一直失败,转人工');
    for (let i = 1; i <= 24; i++) await say(`补充说明第${i}条:付款页面一直转圈`);

    const { page, errors, shot } = await openConsole(browser, server, 'console/transcript');
    await logIn(page, 'xiaowang');
    await page.locator('.transcript .msg-user', { hasText: '补充说明第24条' }).waitFor();
    await page.waitForFunction(atBottom);
    expect(await page.evaluate<boolean>("(() => { const t = document.querySelector('.transcript'); return t.scrollHeight > t.clientHeight + 200; })()")).toBe(true);
    await shot('opened-at-latest');

    // At the bottom, a new message is followed.
    await say('补充说明第25条:换了网络也不行');
    await page.locator('.transcript .msg-user', { hasText: '第25条' }).waitFor();
    await page.waitForFunction(atBottom);
    expect(await page.locator('.new-messages').count()).toBe(0);

    // Scrolled up to read, the agent stays put and gets the pill.
    await page.evaluate("document.querySelector('.transcript').scrollTo({ top: 0 })");
    await page.waitForTimeout(100);
    await say('补充说明第26条:还扣了我一次钱');
    await page.locator('.new-messages', { hasText: '新消息' }).waitFor();
    expect(await page.evaluate<number>("document.querySelector('.transcript').scrollTop")).toBeLessThan(50);
    await shot('new-messages-pill');
    await page.locator('.new-messages').click();
    await page.waitForFunction(atBottom);
    expect(await page.locator('.new-messages').count()).toBe(0);

    // Resolved: nothing more can be written.
    await page.locator('.resolve').click();
    await page.locator('.conversation-title', { hasText: '已解决' }).waitFor();
    expect(await page.locator('.send').isDisabled()).toBe(true);
    await shot('resolved');
    expect(errors).toEqual([]);
    await page.close();
  });
});
