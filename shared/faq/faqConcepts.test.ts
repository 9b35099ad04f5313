import { conceptsOf, conceptTables } from './faqConcepts';
import { matchText } from './faqTerms';

describe('conceptsOf: ways of saying one thing that share no word', () => {
  it.each([
    ['满300减50怎么用', 'coupon'],
    ['满三十减五抵扣不了', 'coupon'],
    ['我一米七穿多大码', 'size'],
    ['买小了想换大一号', 'size'],
    ['衣服破了个洞', 'defect'],
    ['家里断网了', 'outage'],
    ['下周出国手机能用吗 要开漫游吗', 'roaming'],
  ])('%s names %s', (text, concept) => {
    expect(conceptsOf(text)).toContain(concept);
  });

  it('keeps apart what an entry may tell apart: data left, the balance, the plan', () => {
    const data = conceptsOf('流量还剩多少');
    const bill = conceptsOf('话费还剩多少');
    const plan = conceptsOf('套餐怎么改');
    expect(data).toContain('mobileData');
    expect(data).not.toContain('phoneBill');
    expect(bill).toContain('phoneBill');
    expect(bill).not.toContain('mobileData');
    expect(plan).toContain('plan');
    expect(plan).not.toContain('mobileData');
  });

  it('reads 余额宝 as the fund, not as the balance, and an order number as no parcel', () => {
    expect(conceptsOf('余额宝收益怎么算')).toContain('fund');
    expect(conceptsOf('余额宝收益怎么算')).not.toContain('balance');
    expect(conceptsOf('订单号在哪看')).not.toContain('track');
  });

  it('reads no height into bandwidth or data, and no topic into a greeting or a rash', () => {
    expect(conceptsOf('100m宽带多少钱')).not.toContain('size');
    expect(conceptsOf('500mb流量包')).not.toContain('size');
    expect(conceptsOf('1米65穿什么码')).toContain('size');
    expect(conceptsOf('老师您好')).not.toContain('course');
    expect(conceptsOf('皮肤过敏能用吗')).not.toContain('game');
  });

  it('gives each concept once, in the order the text names them', () => {
    expect(conceptsOf('退款 退钱 优惠券')).toEqual(['refund', 'coupon']);
  });

  it('finds a form of letters or digits only as a whole token: 618 is no sale inside 6180元, ems no carrier inside items', () => {
    expect(conceptsOf('618活动')).toContain('promotion');
    expect(conceptsOf('退款6180元')).not.toContain('promotion');
    expect(conceptsOf('vip会员能退吗')).toContain('member');
    expect(conceptsOf('买了个vip')).toContain('member');
    expect(conceptsOf('items')).toEqual([]);
  });

  it('reads a foreign place as being abroad, and no place into an everyday word', () => {
    expect(conceptsOf('暑假去新加坡玩一周 手机上网怎么算钱')).toContain('abroad');
    expect(conceptsOf('出国怎么开通国际漫游')).toEqual(['abroad', 'roaming']);
    expect(conceptsOf('北京都可以送吗')).not.toContain('abroad');
    expect(conceptsOf('相框要金边的')).not.toContain('abroad');
  });

  it('reads 支付宝 as the platform, not as paying, and 支付宝号 as the account', () => {
    expect(conceptsOf('新支付宝怎么找回原来的保单')).not.toContain('pay');
    expect(conceptsOf('用支付宝付款')).toContain('pay');
    expect(matchText('换支付宝号了')).toBe('换账户了');
  });

  it('reads the colloquial 怎么搞错了 as a mistake, not as 怎么办', () => {
    expect(conceptsOf(matchText('地址怎么搞错了'))).toContain('enteredWrong');
  });
});

describe('the concept tables', () => {
  // A question is matched after the colloquial rewrites (几天 -> 多久, 账号 -> 账户): a form they
  // change into something no form holds is never found (缓几天 became 缓多久, 新账号 新账户).
  it('have no form that the rewrites make unmatchable: each, as matched, gives its concept', () => {
    const lost = conceptTables().flatMap(([concept, forms]) => forms.filter((f) => !conceptsOf(matchText(f)).includes(concept)).map((f) => `${concept}: ${f}`));
    expect(lost).toEqual([]);
  });
});
