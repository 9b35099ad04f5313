import { faqGapClusters } from './faqGapClusters';
import type { FaqGap, FaqGapKind } from './faqGapRows';

/** The development set SAME_NEED and ABSENT were chosen on: 10 needs, 5 phrasings each. */
const dev: readonly (readonly string[])[] = [
  ['你们支持数字人民币吗', '能用数字人民币付款吗', '数字人民币钱包怎么开通', '可以用数币支付吗', '数字人民币硬钱包能用吗'],
  ['发票抬头开错了能改吗', '怎么修改发票抬头', '发票上公司名字写错了', '开好的发票能重开吗', '抬头填错了怎么办'],
  ['你们几点下班', '客服几点上班', '周末有人工客服吗', '人工客服工作时间是几点', '晚上还有客服吗'],
  ['在国外能用支付宝付款吗', '出国旅游可以用支付宝吗', '境外刷支付宝扣多少汇率', '国外付款汇率怎么算', '在日本能扫码付款吗'],
  ['快递丢了怎么办', '包裹一直没送到', '物流三天没更新了', '快递显示签收但我没收到', '快递员把东西弄丢了'],
  ['会员怎么取消自动续费', '不想续费会员了', '怎么关掉会员连续包月', '会员扣费了我要退', '取消会员自动扣款'],
  ['积分什么时候过期', '我的积分怎么清零了', '积分有效期多久', '积分快过期了怎么办', '为什么积分没了'],
  ['能帮父母付款吗', '亲情卡怎么开通', '给爸妈开亲密付', '亲情号怎么设置额度', '家人代付怎么设置'],
  ['分期手续费怎么算', '分12期利息多少', '分期有没有手续费', '提前还分期要手续费吗', '分期费率是多少'],
  ['商家电话打不通', '怎么联系卖家', '找不到商家联系方式', '卖家不回消息怎么办', '店铺客服不理人'],
];

/**
 * Held-out gap questions: 10 other needs a merchant's base lacks, 5 phrasings each, written for
 * this and not used to choose anything; the figures in faqGapClusters.ts are from this set.
 */
const heldOut: readonly (readonly string[])[] = [
  ['学生优惠怎么认证', '学生证能享受折扣吗', '怎么做学生身份认证', '学生认证失败了', '大学生有优惠吗'],
  ['扫码点餐付不了款', '点餐小程序打不开', '餐厅扫码没反应', '扫桌上二维码点单失败', '点完餐付款一直转圈'],
  ['车险怎么买', '在支付宝上买车险靠谱吗', '车险到期怎么续保', '车险理赔找谁', '保险续费提醒'],
  ['公积金怎么查', '公积金余额在哪里看', '怎么提取公积金', '公积金能还房贷吗', '公积金账户查询'],
  ['电子社保卡怎么领', '社保卡在哪里激活', '医保码怎么用', '看病怎么用医保码付款', '社保卡绑定不了'],
  ['外卖没送到能退款吗', '外卖送错了怎么办', '点的外卖洒了', '外卖超时赔付', '骑手把餐送丢了'],
  ['免押金租房怎么弄', '芝麻信用免押金', '退租押金没退', '房东不退押金怎么办', '信用免押怎么开通'],
  ['充电宝还了还在扣费', '共享充电宝归还失败', '充电宝押金怎么退', '充电宝扣了99元', '充电宝没弹出来还扣钱'],
  ['打车多扣钱了', '司机绕路怎么投诉', '打车费用有问题', '网约车行程取消还扣费', '打车发票怎么开'],
  ['身份证过期了怎么更新', '换了新身份证要重新认证吗', '证件到期提醒', '身份信息过期怎么办', '身份证有效期更新'],
];

/** A second held-out set, written after the first had been used to report on the constants. */
const heldOut2: readonly (readonly string[])[] = [
  ['话费充错号码了', '充话费没到账', '手机充值失败了', '话费充值能退吗', '给别人充错了话费'],
  ['收货地址填错了', '下单后能改地址吗', '怎么修改收货地址', '地址写错了能改吗', '快递还没发能换地址吗'],
  ['支付密码忘了', '怎么重置支付密码', '密码输错被锁了', '忘记密码怎么办', '支付密码怎么修改'],
  ['优惠券怎么用不了', '领的券在哪里看', '优惠券过期了还能用吗', '满减券为什么不能用', '红包和优惠券能一起用吗'],
  ['花呗额度怎么提高', '花呗额度被降了', '为什么花呗额度这么低', '花呗怎么提额', '花呗临时额度怎么申请'],
  ['怎么申请退货', '退货地址在哪', '七天无理由退货怎么弄', '退货运费谁出', '退货后多久退款'],
  ['怎么导出账单', '账单明细在哪看', '上个月账单怎么查', '账单金额不对', '能打印交易流水吗'],
  ['实名认证不通过', '怎么更改实名信息', '人脸识别一直失败', '实名认证要多久', '未成年能实名吗'],
  ['门店几点开门', '你们店周日营业吗', '附近有门店吗', '线下店在哪里', '春节期间营业吗'],
  ['怎么换绑手机号', '手机号不用了怎么改', '旧手机号收不到验证码', '更换绑定手机', '手机号停机了怎么登录'],
];
/**
 * Unrelated questions that share a character or two (the walk found 积分怎么兑换 with 怎么换头像):
 * alone in a merchant's short list, they should stay apart. The first set was used for
 * QUESTION_FRAME, the second was not.
 */
const devApart: readonly (readonly [string, string])[] = [
  ['积分怎么兑换', '怎么换头像'],
  ['发票怎么开', '店铺几点开门'],
  ['退款多久到账', '账号被冻结了'],
  ['花呗额度怎么提升', '提现要手续费吗'],
  ['快递怎么查', '怎么查公积金'],
  ['会员怎么开通', '能开发票吗'],
  ['转账到银行卡', '银行几点上班'],
];
const heldOutApart: readonly (readonly [string, string])[] = [
  ['怎么换手机号', '积分能换礼品吗'],
  ['红包怎么领', '社保卡怎么领'],
  ['怎么关闭免密支付', '店铺关门了吗'],
  ['退货运费谁出', '运动手环怎么连'],
  ['账单怎么导出', '导航去门店怎么走'],
  ['花呗怎么开通', '开车过去好停车吗'],
  ['快递费怎么算', '快速退款怎么申请'],
  ['人脸识别失败', '识别不了二维码'],
  ['充值话费没到账', '充电宝怎么还'],
  ['订单怎么取消', '取消会员自动续费'],
];

let at = 1;
const gap = (text: string, kind: FaqGapKind = 'handoff', faqIds: string[] = []): FaqGap => ({ id: `${at}_${String(at).padStart(36, '0')}`, at: at++, kind, text, faqIds });

/** Pairs of one need in one cluster (recall) and pairs in one cluster of one need (precision). */
function pairScores(gaps: readonly FaqGap[], needOf: ReadonlyMap<string, number>) {
  const clusterOf = new Map<string, number>();
  faqGapClusters(gaps).forEach((c, i) => c.gapIds.forEach((id) => clusterOf.set(id, i)));
  let both = 0;
  let together = 0;
  let same = 0;
  for (let i = 0; i < gaps.length; i++) {
    for (let j = i + 1; j < gaps.length; j++) {
      const [a, b] = [gaps[i]!.id, gaps[j]!.id];
      const t = clusterOf.get(a) === clusterOf.get(b);
      const s = needOf.get(a) === needOf.get(b);
      if (t) together++;
      if (s) same++;
      if (t && s) both++;
    }
  }
  return { precision: both / together, recall: both / same, clusters: new Set(clusterOf.values()).size };
}

/** The set's questions as gaps, and the need of each. */
function labelled(set: readonly (readonly string[])[]) {
  const needOf = new Map<string, number>();
  const gaps = set.flatMap((phrasings, need) =>
    phrasings.map((text) => {
      const g = gap(text);
      needOf.set(g.id, need);
      return g;
    }),
  );
  return { gaps, needOf };
}

describe('faqGapClusters', () => {
  const { gaps, needOf } = labelled(heldOut);

  it('groups the held-out questions by need: few mixed clusters, most phrasings of a need together', () => {
    const s = pairScores(gaps, needOf);
    // Measured 0.89 / 0.65 with 15 clusters for the 10 needs (see SAME_NEED).
    expect(s.precision).toBeGreaterThanOrEqual(0.8);
    expect(s.recall).toBeGreaterThanOrEqual(0.45);
    expect(s.clusters).toBeLessThanOrEqual(25);
  });

  // Measured 0.93 / 0.75 with 14 clusters on the second held-out set (0.95 / 0.73 before
  // QUESTION_FRAME), 0.92 / 0.71 with 16 on the development set (0.91 / 0.63 with 17 before).
  it.each([
    ['the second held-out set', heldOut2, 0.85, 0.6],
    ['the development set (where the constants were chosen)', dev, 0.88, 0.6],
  ] as const)('groups %s by need', (_name, set, precision, recall) => {
    const d = labelled(set);
    const s = pairScores(d.gaps, d.needOf);
    expect(s.precision).toBeGreaterThanOrEqual(precision);
    expect(s.recall).toBeGreaterThanOrEqual(recall);
  });

  it('keeps unrelated questions that share a character apart when they are the only gaps', () => {
    const joined = (pairs: readonly (readonly [string, string])[]) => pairs.filter(([a, b]) => faqGapClusters([gap(a), gap(b)]).length === 1).map(([a, b]) => `${a}+${b}`);
    expect(joined(devApart)).not.toContain('积分怎么兑换+怎么换头像');
    // Measured 1 of 7 and 1 of 10 (快递怎么查 with 怎么查公积金, 订单怎么取消 with 取消会员自动续费);
    // 2 and 4 before QUESTION_FRAME.
    expect(joined(devApart).length).toBeLessThanOrEqual(1);
    expect(joined(heldOutApart).length).toBeLessThanOrEqual(2);
    // While two phrasings of one need alone still meet: 34 of the second set's 40 neighbouring pairs.
    const together = heldOut2.flatMap((ps) => ps.slice(1).map((p, i) => faqGapClusters([gap(ps[i]!), gap(p)]).length === 1));
    expect(together.filter(Boolean).length).toBeGreaterThanOrEqual(30);
  });


  it('gives the same clusters whatever order the questions came in', () => {
    const partition = (list: readonly FaqGap[]) =>
      faqGapClusters(list)
        .map((c) => [...c.gapIds].sort().join(','))
        .sort();
    const reversed = [...gaps].reverse().map((g, i) => ({ ...g, at: i + 1 }));
    expect(partition(reversed)).toEqual(partition(gaps));
  });

  it('counts repeats of one wording once as a phrasing, by kind, and names the cluster by a clean, typical question', () => {
    const list = [
      gap('公积金怎么查 我电话139****5678'),
      gap('公积金怎么查'),
      gap('公积金怎么查', 'suggested', ['other-coupon']),
      gap('公积金余额在哪里看', 'unresolved', ['bill-detail']),
      gap('公积金余额在哪里看?', 'unresolved', ['bill-detail']),
      gap('附近哪家火锅店好吃'),
    ];
    const [first, second] = faqGapClusters(list);
    expect(first).toMatchObject({ typical: '公积金怎么查', count: 5, byKind: { handoff: 2, suggested: 1, unresolved: 2 }, unresolvedFaqIds: ['bill-detail'] });
    expect(first!.examples).toEqual([
      { text: '公积金怎么查', count: 2 },
      { text: '公积金余额在哪里看', count: 2 },
      { text: '公积金怎么查 我电话139****5678', count: 1 },
    ]);
    expect(second).toMatchObject({ typical: '附近哪家火锅店好吃', count: 1 });
  });
});
