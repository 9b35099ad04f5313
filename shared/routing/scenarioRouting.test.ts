import { createMemoryStore } from '../store/drivers';
import { createInProcessNotifier } from '../realtime';
import { SessionTokens, type Principal } from '../auth';
import { AccountService } from '../accounts';
import { wireConversations } from '../app';
import type { Conversation, RoutingSettings } from '../schemas';
import { defaultRoutingSettings } from './RoutingService';
import { conversationScenario, matchScenarioRule } from './matchScenarioRule';
import { defaultTaxonomy } from '../nlp';

const T = 'shop';

async function setup(rules: RoutingSettings['scenarioRules']) {
  const store = createMemoryStore();
  const accounts = new AccountService(store, new SessionTokens('k'.repeat(32), 3600));
  const conversations = wireConversations({ store, notifier: createInProcessNotifier(), accounts });
  const routing = conversations.routing;
  await accounts.createTenant(T, '测试商户');
  for (const a of ['a1', 'a2', 'a3']) await accounts.putStaff(T, { username: a, displayName: a, role: 'agent', password: 'Secret@2026', maxConcurrent: 2 });
  await routing.putGroup(T, 'payment', { name: '支付', members: ['a1'] });
  await routing.putGroup(T, 'expert', { name: '专家', members: ['a2'] });
  await routing.putGroup(T, 'intl', { name: '国际支付', members: ['a3'] });
  await routing.putSettings(T, { ...defaultRoutingSettings, categoryGroups: {}, defaultGroup: 'payment', expertGroup: 'expert', ...(rules ? { scenarioRules: rules } : {}) });
  let n = 0;
  /** A user's conversation, handed off on its first message (no FAQ bot): where did routing send it? */
  const routed = async (...texts: string[]) => {
    const user: Principal = { tenant: T, id: `u${++n}`, role: 'user' };
    const c = await conversations.users.create(user);
    for (const [i, text] of texts.entries()) await conversations.users.sendText(user, c.id, `m${i}`, text);
    return (await store.tenant(T).get<Conversation>('conversation', [c.id]))!.value.routing;
  };
  return { routing, routed };
}

const crossBorder = { id: 'cross-border', name: '境外拒付', scenarios: ['payment.crossBorderDeclined'], regions: ['*'], groupId: 'intl' };

describe('routing on scenario + entities (issue 21 item 8)', () => {
  it('sends a card refused abroad, from a recognised country, to the international-payments group with why', async () => {
    const { routed } = await setup([crossBorder]);
    const r = await routed('我在日本药妆店用招行的visa信用卡付款被拒了');
    expect(r).toMatchObject({ groupId: 'intl', layer: 'scenario' });
    expect(r?.reason).toContain('境外消费被拒付');
    expect(r?.reason).toContain('日本');
    expect(r?.reason).toContain('招商银行');
  });

  it('leaves a domestic payment problem, and the same scenario with no country named, to the category groups', async () => {
    const { routed } = await setup([crossBorder]);
    expect(await routed('超市扫码付款一直失败')).toMatchObject({ groupId: 'payment', layer: 'category' });
    // The rule asks for a recognised region: "境外" alone names none.
    expect(await routed('境外消费被拒付了怎么办')).toMatchObject({ groupId: 'payment' });
  });

  it('matches a rule on bank and card type only when the messages name them, in rule order', async () => {
    const { routed } = await setup([
      { id: 'jp-visa', name: '日本Visa', scenarios: ['payment.crossBorderDeclined'], regions: ['JP'], cardTypes: ['visa'], groupId: 'expert' },
      crossBorder,
    ]);
    expect(await routed('在东京刷VISA卡被拒绝了')).toMatchObject({ groupId: 'expert', layer: 'scenario' });
    expect(await routed('在曼谷刷万事达卡付款被拒绝')).toMatchObject({ groupId: 'intl', layer: 'scenario' });
  });

  it("uses the merchant's own taxonomy: a scenario they added routes, one they removed no longer does", async () => {
    const { routing, routed } = await setup([{ id: 'beans', name: '批发', scenarios: ['merchant.coffeeBeans'], groupId: 'intl' }, crossBorder]);
    await routing.scenarios.put(T, 'merchant.coffeeBeans', { category: 'merchant', name: '咖啡豆批发', examples: ['咖啡豆批发价', '大量采购咖啡豆', '咖啡豆进货渠道'] });
    expect(await routed('想批发一批咖啡豆')).toMatchObject({ groupId: 'intl', layer: 'scenario' });
    await routing.scenarios.remove(T, 'payment.crossBorderDeclined');
    expect((await routing.scenarios.list(T)).some((s) => s.id === 'payment.crossBorderDeclined')).toBe(false);
    expect(await routed('我在日本用visa卡付款被拒了')).not.toMatchObject({ groupId: 'intl' });
    await routing.scenarios.restore(T, 'payment.crossBorderDeclined');
    expect(await routed('我在日本用visa卡付款被拒了')).toMatchObject({ groupId: 'intl', layer: 'scenario' });
    expect((await routing.scenarios.list(T)).find((s) => s.id === 'merchant.coffeeBeans')?.origin).toBe('custom');
  });

  it('reads the problem behind a later 转人工 or 谢谢, and no scenario in service words alone', () => {
    expect(matchScenarioRule([crossBorder], ['我在日本用visa卡付款被拒了', '转人工', '谢谢'], defaultTaxonomy)?.rule.id).toBe('cross-border');
    expect(conversationScenario(['你好', '转人工'], defaultTaxonomy)?.category).toBe('other');
    expect(matchScenarioRule([crossBorder], ['你好', '转人工'], defaultTaxonomy)).toBeUndefined();
  });

  it('refuses a rule naming a group that does not exist, and a scenario id outside its category', async () => {
    const { routing } = await setup(undefined);
    await expect(routing.putSettings(T, { ...defaultRoutingSettings, categoryGroups: {}, defaultGroup: 'payment', expertGroup: 'expert', scenarioRules: [{ ...crossBorder, groupId: 'nope' }] })).rejects.toMatchObject({ code: 'GROUP_NOT_FOUND' });
    await expect(routing.scenarios.put(T, 'refund.x', { category: 'payment', name: 'x', examples: ['x'] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
