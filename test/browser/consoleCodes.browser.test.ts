import type { Browser, Page } from 'playwright-core';
import { userLogin, type TestServer } from '../helpers/testServer';
import { consoleInChromium, logIn, openConsole } from '../helpers/consoleBrowser';

jest.setTimeout(180_000);

/**
 * The codes the console stores and once printed as they are (issue 19): statuses, categories,
 * presence, roles, bot decision reasons, risk flags, device fields, transaction statuses, entry
 * button fields. None may show in the Chinese UI; each has its name in web/console/src/i18n.ts.
 */
const CODES = [
  'bot', 'queued', 'assigned', 'resolved', 'rated', 'abandoned',
  'payment', 'transfer', 'refund', 'bill', 'credit', 'wealth', 'account', 'life', 'merchant', 'other',
  'online', 'busy', 'away', 'offline', 'agent', 'supervisor',
  'confident', 'close', 'lowConfidence', 'explicitRequest', 'emptyKnowledgeBase', 'unresolvedTwice', 'leftMessage',
  'newDevice', 'newCity', 'nightTime', 'largeAmount', 'rapidSuccession',
  'model', 'os', 'carrier', 'timezone', 'language', 'screen', 'appVersion',
  'success', 'failed', 'pending',
  'top-left', 'top-right', 'bottom-left', 'bottom-right', 'badge', 'offsetX', 'offsetY', 'icon',
];
/** A code as a word of its own (not inside another identifier or a URL path). */
const codeWord = new RegExp(`(?<![A-Za-z0-9_./-])(${CODES.map((c) => c.replace(/[-]/g, '\\-')).join('|')})(?![A-Za-z0-9_-])`, 'g');
/** A kebab-case identifier such as an FAQ id (payment-failed, bill-query). */
const kebabId = /(?<![A-Za-z0-9_./-])[a-z]+(?:-[a-z]+)+(?![A-Za-z0-9_-])/g;
/**
 * Identifiers the merchant typed in and needs to see as they are: Alipay subscription template
 * ids (消息接入). They are data, not codes of ours.
 */
const MERCHANT_DATA = new Set(['demo-reply-once']);

function codesIn(text: string): string[] {
  return [...new Set([...(text.match(codeWord) ?? []), ...(text.match(kebabId) ?? []).filter((id) => !MERCHANT_DATA.has(id))])];
}

describe('no English code in the Chinese console', () => {
  let server: TestServer;
  let browser: Browser;
  consoleInChromium((s, b) => ((server = s), (browser = b)));
  beforeAll(async () => {
    // Conversations in several states: an account case and a transfer case handed off, one with
    // the bot, and a wealth case that waits (xiaoli, of the wealth group, is not logged in).
    for (const [userId, texts] of [['u013', ['我的账号被盗了,半夜有人登录我的账户转走了钱', '转人工']], ['u001', ['昨天转账350元对方没收到', '转人工']], ['u002', ['退款什么时候到账']], ['u005', ['我买的基金怎么赎回', '转人工']]] as const) {
      const token = await userLogin(server, userId);
      const c = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
      for (const [i, text] of texts.entries()) await server.call('POST', `/v1/conversations/${c}/messages`, { token, body: { clientMessageId: `c${i}`, text } });
    }
  });

  /** The page's rendered text (what a person reads), checked for codes. */
  async function check(page: Page, where: string, found: Record<string, string[]>): Promise<void> {
    await page.waitForTimeout(300);
    // antd's selects keep an invisible list for screen readers whose text is each option's value;
    // what is read out is its aria-label (the option's name), so that text is left out here.
    const text = await page.evaluate<string>(`(() => {
      const spoken = [...document.querySelectorAll('[role="listbox"] [role="option"][aria-label]')];
      for (const el of spoken) el.style.display = 'none';
      const shown = document.body.innerText;
      for (const el of spoken) el.style.display = '';
      return shown;
    })()`);
    const codes = codesIn(text);
    if (codes.length) found[where] = codes;
  }

  it('walks every console page as an agent and as an admin and finds none', async () => {
    const found: Record<string, string[]> = {};
    const agent = await openConsole(browser, server, 'console/codes-agent');
    await logIn(agent.page, 'laozhang');
    // laozhang is 在线 on login and gets the account case (and the diamond VIP's): opening the
    // account case brings its security tab to the front.
    await agent.page.locator('.inbox-item', { hasText: '胡军' }).click();
    await agent.page.locator('.security-view .fingerprint').waitFor();
    await agent.page.locator('.risk-timeline .flag-newDevice').first().waitFor();
    await check(agent.page, 'workbench, security tab', found);
    await agent.shot('agent-security');
    await agent.page.locator('.tab-customer').click();
    await agent.page.locator('.customer-panel').waitFor();
    await check(agent.page, 'workbench, customer tab', found);
    await agent.page.locator('.ticket-category').click();
    await check(agent.page, 'workbench, category select', found);
    await agent.page.keyboard.press('Escape');
    await agent.page.locator('.presence-switch').click();
    await check(agent.page, 'presence switch', found);
    await agent.page.keyboard.press('Escape');
    await agent.page.locator('.ant-tabs-tab', { hasText: '待接入' }).click();
    await agent.page.locator('.inbox-item').first().waitFor();
    await check(agent.page, 'waiting inbox', found);
    await agent.shot('agent-waiting');
    expect(agent.errors).toEqual([]);
    await agent.page.close();

    const admin = await openConsole(browser, server, 'console/codes-admin');
    await logIn(admin.page, 'admin');
    await admin.page.locator('.ant-tabs-tab', { hasText: '全部' }).click();
    await admin.page.locator('.inbox-item').first().waitFor();
    await admin.page.locator('.inbox-item').first().click();
    await admin.page.locator('.ticket-panel').waitFor();
    await check(admin.page, 'all inbox and a colleague’s conversation', found);
    await admin.shot('admin-all');
    await admin.page.goto(`${server.url}/console/#/leaveMessages`);
    await admin.page.locator('.leave-messages').waitFor();
    await check(admin.page, '留言', found);
    await admin.page.goto(`${server.url}/console/#/dashboard`);
    await admin.page.locator('.category-chart canvas').waitFor();
    await admin.page.locator('.agent-list tbody tr').first().waitFor();
    await check(admin.page, 'dashboard', found);
    await admin.shot('dashboard');
    await admin.page.goto(`${server.url}/console/#/settings`);
    await admin.page.locator('.kf-entry-preview').waitFor();
    await admin.page.locator('.entry-placement').click();
    await check(admin.page, 'settings: entry', found);
    await admin.page.keyboard.press('Escape');
    await admin.shot('settings-entry');
    const tabs: [string, string][] = [['知识库', '.faq-table tbody tr'], ['分配规则', '.routing-settings'], ['快捷回复', '.canned-settings'], ['主动服务', '.proactive-settings tbody tr'], ['回复通知', '#notify-templates'], ['员工', '.staff-settings tbody tr']];
    for (const [tab, ready] of tabs) {
      await admin.page.getByRole('tab', { name: tab }).click();
      await admin.page.locator(ready).first().waitFor();
      await check(admin.page, `settings: ${tab}`, found);
      await admin.shot(`settings-${tab}`);
    }
    // The bot's decision in 试一试 names its reason.
    await admin.page.getByRole('tab', { name: '知识库' }).click();
    await admin.page.locator('#faq-trial').fill('花呗怎么还款');
    await admin.page.locator('.faq-trial').getByRole('button', { name: /试一试/ }).click();
    await admin.page.locator('.faq-trial-result').waitFor();
    await check(admin.page, 'settings: FAQ trial', found);
    await admin.page.locator('.faq-table tbody tr a').first().click();
    await admin.page.locator('.faq-category').waitFor();
    await check(admin.page, 'settings: FAQ edit', found);
    await admin.shot('settings-faq-edit');
    expect(found).toEqual({});
    expect(admin.errors).toEqual([]);
    await admin.page.close();
  });
});
