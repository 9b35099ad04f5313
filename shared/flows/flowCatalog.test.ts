import { flowsAskedFor } from './flowCatalog';

const ids = (text: string) => flowsAskedFor(text).map((f) => f.id);

describe('flowsAskedFor: wordings of users the word lists were not written with', () => {
  it.each([
    // Pinyin-input typos of the topic words.
    ['借被哪天到期', 'repaymentDue'],
    ['帐单 这个月的', 'billPeriod'],
    ['付宽失败', 'paymentFailed'],
    // A payment that does not go through, said by what happened or by its cause.
    ['钱扣不上款 怎么回事', 'paymentFailed'],
    ['钱怎么没付出去', 'paymentFailed'],
    ['买东西提示余额不够', 'paymentFailed'],
    ['付款说卡过期了', 'paymentFailed'],
    // A transfer refused over its limit is no question about the limit.
    ['转账说超出限额 转不出去', 'transferNotArrived'],
    // A parcel that stopped moving, or called 件.
    ['快递咋一直不动', 'orderStatus'],
    ['这个件卡在哪了', 'orderStatus'],
    ['网购的衣服什么时候能到', 'orderStatus'],
    // What is owed, and a bill by its spending.
    ['欠的钱哪天要还', 'repaymentDue'],
    ['上个星期花了不少 帮我算算', 'billPeriod'],
    ['10月消费明细', 'billPeriod'],
    ['近两个月的开销', 'billPeriod'],
    ['电费充不进去', 'paymentFailed'],
    ['充话费没充上', 'paymentFailed'],
    // A general question's words (会...吗) about one the user points at.
    ['那笔退款会退回来吗', 'refundProgress'],
    ['钱怎么扣不出来', 'paymentFailed'],
    ['为啥转账被拒绝了', 'transferNotArrived'],
    ['5000块转不出去', 'transferNotArrived'],
    ['信用卡还有多少没还', 'repaymentDue'],
    ['1500那个几号还', 'repaymentDue'],
    ['在专卖店下的单还没发', 'orderStatus'],
    ['衣服什么时候送到', 'orderStatus'],
    ['付款页面一直转圈', 'paymentFailed'],
    ['支付显示异常', 'paymentFailed'],
    ['退款成功了没', 'refundProgress'],
    ['快递几天了还不来', 'orderStatus'],
    ['物流信息不更新', 'orderStatus'],
    ['转账还在处理', 'transferNotArrived'],
    ['最近花钱有点多 帮我看看', 'billPeriod'],
    // 查下, 查个: 查一下 as typed in haste.
    ['帮我查下转账', 'transferNotArrived'],
    ['查个快递', 'orderStatus'],
    ['帮我查询一下转账', 'transferNotArrived'],
    ['帮忙瞅瞅我的订单', 'orderStatus'],
    // 本期多少: what is owed this period.
    ['借呗本期多少', 'repaymentDue'],
    // A status question beside a general one, in another clause: the status is asked for.
    ['信用卡本期还多少，逾期会怎样', 'repaymentDue'],
    // ... and beside a how-to.
    ['包裹到哪了 能改地址吗', 'orderStatus'],
  ])('%s -> %s', (text, flow) => {
    expect(ids(text)).toContain(flow);
  });

  it('takes a due date beside an amount as a repayment, without a product word', () => {
    expect(flowsAskedFor('780那笔啥时候到期', { amount: { min: 780, max: 780 } }).map((f) => f.id)).toContain('repaymentDue');
    expect(ids('会员啥时候到期')).toEqual([]);
    expect(flowsAskedFor('640的那个啥时候截止', { amount: { min: 640, max: 640 } }).map((f) => f.id)).toContain('repaymentDue');
  });

  it.each(['转账限额是多少', '退款 一般几天到', '转账能撤回吗 要手续费吗', '退款怎么申请 多久到账', '怎么查看物流', '如何查询物流', '借呗额度多少', '怎么查看账单明细', '重置支付密码', '花呗额度是多少', '花呗怎么还款', '付款失败会扣钱吗', '借呗逾期会怎么样', '转账转错了会退回吗', '卖家拒绝退款怎么办', '买的东西不行', '买的东西有问题怎么退', '余额宝的钱转出来要多久', '基金转出怎么还没到账', '余额宝转出到银行卡几天到'])('%s stays the FAQ\'s', (text) => {
    expect(ids(text)).toEqual([]);
  });
});
