import type { Browser } from 'playwright-core';
import { staffLogin, userLogin, type TestServer } from '../helpers/testServer';
import { consoleInChromium, logIn, openConsole } from '../helpers/consoleBrowser';

jest.setTimeout(180_000);

type Body = { type: string; items?: { label: string; text: string }[] };
type Event = { type: string; message?: { sender: { role: string }; body: Body; clientMessageId?: string } };

/**
 * The console's side of the self-service flows (issue 22 items 1, 2 and 4) at 1366x768: the
 * transcript shows the status card and the question with buttons as the user saw them, the ticket
 * panel what a flow found and did when it handed off, and the settings page switches a flow off.
 */
describe('console: self-service flows in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  consoleInChromium((s, b) => ((server = s), (browser = b)));

  let n = 0;
  /** A user's conversation: `say` answers the bot's bodies that followed the message. */
  async function chat(userId: string) {
    const token = await userLogin(server, userId);
    const id = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
    const say = async (text: string): Promise<Body[]> => {
      const clientMessageId = `f${++n}`;
      expect((await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId, text } })).status).toBe(201);
      const events = (await server.call('GET', `/v1/conversations/${id}/events?after=0&timeout=0`, { token })).json['events'] as Event[];
      const mine = events.findLastIndex((e) => e.message?.clientMessageId === clientMessageId);
      return events.slice(mine + 1).flatMap((e) => (e.message?.sender.role === 'bot' ? [e.message.body] : []));
    };
    return { id, say };
  }

  it('the ticket panel shows the flow, the transaction and the steps of a hand-off; the transcript the card and the question', async () => {
    // u001 picks one of two failed payments, reads the card, then asks for a human.
    const picked = await chat('u001');
    const [question] = await picked.say('付款失败了是怎么回事');
    expect(question?.type).toBe('choices');
    const topUp = question!.items!.find((i) => i.label.includes('话费充值'))!;
    expect((await picked.say(topUp.text))[0]?.type).toBe('statusCard');
    await picked.say('转人工');
    // u002's refund cannot be found twice: the flow hands off by itself.
    const unsettled = await chat('u002');
    await unsettled.say('退款500块怎么还没到');
    await unsettled.say('500元,上周申请的');

    const { page, errors, shot } = await openConsole(browser, server, 'flows/console-ticket');
    await logIn(page, 'chenzhuguan');
    await page.locator('.ant-tabs-tab', { hasText: '全部' }).click();
    await page.locator(`.inbox-item[data-id="${unsettled.id}"]`).click();
    const panel = page.locator('.ticket-panel');
    await panel.locator('.handoff-flow').waitFor();
    expect(await panel.locator('.handoff-reason').textContent()).toBe('自助查询未解决');
    expect(await panel.locator('.handoff-flow-name').textContent()).toBe('退款进度');
    expect(await panel.locator('.handoff-no-transaction').textContent()).toBe('未查到交易');
    const steps = await panel.locator('.handoff-steps li').allTextContents();
    expect(steps[0]).toBe('识别为:退款进度');
    expect(steps.join(' ')).toContain('仍未查到');
    await shot('ticket-flow-unsettled');

    await page.locator(`.inbox-item[data-id="${picked.id}"]`).click();
    await panel.locator('.handoff-transaction').waitFor();
    expect(await panel.locator('.handoff-reason').textContent()).toBe('用户要求人工');
    expect(await panel.locator('.handoff-flow-name').textContent()).toBe('支付失败');
    const transaction = await panel.locator('.handoff-transaction').textContent();
    for (const part of ['9.90 元', '话费充值', '失败']) expect(transaction).toContain(part);
    // The time as on the card the user saw (11月29日 02:04 there, 11-29 02:04 here), whatever the browser's zone.
    await page.locator('.transcript .status-card').waitFor();
    const onCard = /(\d+)月(\d+)日 (\d\d:\d\d)/.exec((await page.locator('.transcript .status-card .status-facts').textContent()) ?? '')!;
    expect(transaction).toContain(`${onCard[1]!.padStart(2, '0')}-${onCard[2]!.padStart(2, '0')} ${onCard[3]!}`);
    // The reference as the card showed it: masked, never the whole trade number.
    expect(transaction).toMatch(/\d{4}\*{4}\d{4}/);
    expect(transaction).not.toMatch(/\d{12}/);
    expect(await panel.locator('.handoff-steps li').allTextContents()).toContain('用户从几笔中选择了这一笔');

    const transcript = page.locator('.transcript');
    await transcript.locator('.status-card').waitFor();
    expect(await transcript.locator('.status-card .ant-card-head').textContent()).toContain('支付失败');
    expect(await transcript.locator('.status-card .status-facts').textContent()).toContain('银行卡已过期');
    expect(await transcript.locator('.status-card .status-actions').textContent()).toContain('重新支付');
    expect(await transcript.locator('.choices .choice-item').allTextContents()).toHaveLength(2);
    // Read as the user saw them, not as stored.
    expect(await transcript.textContent()).not.toMatch(/statusCard|"type"|choices/);
    await shot('ticket-flow-card');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an admin switches a flow off and words another: the bot then leaves that question to the FAQ', async () => {
    const user = await chat('u008');
    const asked = '我转给刘的500块怎么还没到账';
    expect((await user.say(asked))[0]?.type).toBe('statusCard');

    const { page, errors, shot } = await openConsole(browser, server, 'flows/console-settings');
    await logIn(page, 'admin');
    await page.goto(`${server.url}/console/#/settings`);
    await page.getByRole('tab', { name: '自助查询' }).click();
    const settings = page.locator('.flow-settings');
    await settings.locator('tbody tr').nth(5).waitFor();
    // The six flows by their names (in the catalogue's order, which is the matching order).
    expect((await settings.locator('tbody tr td:first-child').allTextContents()).sort()).toEqual(['支付失败', '订单状态', '账单查询', '转账到账查询', '退款进度', '还款提醒'].sort());
    await shot('flow-settings');
    await settings.locator('.flow-on-transferNotArrived').click();
    await settings.locator('.flow-title-paymentFailed').fill('付款没成功');
    await shot('flow-settings-edited');
    await settings.locator('.save-flows').click();
    await page.getByText('已保存').waitFor();
    await shot('flow-settings-saved');

    const admin = await staffLogin(server, 'admin');
    expect((await server.call('GET', '/v1/merchant/flows', { token: admin })).json).toEqual({ disabled: ['transferNotArrived'], titles: { paymentFailed: '付款没成功' } });
    // The same question in the same conversation: now the FAQ's.
    const after = (await user.say(asked))[0];
    expect(after?.type).not.toBe('statusCard');

    // Read back after a reload: what was saved, not the defaults.
    await page.reload();
    await page.getByRole('tab', { name: '自助查询' }).click();
    await settings.locator('tbody tr').nth(5).waitFor();
    expect(await settings.locator('.flow-on-transferNotArrived').getAttribute('aria-checked')).toBe('false');
    expect(await settings.locator('.flow-title-paymentFailed').inputValue()).toBe('付款没成功');
    // English second: the same page from the text table.
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('tab', { name: 'Self-service' }).waitFor();
    expect(await settings.locator('thead th').allTextContents()).toEqual(['Kind of question', 'Enabled', 'Card title']);
    expect(await settings.locator('tbody tr td:first-child').allTextContents()).toContain('Transfer not arrived');
    await shot('flow-settings-english');
    expect(errors).toEqual([]);
    await page.close();

    // A supervisor sees the page but cannot change it.
    const supervisor = await openConsole(browser, server, 'flows/console-supervisor');
    await logIn(supervisor.page, 'chenzhuguan');
    await supervisor.page.goto(`${server.url}/console/#/settings`);
    await supervisor.page.getByRole('tab', { name: '自助查询' }).click();
    await supervisor.page.locator('.flow-settings tbody tr').nth(5).waitFor();
    expect(await supervisor.page.locator('.flow-settings .save-flows').count()).toBe(0);
    expect(await supervisor.page.locator('.flow-on-paymentFailed').isDisabled()).toBe(true);
    await supervisor.shot('flow-settings-supervisor');
    expect(supervisor.errors).toEqual([]);
    await supervisor.page.close();
  });
});
