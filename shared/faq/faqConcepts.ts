import { conceptPatterns, moreConceptForms } from './faqConceptLexicon';
import { generalConceptForms } from './faqGeneralLexicon';
import { foreignPlaceWords, LongestMatch } from '../nlp';

/** Place names that are also everyday words or sit inside them. */
const AMBIGUOUS_PLACES = new Set(['金边', '京都', '尼斯', '奈良', '河内', '罗马', '槟城', '奥克兰']);

/**
 * Concepts of customer-service Chinese: each a set of ways people say the same thing, tight
 * synonyms rather than topics (退款 and 退货 are different concepts, so entries that differ by
 * them stay apart). A text gets the concepts whose forms it contains, as one more field of terms:
 * "送货要钱吗" and "配送费怎么收" share FEE and DELIVER without sharing a word. General vocabulary of
 * shops, delivery, payment, lending and accounts, not one merchant's; a merchant's own nicknames go
 * into the entry's similar questions. More forms and trades are merged in from faqConceptLexicon.ts
 * and faqGeneralLexicon.ts (the latter written without reading any evaluation set; on fresh bases
 * top-1 moved +0.6, -0.6 and 0 points, +4.4 without similar questions, and +5.7 on takeout, whose
 * kinds of misses its writer was pointed to).
 */
const CONCEPTS: Readonly<Record<string, readonly string[]>> = {
  deliver: ['配送', '送货', '送达', '送到', '派送', '送过来', '送来', '送上门', '送餐', '外卖', '送不送', '给送', '能送'],
  howLong: ['多久', '多长时间', '多少时间', '几天', '几分钟', '时效', '快不快', '要等', '什么时候', '何时', '啥时候'],
  hours: ['几点', '营业时间', '关门', '开门', '打烊', '上班时间'],
  fee: ['费用', '收费', '要钱', '多少钱', '手续费', '服务费', '配送费', '运费', '扣钱', '邮费', '包邮', '收钱吗'],
  pay: ['支付', '付款', '付钱', '买单', '结账', '付费', '交钱'],
  refund: ['退款', '退钱', '钱退', '退回', '返还', '退的钱', '退给我'],
  returnGoods: ['退货', '退换', '不想要了', '买多了', '无理由'],
  cancel: ['取消', '撤销', '撤回', '不要了', '退订', '作废'],
  defect: ['质量问题', '坏了', '烂了', '烂的', '变质', '发霉', '过期', '破损', '碎了', '漏了', '臭了', '不新鲜', '有问题'],
  missing: ['少送', '漏送', '少了', '没送齐', '没送全', '缺了', '不全'],
  wrongItem: ['送错', '发错', '错送', '不是我买的', '不是我的', '送成'],
  late: ['超时', '迟到', '还没到', '没送到', '太慢', '等了好久', '迟迟', '还不来', '没来'],
  address: ['地址', '收货地'],
  modify: ['修改', '更改', '改一下', '更换', '换成', '变更', '改成', '换个', '换一'],
  add: ['追加', '加个', '再加', '添加', '补一', '加一', '再买', '添'],
  coupon: ['优惠券', '券', '红包', '满减', '代金券', '折扣'],
  member: ['会员', 'vip', '年卡', '月卡', '包月'],
  autoRenew: ['自动续费', '连续包月', '自动扣费', '自动扣钱', '续费', '自动续'],
  points: ['积分'],
  invoice: ['发票', '开票', '报销', '抬头', '税号'],
  phone: ['手机号', '手机', '电话号', '号码'],
  code: ['验证码', '短信码', '校验码', '验证吗'],
  closeAccount: ['注销', '销户', '删号', '删除账户', '不用了'],
  login: ['登录', '登陆', '登不上', '上不去'],
  password: ['密码'],
  stock: ['缺货', '没货', '卖完', '售罄', '补货', '到货', '有货', '断货'],
  fresh: ['新鲜', '冷鲜', '冷冻', '冻肉', '当天'],
  priceDrop: ['降价', '便宜了', '差价', '价保', '保价'],
  pickup: ['自提', '自取', '到店取', '自己去', '自己拿', '去店里拿', '取货'],
  rider: ['骑手', '小哥', '送货员', '配送员', '快递员', '外卖员', '送货的', '送餐员'],
  contact: ['联系', '打电话', '电话', '找不到人'],
  complain: ['投诉', '举报', '态度差', '态度不好', '骂人', '服务差', '态度恶劣', '太凶'],
  leaveAt: ['放门口', '门卫', '外卖柜', '快递柜', '放楼下', '放在', '放门'],
  history: ['历史', '以前', '之前', '记录', '上个月'],
  newUser: ['新人', '新用户', '第一次', '首单', '新客'],
  loan: ['借款', '借钱', '贷款', '借点钱', '借点', '借一', '借的钱'],
  disburse: ['放款', '打款', '打到卡', '到卡', '已放款'],
  arrive: ['到账', '到帐', '入账', '收到', '没收到', '未到账'],
  review: ['审核', '审批', '批下来', '出结果'],
  rejected: ['被拒', '拒绝', '没通过', '不通过', '驳回', '借不出', '审核失败', '失败'],
  limit: ['额度', '可借', '能借多少', '借多少'],
  raise: ['提额', '提高', '提升', '增加', '调高', '涨'],
  lower: ['降低', '降了', '变少', '下调', '减少', '降到'],
  freeze: ['冻结', '冻住', '封了', '锁定'],
  repay: ['还款', '还钱', '还清', '结清', '还了', '还完', '还上'],
  early: ['提前', '一次性'],
  dueDate: ['还款日', '几号', '到期', '哪天'],
  overdue: ['逾期', '晚还', '还不上', '拖欠', '没还上', '超期'],
  // 缓几天 is matched as 缓多久 (colloquialFaq: 几天 -> 多久); 晚几天 as 晚多久 is left out, since
  // 晚多久送到 asks how late a delivery is.
  delay: ['延期', '宽限', '缓多久', '缓一缓', '推迟'],
  creditReport: ['征信', '信用记录', '人行', '央行'],
  interest: ['利息', '利率', '年化'],
  penalty: ['罚息', '滞纳金', '罚多少'],
  bankCard: ['银行卡', '储蓄卡', '还款卡', '卡'],
  bind: ['绑定', '绑卡', '绑不', '绑'],
  unbind: ['解绑', '解除绑定', '取消绑定', '删除'],
  face: ['人脸', '刷脸', '识别不了我的脸'],
  stolen: ['被盗', '盗用', '别人登录', '不是本人', '盗号', '别人用', '我没借'],
  scam: ['诈骗', '骗子', '冒充', '让我转账', '往他卡里', '自称'],
  realName: ['实名', '身份认证', '认证身份'],
  idCard: ['身份证', '证件'],
  contract: ['合同', '协议'],
  proof: ['证明', '凭证'],
  qrCode: ['收款码', '收钱码', '二维码'],
  withdraw: ['提现', '取出', '转出'],
  payLimit: ['限额', '超出限额', '最多能付'],
  collection: ['催收', '催款', '催债'],
  topUp: ['充值', '充钱', '充点'],
  doubleCharge: ['重复扣', '扣了两次', '多扣', '扣两次', '重复支付', '扣了两回', '两次钱'],
  payFail: ['支付失败', '付款失败', '付不了', '支付不成功', '付款不成功', '付不出'],
  method: ['方式', '花呗', '信用卡', '微信'],
  schedule: ['预约', '定时', '指定时间', '约个时间', '约时间'],
  range: ['范围', '区域', '多远', '公里'],
  // Shops and logistics in general.
  ship: ['发货', '发出', '寄出', '出库', '揽收', '还没发'],
  logistics: ['物流', '快递', '运单', '包裹', '快件'],
  track: ['查物流', '物流信息', '到哪了', '到哪里了', '查快递', '快递单号', '运单号'],
  exchange: ['换货', '换一个', '调换', '换尺码', '换颜色'],
  repair: ['维修', '保修', '修理', '坏了能修', '返修'],
  size: ['尺码', '尺寸', '大小', '码数'],
  price: ['价格', '多少钱', '贵', '便宜', '价钱'],
  promotion: ['活动', '促销', '秒杀', '拼团', '优惠活动'],
  confirmReceipt: ['确认收货', '签收'],
  rating: ['评价', '差评', '好评', '晒单'],
  // Accounts and service in general.
  register: ['注册', '开户', '新账户'],
  unlock: ['解锁', '解封', '被锁', '锁住'],
  human: ['人工', '真人', '客服电话', '人工客服'],
  hoursService: ['客服时间', '在线时间', '几点下班'],
  subscribe: ['订阅', '退订', '取消订阅'],
  notice: ['通知', '短信提醒', '推送', '提醒'],
  privacy: ['隐私', '个人信息', '泄露'],
  ticket: ['车票', '机票', '门票', '火车票', '船票'],
  change: ['改签', '改期', '改时间'],
  booking: ['预订', '订票', '预定', '订房'],
  // Being abroad, by the word or by the place: 去泰国玩 and 出国 ask the same of roaming, cards and
  // insurance. The places are the transaction context's (shared/nlp), less the city names that are
  // also everyday words (金边 is a gilt edge, 京都 is inside 北京都).
  abroad: ['出国', '国外', '境外', '出境', '海外', '国际', '外国', '欧洲', '东南亚', '港澳台', '港澳', ...foreignPlaceWords().filter((w) => !AMBIGUOUS_PLACES.has(w))],
};

/** Every concept with its forms as written, from the three tables (for the lexicon's own checks). */
export function conceptTables(): readonly (readonly [concept: string, forms: readonly string[]])[] {
  return [...Object.entries(CONCEPTS), ...Object.entries(moreConceptForms), ...Object.entries(generalConceptForms)];
}

const conceptOf = new Map<string, string[]>();
for (const [concept, forms] of conceptTables()) {
  for (const form of forms) if (!conceptOf.get(form)?.includes(concept)) conceptOf.set(form, [...(conceptOf.get(form) ?? []), concept]);
}
// Words that hold a form and mean none: 支付宝 is the platform every merchant here runs on, not a
// payment (its 支付 made 新支付宝怎么找回保单 a question about paying). Found as words, they give no concept.
for (const word of ['支付宝']) if (!conceptOf.has(word)) conceptOf.set(word, []);
/**
 * The forms in a trie (2.4 µs a question against 14 µs as one regular expression of every form, and
 * 29 µs once the forms were twice as many).
 */
const forms = new LongestMatch(conceptOf);

const ALNUM = /[a-z0-9]/;
/** Whether the units at a and b are both letters or digits: a form ending between them cuts a token (618 in 6180, ems in items). */
const inToken = (text: string, a: number, b: number) => a >= 0 && b < text.length && ALNUM.test(text[a]!) && ALNUM.test(text[b]!);
/** A form never starts or ends inside a run of letters and digits. */
const whole = (text: string, start: number, end: number) => !inToken(text, start - 1, start) && !inToken(text, end - 1, end);

/** The concepts a (matching-form) text mentions, each once, in order of first mention. */
export function conceptsOf(text: string): string[] {
  const found: [at: number, concept: string][] = [];
  for (const [at, , concepts] of forms.in(text, whole)) for (const c of concepts) found.push([at, c]);
  for (const [re, c] of conceptPatterns) for (const m of text.matchAll(re)) found.push([m.index, c]);
  if (found.length > 1) found.sort((a, b) => a[0] - b[0]);
  const out: string[] = [];
  for (const [, c] of found) if (!out.includes(c)) out.push(c);
  return out;
}
