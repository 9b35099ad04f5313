import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/consoleBrowser';
import { startTestServer, staffLogin, type TestServer } from '../helpers/testServer';

jest.setTimeout(180_000);

const shots = path.resolve(__dirname, '../../test-artifacts/flows');

/**
 * Elements of the message list that stick out of it or make the page scroll sideways, as
 * "tag.class: left..right" (empty when everything fits the phone's width).
 */
const overflowing = `(() => {
  const list = document.getElementById('list').getBoundingClientRect();
  const out = [...document.querySelectorAll('#list *')].filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && (r.left < list.left - 0.5 || r.right > list.right + 0.5);
  }).map((e) => e.tagName + '.' + e.className + ': ' + Math.round(e.getBoundingClientRect().left) + '..' + Math.round(e.getBoundingClientRect().right));
  if (document.documentElement.scrollWidth > window.innerWidth) out.push('page ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth);
  return out;
})()`;

/**
 * Self-service flows on the H5 chat (issue 22 item 2) at three phone widths, against the dev
 * server's demo data: u001's failed 128 元 payment as a status card, a question with buttons
 * whose tap sends its text (through the outbox, as typing does), and 转人工 from the card.
 */
describe('H5: status cards and questions with buttons', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startTestServer({ KEFU_LONGPOLL_TIMEOUT_MS: '25000', KEFU_OCR: 'off' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A phone-sized page, with every page error and console error it shows. */
  async function phonePage(width: number): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width, height: 760 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
    return { context, page, errors };
  }

  const widths = [320, 375, 430];
  it.each(widths)('at %i px: the failed payment as a card, a question whose button finds the other one', async (width) => {
    const { context, page, errors } = await phonePage(width);
    const shot = (name: string) => page.screenshot({ path: path.join(shots, `h5-${width}-${name}.png`), fullPage: true });
    const say = async (text: string) => {
      await page.fill('#input', text);
      await page.click('#send');
    };
    try {
      await page.goto(`${server.url}/h5/?tenant=demo&user=u001`);
      await page.locator('#input').waitFor();

      await say('我付的128块怎么失败了');
      const card = page.locator('.card.status').last();
      await card.waitFor();
      expect(await card.locator('h4').textContent()).toBe('支付失败');
      const facts = async (c: typeof card) => {
        const [labels, values] = await Promise.all([c.locator('.fact dt').allTextContents(), c.locator('.fact dd').allTextContents()]);
        return Object.fromEntries(labels.map((l, i) => [l, values[i]]));
      };
      expect(await facts(card)).toMatchObject({ 金额: '128.00 元', 状态: '失败', 原因: '余额不足' });
      expect(await card.textContent()).toContain('余额不足');
      await card.getByRole('button', { name: '重新支付' }).waitFor();
      await card.locator('button.card-human', { hasText: '转人工' }).waitFor();
      expect(await page.evaluate<string[]>(overflowing)).toEqual([]);
      await shot('status-card');
      // Its next step is a mini-program page the merchant gave no H5 address for: said so, nothing sent.
      const rows = await page.locator('.row').count();
      await card.getByRole('button', { name: '重新支付' }).click();
      await page.locator('#error', { hasText: '请在支付宝小程序中使用此功能' }).waitFor();
      expect(await page.locator('.row').count()).toBe(rows);

      await say('付款失败了是怎么回事');
      const question = page.locator('.bubble.choices').last();
      await question.locator('button.reply').nth(1).waitFor();
      expect(await question.locator('button.reply').count()).toBe(2);
      expect(await page.evaluate<string[]>(overflowing)).toEqual([]);
      await shot('choices');
      // The newer question retired the card's buttons.
      expect(await card.locator('button.card-human').count()).toBe(0);

      const topUp = question.locator('button.reply', { hasText: '话费充值' });
      const label = (await topUp.textContent())!;
      await topUp.click();
      // The tap is the user's message, sent like a typed one, and answered with that payment.
      await page.locator('.row.mine:not(.pending)', { hasText: label }).waitFor();
      const second = page.locator('.card.status').last();
      await second.locator('dd', { hasText: '银行卡已过期' }).waitFor();
      expect(await facts(second)).toMatchObject({ 金额: '9.90 元', 原因: '银行卡已过期' });
      // Answered: the question's buttons are gone.
      expect(await question.locator('button.reply').count()).toBe(0);
      expect(await page.evaluate<string[]>(overflowing)).toEqual([]);
      await shot('chosen');

      if (width === widths[widths.length - 1]) {
        // 转人工 on the card: queued, and the agent gets the payment with the conversation.
        await second.locator('button.card-human').click();
        await page.getByText('正在为您转接人工客服', { exact: false }).first().waitFor();
        await shot('handed-off');
        const conversationId = await page.evaluate<string>("localStorage.getItem('demo:u001:kefu.conversation')");
        const supervisor = await staffLogin(server, 'chenzhuguan');
        const seen = await server.call('GET', `/v1/conversations/${conversationId}`, { token: supervisor });
        expect(seen.json['handoff']).toMatchObject({ reason: 'explicitRequest', flow: { flow: 'paymentFailed', transaction: { amountFen: 990 } } });
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('at 320 px: the bill as a card, with 转人工 for a user who doubts a figure', async () => {
    const { context, page, errors } = await phonePage(320);
    try {
      await page.goto(`${server.url}/h5/?tenant=demo&user=u016`);
      await page.locator('#input').waitFor();
      await page.fill('#input', '上个月的账单一共花了多少');
      await page.click('#send');
      const card = page.locator('.card.status').last();
      await card.waitFor();
      expect(await card.locator('.fact dt').allTextContents()).toEqual(expect.arrayContaining(['期间', '支出合计', '笔数']));
      await card.locator('button.card-human', { hasText: '转人工' }).waitFor();
      expect(await page.evaluate<string[]>(overflowing)).toEqual([]);
      await page.screenshot({ path: path.join(shots, 'h5-320-bill-card.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
