import type { CustomerTransaction } from '../customer';
import { understand } from '../nlp';
import { amountFits, bareAmount, byName, byReason, cluesOf, matchTransactions } from './matchTransactions';

const now = new Date('2026-11-30T07:00:00.000Z');
const tx = (id: string, over: Partial<CustomerTransaction>): CustomerTransaction => ({ id, type: 'payment', status: 'failed', amountFen: 100, counterparty: '某店', at: now.toISOString(), deviceId: 'd', city: '杭州', ...over });
const bare = (text: string) => bareAmount(text, understand(text, { now }).entities);

describe('bareAmount: a number without a unit in a message about the user\'s money', () => {
  it.each([
    ['给他转的760到现在没到', { min: 760, max: 760 }],
    ['66.6那笔', { min: 66.6, max: 66.6 }],
    ['三万 昨天下午', { min: 30_000, max: 30_000 }],
    ['两百多的那个', { min: 200, max: 299.99 }],
    ['45多', { min: 45, max: 45.99 }],
    ['七八百的那笔', { min: 700, max: 899.99 }],
    ['两三万', { min: 20_000, max: 39_999.99 }],
    ['2千5', { min: 2_500, max: 2_500 }],
  ])('%s -> %j', (text, amount) => {
    expect(bare(text)).toEqual(amount);
  });

  it.each(['等了5天了', '12月的', '第3笔', '分6期', '昨天4点', '买了2件', '十分着急', '千万别退', '订单号SO4455667788', '4G卡', '一直没到'])('%s has no amount', (text) => {
    expect(bare(text)).toBeUndefined();
  });

  it('is a clue only when the extractors found no amount', () => {
    expect(cluesOf(understand('退了120块 单号so778899', { now }).entities, '退了120块 单号so778899')).toEqual({ amount: { min: 120, max: 120 }, orderNo: 'SO778899' });
    // A merchant's order number needs no 单号 before it: letters, then six digits or more.
    expect(cluesOf([], 'xs12345678发了没').orderNo).toBe('XS12345678');
    expect(cluesOf([], '5G卡 iPhone15').orderNo).toBeUndefined();
  });
});

describe('matching what the user said', () => {
  it('takes whole yuan for an amount with cents, and no other', () => {
    expect(amountFits({ min: 76, max: 76 }, 7_650)).toBe(true);
    expect(amountFits({ min: 76.5, max: 76.5 }, 7_650)).toBe(true);
    expect(amountFits({ min: 77, max: 77 }, 7_650)).toBe(false);
    expect(amountFits({ min: 75, max: 75 }, 7_650)).toBe(false);
    expect(amountFits({ min: 10, max: 19 }, 1_990)).toBe(true);
    expect(amountFits({ min: 10, max: 19 }, 2_000)).toBe(false);
  });

  it('finds an order number typed in lower case', () => {
    const orders = [tx('a', { type: 'order', orderNo: 'XS1234567' }), tx('b', { type: 'order', orderNo: 'XS7654321' })];
    expect(matchTransactions(orders, { orderNo: 'xs7654321' }, '').map((t) => t.id)).toEqual(['b']);
  });

  it('hears a name typed with a homophone, and a place of the tracking', () => {
    const shops = [tx('home', { counterparty: '优选家居' }), tx('food', { counterparty: '鲜果超市' })];
    expect(byName(shops, '家具那家的').map((t) => t.id)).toEqual(['home']);
    const parcels = [tx('p1', { type: 'order', counterparty: '甲店', tracking: '快件已到达【成都分拨中心】' }), tx('p2', { type: 'order', counterparty: '乙店', tracking: '快件已揽收' })];
    expect(byName(parcels, '成都分拨的那个件').map((t) => t.id)).toEqual(['p1']);
    // 快件 is in every tracking: no parcel is named by it; a place in 【】 is, by two characters.
    expect(byName(parcels, '快件呢')).toEqual([]);
    expect(byName(parcels, '卡在成都了').map((t) => t.id)).toEqual(['p1']);
  });

  it('knows a masked name by its surname as people say it', () => {
    const people = [tx('zhou', { type: 'transfer', counterparty: '周**' }), tx('wu', { type: 'transfer', counterparty: '吴**' })];
    expect(byName(people, '转给老吴的钱').map((t) => t.id)).toEqual(['wu']);
    expect(byName(people, '周姐说没收到').map((t) => t.id)).toEqual(['zhou']);
    expect(byName(people, '转给吴的')).toEqual([]);
    expect(byName(people, '给吴**的').map((t) => t.id)).toEqual(['wu']);
  });

  it('takes a day named a day off when the amount or the name says which one', () => {
    const at = (d: string) => new Date(`${d}T12:00:00+08:00`).toISOString();
    const list = [tx('old', { type: 'transfer', amountFen: 42_000, counterparty: '某甲', at: at('2026-11-26') }), tx('new', { type: 'transfer', amountFen: 9_000, counterparty: '某乙', at: at('2026-11-29') })];
    const thursday = { start: Date.parse('2026-11-27T00:00:00+08:00'), end: Date.parse('2026-11-27T23:59:59+08:00') };
    expect(matchTransactions(list, { time: thursday, amount: { min: 420, max: 420 } }, '').map((t) => t.id)).toEqual(['old']);
    // A day alone that fits nothing stays so: the user is asked for the detail.
    expect(matchTransactions(list, { time: thursday }, '')).toEqual([]);
  });

  it('picks the failure whose cause the user quotes, not one that shares a topic word', () => {
    const fails = [tx('late', { failReason: '信用卡已冻结' }), tx('low', { failReason: '付款余额不足' })];
    expect(byReason(fails, '付不了 说卡被冻结了', /付/).map((t) => t.id)).toEqual(['late']);
    expect(byReason(fails, '付款又失败了', /付款|付/)).toEqual([]);
  });
});
