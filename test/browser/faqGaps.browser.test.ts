import type { Browser } from 'playwright-core';
import { consoleInChromium, logIn, openConsole } from '../helpers/consoleBrowser';
import { staffLogin, userLogin, type TestServer } from '../helpers/testServer';

jest.setTimeout(120_000);

/**
 * The knowledge-base page's 待补充的问题 in Chromium at 1366x768 (issue 21 item 5): an admin sees
 * the questions real conversations left unsettled, grouped with counts, makes one group a new entry
 * and adds the other to the entry the page suggests; the bot answers both at the next match.
 */
describe('console: learning from gaps on the knowledge-base page', () => {
  let server: TestServer;
  let browser: Browser;
  consoleInChromium((s, b) => ((server = s), (browser = b)));

  it('lists the clusters; 新建条目 and 加为相似问法 take effect at the next match, 忽略 empties the list', async () => {
    const admin = await staffLogin(server, 'admin');
    for (const entry of [
      { id: 'gap-points-gift', category: 'other', question: '会员积分怎么兑换礼品', answer: '打开会员中心,点「积分商城」,选好礼品后点兑换。' },
      { id: 'gap-points-coupon', category: 'other', question: '会员积分怎么兑换优惠券', answer: '打开会员中心,点「积分兑券」,选好优惠券后点兑换。' },
      { id: 'gap-parcel-signed', category: 'other', question: '快递显示已签收但是没收到', answer: '请先联系快递员确认投放位置,或查看快递柜和驿站。' },
    ]) {
      expect((await server.call('POST', '/v1/merchant/faq', { token: admin, body: entry })).status).toBe(201);
    }
    const ask = async (userId: string, ...texts: string[]) => {
      const token = await userLogin(server, userId);
      const id = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
      for (const [i, text] of texts.entries()) await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: `m${i}`, text } });
    };
    await ask('u031', '你们支持数字人民币硬钱包吗');
    await ask('u032', '数字人民币硬钱包能用吗');
    await ask('u033', '数字人民币硬钱包能用吗 我电话13912345678');
    // 没解决 on the parcel entry's card, reached as the bot offers it (answered, or tapped among suggestions).
    const parcelUser = await userLogin(server, 'u035');
    const parcelChat = (await server.call('POST', '/v1/conversations', { token: parcelUser, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${parcelChat}/messages`, { token: parcelUser, body: { clientMessageId: 'p1', text: '快递显示已签收但是没收到' } });
    const botSaid = ((await server.call('GET', `/v1/conversations/${parcelChat}/messages`, { token: parcelUser })).json['messages'] as { body: { type: string } }[]).at(-1)!.body;
    if (botSaid.type === 'faqSuggest') await server.call('POST', `/v1/conversations/${parcelChat}/faq-select`, { token: parcelUser, body: { clientMessageId: 'p2', faqId: 'gap-parcel-signed' } });
    expect((await server.call('POST', `/v1/conversations/${parcelChat}/faq-feedback`, { token: parcelUser, body: { clientMessageId: 'p3', faqId: 'gap-parcel-signed', resolved: false } })).status).toBe(201);
    // Suggestions of the 积分 entries (the merchant answers only when sure), and no tap: 转人工 instead.
    const defaults = (await server.call('GET', '/v1/merchant/settings/faq', { token: admin })).json;
    await server.call('PUT', '/v1/merchant/settings/faq', { token: admin, body: { answer: 0.99, answerMargin: 0.2, suggest: 0.05 } });
    const token = await userLogin(server, 'u034');
    const id = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
    await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: 'm1', text: '会员积分兑换' } });
    await server.call('POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: 'm2', text: '转人工', intent: 'human' } });
    await server.call('PUT', '/v1/merchant/settings/faq', { token: admin, body: { answer: defaults['answer'], answerMargin: defaults['answerMargin'], suggest: defaults['suggest'] } });
    const match = async (text: string) => (await server.call('POST', '/v1/faq/match', { token: await userLogin(server, 'u039'), body: { text } })).json as { decision: string; matches: { faqId: string }[] };
    const nearest = (((await server.call('GET', '/v1/merchant/faq/gaps', { token: admin })).json['clusters'] as { typical: string; target?: { faqId: string; question: string } }[]).find((c) => c.typical === '会员积分兑换'))!.target!;

    const { page, errors, shot } = await openConsole(browser, server, 'faq-gaps');
    page.on('response', (r) => r.status() >= 400 && errors.push(`response: ${r.status()} ${r.url()}`));
    await logIn(page, 'admin');
    await page.goto(`${server.url}/console/#/settings`);
    await page.getByRole('tab', { name: '知识库' }).click();
    const gaps = page.locator('.faq-gaps');
    const digital = gaps.locator('.faq-gaps-table tbody tr', { hasText: '数字人民币' });
    await digital.waitFor();
    await gaps.scrollIntoViewIfNeeded();
    expect(await digital.locator('td').nth(1).innerText()).toBe('3');
    expect(await digital.innerText()).toContain('转人工 3');
    // The phone number in one of them shows masked.
    expect(await digital.innerText()).toContain('139****5678');
    expect(await gaps.innerText()).not.toContain('13912345678');
    const points = gaps.locator('.faq-gaps-table tbody tr', { hasText: '会员积分兑换' });
    expect(await points.innerText()).toContain('建议未选 1');
    // The nearest entry, one of the two the bot suggested.
    expect(await points.innerText()).toContain(nearest.question);
    expect(nearest.question).toMatch(/^会员积分怎么兑换/);
    // The entry users said 没解决 to is named, for its answer may need the work.
    const parcel = gaps.locator('.faq-gaps-table tbody tr', { hasText: '没解决 1' });
    expect(await parcel.locator('.gap-unresolved').innerText()).toBe('用户对这些答案点了没解决:快递显示已签收但是没收到');
    await shot('clusters');

    await digital.locator('.gap-new').click();
    const question = page.locator('#gap-new-question');
    await question.waitFor();
    expect(await question.inputValue()).toContain('数字人民币硬钱包');
    await page.locator('#gap-new-answer').fill('支持。在支付宝搜索「数字人民币」开通钱包后,付款码页可选择硬钱包付款。');
    await shot('new-entry');
    await page.locator('.gap-new-save').click();
    await page.getByText('已新建条目').waitFor();
    await digital.waitFor({ state: 'detached' });
    // The next match ranks the new entry first (whether it answers, suggests or hands off is the
    // ranker's calibration, tested with the ranker).
    const created = await match('数字人民币硬钱包能用吗');
    expect(created.matches[0]?.faqId).toMatch(/^faq-/);

    await points.locator('.gap-similar').click();
    await page.locator('.gap-similar-form').waitFor();
    expect(await page.locator('.gap-similar-entry').innerText()).toContain(nearest.question);
    await shot('add-similar');
    await page.locator('.gap-similar-save').click();
    await page.getByText('已加为相似问法').waitFor();
    await points.waitFor({ state: 'detached' });
    // 忽略 the last one: the list is empty.
    await parcel.locator('.gap-dismiss').click();
    await page.getByText('已忽略').waitFor();
    await parcel.waitFor({ state: 'detached' });
    expect(await gaps.innerText()).toContain('暂无待补充的问题');
    await gaps.scrollIntoViewIfNeeded();
    await shot('after');
    const added = await match('会员积分兑换');
    expect(added.matches[0]?.faqId).toBe(nearest.faqId);
    expect(((await server.call('GET', `/v1/merchant/faq/${nearest.faqId}`, { token: admin })).json as { similar: string[] }).similar).toContain('会员积分兑换');
    // The new entry shows in the knowledge base's table above.
    const entry = (await server.call('GET', `/v1/merchant/faq/${created.matches[0]!.faqId}`, { token: admin })).json as { question: string };
    expect(entry.question).toContain('数字人民币硬钱包');
    // In English the card speaks English too.
    await page.locator('.ant-segmented-item', { hasText: 'EN' }).click();
    await gaps.getByText('Questions to add', { exact: true }).waitFor();
    expect(await gaps.innerText()).toContain('No questions to add');
    await gaps.scrollIntoViewIfNeeded();
    await shot('english');
    expect(errors).toEqual([]);
    await page.close();
  });
});
