import { screenQuestion } from './screenQuestion';

describe('screenQuestion', () => {
  it("asks the error screen's line with its scenario's name", () => {
    expect(screenQuestion('支付失败\n\n   余额不足  \n我知道了')).toBe('付款提示余额不足: 余额不足');
    expect(screenQuestion('提示\n该付款方式暂不支持,请更换\n确定')).toBe('付款方式暂不支持: 该付款方式暂不支持,请更换');
  });

  it('leaves a receipt without error words alone', () => {
    expect(screenQuestion('账单详情\n-350.00\n交易成功\n创建时间 2026-11-18 12:31:07')).toBeUndefined();
  });
});
