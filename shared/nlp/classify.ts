import { categories, type Category } from './Entity';
import { categoryExamples } from './categoryExamples';

export interface Classification {
  readonly category: Category;
  readonly confidence: number;
  readonly runnerUp: { readonly category: Category; readonly confidence: number };
}

/**
 * Cue words per category: strong evidence a short message may carry in one word. They add to the
 * learned evidence rather than replace it, so "花呗退款" can still be a refund.
 */
const CUES: Readonly<Record<Category, readonly string[]>> = {
  payment: ['付款', '支付', '扫码', '拒付', '境外消费', '免密', '代扣', '付不了', '刷脸', '付款码', '自动续费', '扣款'],
  transfer: ['转账', '转帐', '转错', '转给', '转了', '到账', '收款方', '转钱', '到帐'],
  refund: ['退款', '退钱', '退货', '退回', '退了', '原路返回', '取消订单'],
  bill: ['账单', '交易记录', '回单', '流水', '明细', '交易详情', '凭证', '记录'],
  credit: ['花呗', '借呗', '额度', '还款', '分期', '备用金', '信用购', '逾期', '借款', '提额', '借贝', '花被'],
  wealth: ['余额宝', '基金', '理财', '收益', '定投', '赎回', '余利宝', '黄金', '净值', '年化'],
  account: ['被盗', '盗刷', '冻结', '密码', '实名', '注销', '换绑', '登录', '陌生设备', '账号', '账户', '安全', '人脸'],
  life: ['水费', '电费', '燃气', '话费', '交通卡', '社保', '医保', '缴费', '乘车码', '流量', '宽带', '物业', '公交', '地铁'],
  merchant: ['收钱码', '收款码', '提现', '费率', '签约', '商家', '商户', '收款', '结算', '店铺', '经营码'],
  other: ['你好', '谢谢', '人工', '客服', '投诉', '在吗'],
};
const CUE_WEIGHT = 2.2;

/**
 * Negated clauses ("不是转账", "并非退款") say what the issue is NOT; their words are removed before
 * classifying, and what follows "是"/"而是" is kept.
 */
const NEGATED = /(?:并不是|不是说|而不是|不是|并非|不属于|无关)([^,，。!?;；、]*?)(?=[,，。!?;；、]|而是|是|$)/g;

export function stripNegated(text: string): string {
  return text.replace(NEGATED, ' ');
}

function features(text: string): string[] {
  const chars = [...text.replace(/[\s\d,，。.!?！？、;；:：~～"'“”‘’()（）*]+/g, ' ')];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ' ') continue;
    out.push(c);
    const next = chars[i + 1];
    if (next && next !== ' ') out.push(c + next);
  }
  return out;
}

interface Model {
  readonly logPrior: Float64Array;
  /** Per feature, its log-likelihood under each category (in `categories` order). */
  readonly weights: Map<string, Float64Array>;
  readonly logUnseen: Float64Array;
}

/** Multinomial naive Bayes over character unigrams and bigrams, Laplace-smoothed. */
export function trainModel(examples: Readonly<Record<Category, readonly string[]>>): Model {
  const k = categories.length;
  const counts = new Map<string, Float64Array>();
  const totals = new Float64Array(k);
  const docs = new Float64Array(k);
  categories.forEach((c, ci) => {
    for (const text of examples[c]) {
      docs[ci]!++;
      for (const f of features(text)) {
        let row = counts.get(f);
        if (!row) counts.set(f, (row = new Float64Array(k)));
        row[ci]!++;
        totals[ci]!++;
      }
    }
  });
  const alpha = 0.5;
  const allDocs = docs.reduce((a, b) => a + b, 0);
  const denom = totals.map((t) => t + alpha * counts.size);
  const logPrior = docs.map((d) => Math.log(d / allDocs));
  const logUnseen = denom.map((d) => Math.log(alpha / d));
  const weights = new Map<string, Float64Array>();
  for (const [f, row] of counts) weights.set(f, row.map((n, ci) => Math.log((n + alpha) / denom[ci]!)));
  return { logPrior, weights, logUnseen };
}

/** One pass over the text finds every cue; longer cues first so 收款码 beats 收款. */
const CUE_PATTERN = new RegExp(
  [...new Set(Object.values(CUES).flat())].sort((a, b) => b.length - a.length).join('|'),
  'g',
);
const CUE_CATEGORIES = new Map<string, number[]>();
categories.forEach((c, ci) => {
  for (const cue of CUES[c]) CUE_CATEGORIES.set(cue, [...(CUE_CATEGORIES.get(cue) ?? []), ci]);
});

const defaultModel = trainModel(categoryExamples);

/**
 * The issue category of a (normalised) message, with a confidence in [0, 1] and the runner-up.
 * Words inside negated clauses do not count ("不是转账,是退款" is a refund).
 */
export function classify(normalisedText: string, model: Model = defaultModel): Classification {
  // "支付宝" is the app's name, not a payment cue.
  const text = stripNegated(normalisedText).replace(/支付宝/g, '宝');
  const feats = features(text);
  const totals = Float64Array.from(model.logPrior);
  for (const f of feats) {
    const w = model.weights.get(f) ?? model.logUnseen;
    for (let ci = 0; ci < totals.length; ci++) totals[ci]! += w[ci]!;
  }
  // Each distinct cue counts once, like the old per-cue `includes` check.
  const seen = new Set<string>();
  for (const m of text.matchAll(CUE_PATTERN)) {
    if (seen.has(m[0])) continue;
    seen.add(m[0]);
    for (const ci of CUE_CATEGORIES.get(m[0]) ?? []) totals[ci]! += CUE_WEIGHT * m[0].length;
  }
  const scores = categories.map((category, ci) => ({ category, score: totals[ci]! }));
  // Without any known signal the honest answer is "other" with low confidence.
  if (feats.length === 0) return { category: 'other', confidence: 1, runnerUp: { category: 'payment', confidence: 0 } };
  // Softmax with a temperature: NB log-odds are overconfident, so spread them by the length.
  const temperature = Math.max(1, Math.sqrt(feats.length));
  const max = Math.max(...scores.map((s) => s.score));
  const exps = scores.map((s) => ({ category: s.category, p: Math.exp((s.score - max) / temperature) }));
  const sum = exps.reduce((a, b) => a + b.p, 0);
  const ranked = exps.map((e) => ({ category: e.category, confidence: Math.round((e.p / sum) * 1000) / 1000 })).sort((a, b) => b.confidence - a.confidence);
  return { category: ranked[0]!.category, confidence: ranked[0]!.confidence, runnerUp: ranked[1]! };
}
