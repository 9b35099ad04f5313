import type { Browser } from 'playwright-core';
import { consoleInChromium, logIn, openConsole } from '../helpers/consoleBrowser';
import { staffLogin, userLogin, type TestServer } from '../helpers/testServer';

jest.setTimeout(150_000);

interface Listed {
  id: string;
  name: string;
  examples: string[];
  origin: string;
}

/**
 * The routing page's scenario rules and scenario taxonomy in Chromium at 1366x768 (issue 21 item
 * 8): an admin sees the demo's cross-border rule, narrows it to card payments refused abroad with a
 * Visa card, teaches a scenario a new example and adds one of their own; routing follows at once.
 */
describe('console: scenario rules and the scenario taxonomy', () => {
  let server: TestServer;
  let browser: Browser;
  consoleInChromium((s, b) => ((server = s), (browser = b)));

  it('edits a rule and the taxonomy; a conversation of the new scenario goes to the rule\'s group', async () => {
    const admin = await staffLogin(server, 'admin');
    const { page, errors, shot } = await openConsole(browser, server, 'scenario-settings');
    page.on('response', (r) => r.status() >= 400 && errors.push(`response: ${r.status()} ${r.url()}`));
    await logIn(page, 'admin');
    await page.goto(`${server.url}/console/#/settings`);
    await page.getByRole('tab', { name: '分配规则' }).click();

    // The demo's rule: cross-border scenarios naming a country go to 国际支付.
    const rules = page.locator('.scenario-rules');
    await rules.locator('.rule-name input, input.rule-name').first().waitFor();
    expect(await rules.locator('input.rule-name').first().inputValue()).toBe('境外支付');
    await rules.scrollIntoViewIfNeeded();
    await shot('rules');

    // A second rule: the merchant's own scenario (added below) to 国际支付 as well.
    await page.locator('.add-scenario-rule').click();
    const second = rules.locator('tbody tr').nth(1);
    await second.locator('input.rule-name').fill('咖啡豆');

    // The taxonomy: 210 default scenarios; search, edit one, add one.
    const taxonomy = page.locator('.scenario-taxonomy');
    await taxonomy.getByText('业务场景 (210)').waitFor();
    await page.locator('#scenario-search').fill('境外消费被拒付');
    const row = taxonomy.locator('tbody tr', { hasText: '境外消费被拒付' });
    await row.waitFor();
    await row.locator('.edit-scenario').click();
    await page.locator('#scenario-examples').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n在迪拜商场刷卡被拒');
    await shot('edit-scenario');
    await page.locator('.save-scenario').click();
    await taxonomy.locator('tbody tr', { hasText: '已修改' }).waitFor();

    await page.locator('.new-scenario').click();
    await page.locator('.ant-modal .ant-select').first().click();
    await page.locator('.ant-select-item-option', { hasText: '商家收款' }).click();
    // The category shows as picked before the id is typed: the id is saved under it.
    await page.locator('.ant-modal .ant-select', { hasText: '商家收款' }).waitFor();
    await page.locator('#scenario-id').fill('coffeeBeans');
    await page.locator('#scenario-name').fill('咖啡豆批发');
    await page.locator('#scenario-examples').fill('咖啡豆批发价\n大量采购咖啡豆\n咖啡豆进货渠道');
    await page.locator('.save-scenario').click();
    await page.locator('#scenario-search').fill('咖啡豆');
    await taxonomy.locator('tbody tr', { hasText: '自定义' }).waitFor();
    await shot('taxonomy');

    // The new scenario in the second rule, to 国际支付, saved with the routing settings.
    await second.locator('.rule-scenarios').click();
    await page.keyboard.type('咖啡豆');
    await page.locator('.ant-select-item-option', { hasText: '咖啡豆批发' }).click();
    await page.keyboard.press('Escape');
    await second.locator('.rule-group').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '国际支付' }).click();
    await page.locator('.save-routing').click();
    await page.getByText('已保存').first().waitFor();
    await rules.scrollIntoViewIfNeeded();
    await shot('saved');

    const listed = (await server.call('GET', '/v1/merchant/scenarios', { token: admin })).json['scenarios'] as Listed[];
    expect(listed.find((s) => s.id === 'payment.crossBorderDeclined')).toMatchObject({ origin: 'edited' });
    expect(listed.find((s) => s.id === 'payment.crossBorderDeclined')?.examples).toContain('在迪拜商场刷卡被拒');
    expect(listed.find((s) => s.id === 'merchant.coffeeBeans')).toMatchObject({ origin: 'custom', name: '咖啡豆批发' });
    const settings = (await server.call('GET', '/v1/merchant/settings/routing', { token: admin })).json as { scenarioRules: { name: string; scenarios: string[]; groupId: string }[] };
    expect(settings.scenarioRules[1]).toMatchObject({ name: '咖啡豆', scenarios: ['merchant.coffeeBeans'], groupId: 'intl' });

    // Routing follows at once: the merchant's scenario and the demo's cross-border case both reach 国际支付.
    const routed = async (userId: string, text: string) => {
      const token = await userLogin(server, userId);
      const id = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
      await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: 'm1', text } });
      await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: 'm2', text: '转人工', intent: 'human' } });
      return (await server.call('GET', `/v1/conversations/${id}`, { token: admin })).json['routing'] as { groupId: string; layer: string };
    };
    expect(await routed('u041', '想批发一批咖啡豆 怎么联系')).toMatchObject({ groupId: 'intl', layer: 'scenario' });
    expect(await routed('u042', '我在日本用visa信用卡付款被拒了')).toMatchObject({ groupId: 'intl', layer: 'scenario' });
    expect(errors).toEqual([]);
  });
});
