import type { CustomerData, CustomerTransaction } from '../customer';
import type { Conversation, FlowState } from '../schemas';
import { understand } from '../nlp';
import { mergeTicket } from '../conversation';
import { SelfServiceFlows, type FlowPlan, type FlowSettings } from './SelfServiceFlows';
import { maskRef } from './flowAnswers';

// Monday 2026-11-30 15:00 China time.
const now = new Date('2026-11-30T07:00:00.000Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
const base = { deviceId: 'd', city: '杭州' };
const tx = (id: string, over: Partial<CustomerTransaction> & Pick<CustomerTransaction, 'type' | 'status' | 'amountFen' | 'counterparty'>): CustomerTransaction => ({ id, at: minutesAgo(30), ...base, ...over });

/** Fixture data of one user, written for these tests (not the demo's). */
const ledger: readonly CustomerTransaction[] = [
  tx('pay-ok', { type: 'payment', status: 'success', amountFen: 4_500, counterparty: '便利店', at: minutesAgo(3 * 1440) }),
  tx('pay-fail-1', { type: 'payment', status: 'failed', amountFen: 25_600, counterparty: '家电旗舰店', failReason: '银行卡余额不足', tradeNo: '2026113022001234567812345678', at: minutesAgo(20) }),
  tx('pay-fail-2', { type: 'payment', status: 'failed', amountFen: 1_990, counterparty: '视频会员', failReason: '签约已解除', at: minutesAgo(2 * 1440) }),
  tx('refund-1', { type: 'refund', status: 'pending', amountFen: 8_800, counterparty: '鞋服旗舰店', refundStage: 'applied', at: minutesAgo(300) }),
  tx('transfer-1', { type: 'transfer', status: 'success', amountFen: 60_000, counterparty: '孙**', at: new Date('2026-11-29T06:20:00.000Z').toISOString() }),
  tx('order-1', { type: 'order', status: 'success', amountFen: 15_900, counterparty: '图书专营店', orderNo: 'SO998877', orderStage: 'shipped', tracking: '已揽收' }),
  tx('repay-1', { type: 'repayment', status: 'pending', amountFen: 52_030, counterparty: '信用卡', dueAt: new Date('2026-12-05T15:59:00.000Z').toISOString() }),
];

function setup(transactions: readonly CustomerTransaction[] = ledger, settings: FlowSettings = {}) {
  const asked: string[] = [];
  const errors: unknown[] = [];
  const customers: CustomerData = {
    record: (tenant, userId) => {
      asked.push(`${tenant}/${userId}`);
      return Promise.resolve({ transactions: userId === 'owner' ? transactions : [], devices: [], logins: [] });
    },
    recentEvents: () => Promise.resolve([]),
  };
  const flows = new SelfServiceFlows({ customers, settings: () => Promise.resolve(settings), onError: (err) => errors.push(err) });
  let conversation: Conversation = { id: 'c1', tenant: 'shop', userId: 'owner', channel: 'miniprogram', status: 'bot', lastSeq: 0, createdAt: now.toISOString(), updatedAt: now.toISOString() };
  /** The user says `text`: understood into the ticket first, as appendMessage does. */
  const say = async (text: string): Promise<FlowPlan | undefined> => {
    const seq = conversation.lastSeq + 1;
    const understood = understand(text, { now });
    conversation = { ...conversation, ticket: mergeTicket(conversation.ticket, understood, { messageId: `m${seq}`, seq, at: now.toISOString() }) };
    const plan = await flows.plan(conversation, text, now, understood);
    conversation = { ...conversation, lastSeq: seq + 1 };
    // What the bot turn keeps: the question the flow asked, or none.
    const botFlow: FlowState | undefined = plan?.kind === 'ask' ? plan.state : undefined;
    const { botFlow: _dropped, ...rest } = conversation;
    conversation = botFlow ? { ...rest, botFlow } : rest;
    return plan;
  };
  return { say, asked, errors };
}

const cardOf = (plan: FlowPlan | undefined) => (plan?.kind === 'card' ? plan.body : undefined);

describe('self-service flows (issue 22)', () => {
  it('answers a failed payment named by its amount with the transaction, the reason and a next step', async () => {
    const { say, asked } = setup();
    const card = cardOf(await say('我刚才付的256块怎么失败了'));
    expect(card).toMatchObject({ flow: 'paymentFailed', transaction: { id: 'pay-fail-1', amountFen: 25_600, status: '失败' }, handoff: true });
    expect(card!.facts).toEqual(expect.arrayContaining([{ label: '原因', value: '银行卡余额不足' }, { label: '金额', value: '256.00 元' }]));
    expect(card!.actions[0]).toMatchObject({ label: '重新支付' });
    // The trade number only masked; the data read is the conversation's own user's.
    expect(JSON.stringify(card)).not.toContain('2026113022001234567812345678');
    expect(card!.transaction!.ref).toBe('2026****5678');
    expect(asked).toEqual(['shop/owner']);
  });

  it('asks which one with buttons when several fit, and answers the one tapped, typed by amount, or by order', async () => {
    for (const reply of ['2. 19.90 元 · 11月28日 15:00 · 视频会员', '视频会员那个', '19.9的那笔', '第二笔', '前天那笔', '十几块的', '早的那个', '下面那个', '2']) {
      const { say } = setup();
      const ask = await say('付款失败了是怎么回事');
      expect(ask).toMatchObject({ kind: 'ask', state: { flow: 'paymentFailed', step: 'clarify', candidates: ['pay-fail-1', 'pay-fail-2'] } });
      expect(ask?.kind === 'ask' && ask.body.type === 'choices' ? ask.body.items.map((i) => i.label) : []).toEqual(['1. 256.00 元 · 11月30日 14:40 · 家电旗舰店', '2. 19.90 元 · 11月28日 15:00 · 视频会员']);
      expect(cardOf(await say(reply))?.transaction?.id).toBe('pay-fail-2');
    }
  });

  it('each flow finds its transaction: refund, transfer by amount and time, order, repayment, bill', async () => {
    const { say } = setup();
    expect(cardOf(await say('我的退款到哪一步了'))).toMatchObject({ flow: 'refundProgress', transaction: { id: 'refund-1', status: '等待商家处理' } });
    expect(cardOf(await say('昨天下午两点多转了600块给朋友,他说没收到'))).toMatchObject({ flow: 'transferNotArrived', transaction: { id: 'transfer-1', status: '成功' } });
    expect(cardOf(await say('我买的书物流到哪了'))).toMatchObject({ flow: 'orderStatus', transaction: { id: 'order-1', status: '已发货' } });
    expect(cardOf(await say('信用卡这期要还多少'))).toMatchObject({ flow: 'repaymentDue', transaction: { id: 'repay-1', amountFen: 52_030 } });
    const bill = cardOf(await say('这个月账单一共花了多少'));
    expect(bill).toMatchObject({ flow: 'billPeriod', handoff: true });
    // This month (from 11月1日): the 45 元 payment, the 600 元 transfer and the 159 元 order; not the failures or the refund.
    expect(bill!.facts).toEqual(expect.arrayContaining([{ label: '期间', value: '11月1日 - 11月30日' }, { label: '支出合计', value: '804.00 元' }, { label: '笔数', value: '3 笔' }]));
  });

  it.each([
    ['paymentFailed', '我付的999块怎么失败了', '999元那笔,今天上午'],
    ['refundProgress', '退款500块怎么还没到', '500元,上周申请的'],
    ['transferNotArrived', '转了8000块对方没收到', '8000,前天晚上'],
    ['orderStatus', '订单号SO123456的快递到哪了', '订单号SO123456'],
    ['repaymentDue', '借呗还款日是哪天', '借呗,3000块'],
  ])('%s: asks once for the missing detail when nothing fits, then hands off with what it did', async (flow, first, second) => {
    const { say } = setup();
    expect(await say(first)).toMatchObject({ kind: 'ask', state: { flow, step: 'missing' } });
    const handoff = await say(second);
    expect(handoff).toMatchObject({ kind: 'handoff', context: { flow } });
    expect(handoff?.kind === 'handoff' ? handoff.context.steps.length : 0).toBeGreaterThanOrEqual(2);
  });

  it('lets the user move on: after a question of the flow, a new question goes to the FAQ', async () => {
    const missing = setup();
    await missing.say('我那笔99块的退款到哪了');
    expect(await missing.say('怎么修改登录密码')).toBeUndefined();
    const clarify = setup();
    await clarify.say('付款失败了是怎么回事');
    expect(await clarify.say('我等了3天了')).toBeUndefined();
  });

  it('leaves questions about the app, capabilities and how-tos to the FAQ even with data to show', async () => {
    const { say } = setup();
    for (const text of ['支付宝登录不了', '支付宝实名认证失败', '信用卡用不了', '转账可以撤回吗', '账单怎么删除', '账单可以导出吗', '信用卡能提前还款吗', '退货要寄到哪里']) {
      expect([text, await say(text)]).toEqual([text, undefined]);
    }
  });

  it('hands off when the answer to "which one" names none of those offered', async () => {
    const { say } = setup();
    await say('付款失败了是怎么回事');
    expect(await say('是300块那笔')).toMatchObject({ kind: 'handoff', context: { flow: 'paymentFailed' } });
    const none = setup();
    await none.say('付款失败了是怎么回事');
    expect(await none.say('都不是')).toMatchObject({ kind: 'handoff', context: { flow: 'paymentFailed' } });
  });

  it('hands off when the user cannot give the detail asked for', async () => {
    const missing = setup();
    await missing.say('我那笔99块的退款到哪了');
    expect(await missing.say('具体多少记不清了')).toMatchObject({ kind: 'handoff', context: { flow: 'refundProgress' } });
    const clarify = setup();
    await clarify.say('付款失败了是怎么回事');
    expect(await clarify.say('我也不知道是哪笔')).toMatchObject({ kind: 'handoff', context: { flow: 'paymentFailed' } });
  });

  it('leaves the message to the FAQ: a general question, no transactions of that kind, a flow switched off, the data unreachable', async () => {
    expect(await setup().say('转账手续费是多少')).toBeUndefined();
    expect(await setup([]).say('我的退款怎么还没到')).toBeUndefined();
    expect(await setup(ledger, { disabled: ['refundProgress'] }).say('我的退款怎么还没到')).toBeUndefined();
    const { say } = setup();
    const titled = new SelfServiceFlows({ customers: { record: () => Promise.reject(new Error('merchant API down')), recentEvents: () => Promise.resolve([]) }, onError: (err) => failures.push(err) });
    const failures: unknown[] = [];
    await say('我的退款怎么还没到');
    const c: Conversation = { id: 'c', tenant: 'shop', userId: 'owner', channel: 'h5', status: 'bot', lastSeq: 1, createdAt: now.toISOString(), updatedAt: now.toISOString() };
    expect(await titled.plan(c, '我的退款怎么还没到', now)).toBeUndefined();
    expect(failures).toHaveLength(1);
  });

  it('asks for the detail when the user says they have waited for theirs and none is on record, then hands off', async () => {
    const { say } = setup([]);
    expect(await say('退款都一个礼拜了还没退回来 我那笔呢')).toMatchObject({ kind: 'ask', state: { flow: 'refundProgress', step: 'missing' } });
    const handoff = await say('订单号SO123456');
    expect(handoff).toMatchObject({ kind: 'handoff', context: { flow: 'refundProgress' } });
    expect(handoff?.kind === 'handoff' ? handoff.context.steps : []).toContain('近 30 天没有这类记录');
    expect(await setup([]).say('转账三天了还没到')).toMatchObject({ kind: 'ask', state: { flow: 'transferNotArrived', step: 'missing' } });
    // No waiting said: a question the FAQ's general answer serves (as 我的退款怎么还没到 above).
    expect(await setup([]).say('我的快递怎么还没到')).toBeUndefined();
  });

  it('answers the status question of a message that also asks a general one or a how-to', async () => {
    expect(cardOf(await setup().say('信用卡这期要还多少 逾期了会咋样'))?.transaction?.id).toBe('repay-1');
    expect(await setup().say('信用卡逾期了会咋样')).toBeUndefined();
    expect(cardOf(await setup().say('退款到哪一步了，可以加急吗'))?.transaction?.id).toBe('refund-1');
    expect(await setup().say('退款可以加急吗')).toBeUndefined();
  });

  it('reads 查下 as 查一下', async () => {
    expect(cardOf(await setup().say('帮我查下退款'))?.transaction?.id).toBe('refund-1');
  });

  it("uses the merchant's own title for a flow's card", async () => {
    const { say } = setup(ledger, { titles: { refundProgress: '查退款' } });
    expect(cardOf(await say('我的退款到哪一步了'))?.title).toBe('查退款');
  });

  it('masks trade numbers to their first and last four', () => {
    expect(maskRef('2026113022001234567812345678')).toBe('2026****5678');
    expect(maskRef('SO998877')).toBe('SO****');
    expect(maskRef(undefined)).toBeUndefined();
  });

  it("takes a message that points at one of the user's transactions as a status question, without a status word", async () => {
    const { say } = setup();
    expect(cardOf(await say('鞋服旗舰店退我的88块'))).toMatchObject({ flow: 'refundProgress', transaction: { id: 'refund-1' } });
  });

  it('reads the user as typed: a pinyin typo, the cause the app showed, a number without a unit, whole yuan', async () => {
    const { say } = setup();
    expect(cardOf(await say('帐单 这个月的'))).toMatchObject({ flow: 'billPeriod' });
    // Two failed payments: the one whose cause the user quotes.
    expect(cardOf(await say('付宽老是不成功 说签约解除了'))?.transaction?.id).toBe('pay-fail-2');
    expect(cardOf(await say('刚刚扣不了款 显示余额不足'))?.transaction?.id).toBe('pay-fail-1');
    expect(cardOf(await say('我付的256怎么一直失败'))?.transaction?.id).toBe('pay-fail-1');
    // 520.30 元 due: 520 is it.
    expect(cardOf(await say('520那笔哪天是最后还款日'))?.transaction?.id).toBe('repay-1');
    expect(cardOf(await say('我欠的钱什么时候要还'))?.transaction?.id).toBe('repay-1');
    expect(cardOf(await say('图书那个件咋不动了'))?.transaction?.id).toBe('order-1');
    // 刚才: the one of the last two hours (the other failed two days ago).
    expect(cardOf(await say('刚才付款怎么又失败了'))?.transaction?.id).toBe('pay-fail-1');
  });

  it('asks for the missing detail when a bare number fits nothing, then hands off when the answer still fits nothing', async () => {
    const { say } = setup();
    expect(await say('我付的730怎么一直失败')).toMatchObject({ kind: 'ask', state: { flow: 'paymentFailed', step: 'missing' } });
    expect(await say('730 今天早上')).toMatchObject({ kind: 'handoff', context: { flow: 'paymentFailed' } });
  });

  it("answers the which-one question by part of a name; asks which when the recipient's word makes a done transfer possible", async () => {
    const one = setup();
    await one.say('付款失败了是怎么回事');
    expect(cardOf(await one.say('会员那个'))?.transaction?.id).toBe('pay-fail-2');
    const transfers = [...ledger, tx('transfer-2', { type: 'transfer', status: 'pending', amountFen: 120_000, counterparty: '周**', at: minutesAgo(40) })];
    expect(cardOf(await setup(transfers).say('我转的钱还没到'))?.transaction?.id).toBe('transfer-2');
    const both = setup(transfers);
    expect(await both.say('我转的钱对方说还没收到')).toMatchObject({ kind: 'ask', state: { step: 'clarify', candidates: ['transfer-2', 'transfer-1'] } });
    expect(cardOf(await both.say('600那笔'))?.transaction?.id).toBe('transfer-1');
  });

  it('shows another transaction of the card\'s kind when the next message names it, and leaves anything else to the FAQ', async () => {
    const transfers = [...ledger, tx('transfer-2', { type: 'transfer', status: 'pending', amountFen: 120_000, counterparty: '周**', at: minutesAgo(40) })];
    const flows = new SelfServiceFlows({ customers: { record: () => Promise.resolve({ transactions: transfers, devices: [], logins: [] }), recentEvents: () => Promise.resolve([]) } });
    const c: Conversation = { id: 'c', tenant: 'shop', userId: 'owner', channel: 'h5', status: 'bot', lastSeq: 2, createdAt: now.toISOString(), updatedAt: now.toISOString(), botLastFlow: { flow: 'transferNotArrived', transaction: { id: 'transfer-2', kind: 'transfer', amountFen: 120_000, at: minutesAgo(40), counterparty: '周**', status: '处理中' }, steps: [] } };
    const plan = (text: string) => flows.plan(c, text, now, understand(text, { now }));
    expect(cardOf(await plan('不是这笔 是600那笔'))?.transaction?.id).toBe('transfer-1');
    expect(await plan('1200那笔')).toBeUndefined();
    expect(await plan('好的我再等等')).toBeUndefined();
  });

  it('leaves a general question and a request to do something to the FAQ, even with a status word or an amount', async () => {
    const { say, asked } = setup();
    expect(await say('退款的钱一般会退到哪里')).toBeUndefined();
    expect(await say('我要退款88块')).toBeUndefined();
    // No flow asked for: the customer data is not read at all.
    expect(asked).toEqual([]);
  });
});
