import type { Browser } from 'playwright-core';
import { consoleInChromium, logIn, openConsole } from '../helpers/consoleBrowser';
import { staffLogin, userLogin, type TestServer } from '../helpers/testServer';
import type { AutomationFigures as Figures } from '../../shared/metrics';

jest.setTimeout(180_000);

/**
 * Automation on the dashboard (issue 21 item 9): a small merchant history made through the API as
 * users and agents would make it, the figures the stats API computes from what was stored, and
 * the dashboard showing them per category beside the self-service rate, in Chromium at 1366x768.
 */
describe('dashboard: automation rate and verified resolution per category', () => {
  let server: TestServer;
  let browser: Browser;
  consoleInChromium((s, b) => ((server = s), (browser = b)));

  /** A user's conversation with the bot: `say` a text, `feedback` 解决了/没解决 on the bot's latest card. */
  async function chat(userId: string) {
    const token = await userLogin(server, userId);
    const id = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
    let n = 0;
    const state = async () => (await server.call('GET', `/v1/conversations/${id}`, { token })).json;
    return {
      id,
      say: async (text: string) => expect((await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: `m${++n}`, text } })).status).toBe(201),
      feedback: async (resolved: boolean) => {
        const faqId = (await state())['botLastAnswer'] as string;
        expect((await server.call('POST', `/v1/conversations/${id}/faq-feedback`, { token, body: { clientMessageId: `f${++n}`, faqId, resolved } })).status).toBe(201);
      },
      /** Taps the first of the other answers the bot offered after 没解决 (staff see the bot's candidates). */
      pick: async () => {
        const staff = await staffLogin(server, 'chenzhuguan');
        const faqId = ((await server.call('GET', `/v1/conversations/${id}`, { token: staff })).json['botCandidates'] as { faqId: string }[])[0]!.faqId;
        expect((await server.call('POST', `/v1/conversations/${id}/faq-select`, { token, body: { clientMessageId: `s${++n}`, faqId } })).status).toBe(201);
      },
    };
  }

  let byCategory: Record<string, Figures>;
  let credit: string;

  it('the stats API counts the bot-settled questions and those that held, per category', async () => {
    // Settled by the bot and held.
    const settled = await chat('u201');
    await settled.say('花呗怎么还款');
    await settled.feedback(true);
    // Settled after a 没解决: automated, not verified.
    const second = await chat('u202');
    await second.say('花呗怎么还款');
    await second.feedback(false);
    await second.pick();
    await second.feedback(true);
    // Settled, but the user is back on the same topic minutes later: automated, not verified; the
    // return is a question the bot has not settled.
    const back = await chat('u203');
    await back.say('花呗怎么还款');
    await back.feedback(true);
    const again = await chat('u203');
    await again.say('花呗还款还是不会');
    // Handed to a human at once: a question, not automated.
    const human = await chat('u204');
    await human.say('转人工');
    const agent = await staffLogin(server, 'xiaowang');
    await server.call('POST', `/v1/agent/conversations/${human.id}/claim`, { token: agent });
    await server.call('POST', `/v1/agent/conversations/${human.id}/messages`, { token: agent, body: { clientMessageId: 'r1', text: '您好,请讲' } });
    await server.call('POST', `/v1/agent/conversations/${human.id}/resolve`, { token: agent });
    // Opened and left without a word: no question.
    await chat('u205');

    const supervisor = await staffLogin(server, 'chenzhuguan');
    const category = async (id: string) => ((await server.call('GET', `/v1/conversations/${id}`, { token: supervisor })).json['ticket'] as { category: { value: string } }).category.value;
    credit = await category(settled.id);
    expect(await Promise.all([second.id, back.id, again.id].map(category))).toEqual([credit, credit, credit]);
    expect(await category(human.id)).not.toBe(credit);

    const res = await server.call('GET', '/v1/stats/overview', { token: supervisor });
    const m = res.json['metrics'] as { automationRatePct: number; verifiedResolutionPct: number; automationByCategory: Record<string, Figures> };
    byCategory = m.automationByCategory;
    // Five questions, three settled by the bot alone, one of which held.
    expect(m.automationRatePct).toBe(60);
    expect(m.verifiedResolutionPct).toBe(20);
    expect(byCategory[credit]).toEqual({ questions: 4, automated: 3, verified: 1, automationRatePct: 75, verifiedResolutionPct: 25, selfServiceRatePct: 100 });
    expect(res.json['goals']).toMatchObject({ automationRatePct: { target: 80, better: 'higher' } });
  });

  it('the dashboard shows them beside self-service, per category, at 1366x768 with no page or console error', async () => {
    const c = await openConsole(browser, server, 'dashboard-automation');
    await logIn(c.page, 'chenzhuguan');
    const overview = c.page.waitForResponse((r) => r.url().includes('/v1/stats/overview'));
    await c.page.goto(`${server.url}/console/#/dashboard`);
    const shown = ((await (await overview).json()) as { metrics: { automationRatePct: number; verifiedResolutionPct: number; automationByCategory: Record<string, Figures> } }).metrics;
    await c.page.locator('.automation-table').waitFor();
    expect(await c.page.locator('.metric-automation .ant-statistic-content').innerText()).toContain(String(shown.automationRatePct));
    expect(await c.page.locator('.metric-automation .goal').innerText()).toContain('≥ 80');
    expect(await c.page.locator('.metric-verified .ant-statistic-content').innerText()).toContain(String(shown.verifiedResolutionPct));
    // The table's rows are the API's categories, each with its figures.
    const rows = c.page.locator('.automation-table tbody tr[data-row-key]');
    const keys = await Promise.all(Array.from({ length: await rows.count() }, (_, i) => rows.nth(i).getAttribute('data-row-key')));
    expect(keys).toEqual(Object.keys(shown.automationByCategory));
    const row = c.page.locator(`.automation-table tr[data-row-key="${credit}"]`);
    const cell = (name: string) => row.locator(`td.${name}`).innerText();
    expect([await cell('questions'), await cell('automation'), await cell('verified'), await cell('self-service')]).toEqual([String(byCategory[credit]!.questions), '75 %', '25 %', '100 %']);
    expect(await c.page.locator('.automation-table thead').innerText()).toMatch(/问题数[\s\S]*自动解决率[\s\S]*验证解决率[\s\S]*自助解决率/);
    await c.shot('dashboard-top');
    await c.page.locator('.automation-table').scrollIntoViewIfNeeded();
    await c.shot('automation-by-category');
    // The English switch names the same columns in English.
    await c.page.getByText('EN', { exact: true }).click();
    await c.page.locator('.automation-table thead', { hasText: 'Verified resolution' }).waitFor();
    await c.page.locator('.automation-table').scrollIntoViewIfNeeded();
    await c.shot('automation-by-category-en');
    expect(c.errors).toEqual([]);
    await c.page.close();
  });
});
