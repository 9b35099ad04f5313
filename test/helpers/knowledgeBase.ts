/** A made-up merchant knowledge base for size tests: distinct entries phrased like a real one. */
const words = ['花呗', '借呗', '余额宝', '退款', '发票', '物流', '会员', '积分', '优惠券', '订单', '账单', '快递', '售后', '换货', '保修'];
const verbs = ['怎么查询', '如何取消', '为什么失败', '多久到账', '能不能修改', '在哪里申请', '有什么限制', '怎样开通'];

/** A knowledge base of `n` distinct entries, phrased like a real one (Chinese, a few similar questions). */
export function knowledgeBase(n: number): object[] {
  return Array.from({ length: n }, (_, i) => {
    const a = words[i % words.length]!;
    const b = words[Math.floor(i / words.length) % words.length]!;
    const v = verbs[i % verbs.length]!;
    return {
      id: `e${i}`,
      category: 'other',
      question: `${a}和${b}的第${i}号问题${v}`,
      similar: [`${b}${a}${i}${v}`, `请问${a}编号${i}${v}呢`, `${i}号${b}业务${v}`],
      answer: `关于${a}与${b}(第${i}条):请在支付宝首页搜索${a},进入后点击${b},按页面提示操作即可。`,
    };
  });
}

