/**
 * Facets for the FAQ matcher's concepts: what a user asks ABOUT a thing (how to get it, how to use
 * it, where the money goes, how far along it is, who may, what is left out, what it fits, how long
 * it holds, what it is, what the choices are, how it is reckoned), so entries about the same thing
 * that differ by the question asked of it stay apart; and the colloquial predicates and states users
 * type instead of a merchant's noun phrase (不动了, 摔碎了, 不生效, 太贵了, 问了好几次), as forms of
 * the concepts of faqConcepts.ts, faqConceptLexicon.ts and faqGeneralLexicon.ts (same names, merged
 * by name) or concepts of their own. Any trade: food delivery, shops and electronics, payment
 * services, carriers, travel and ride-hailing, courses, gyms, clinics and pet care, utilities,
 * insurance, games. Written from knowledge of the language alone, without reading any evaluation
 * set, test data or benchmark question.
 *
 * The rules of the concepts hold here too:
 * - tight synonyms, not topics; a form ambiguous between two facets is left out (能用吗 asks
 *   whether it fits or whether it works; 过期了 is an expired coupon or spoilt milk);
 * - no single characters, and no form that occurs inside unrelated words (是什么 sits inside
 *   是什么时候 and would take 什么时候 from howLong; 比较 is mostly "rather");
 * - a form is in one concept of this file, and in no other concept of the other three files;
 * - forms are in matching form, after the rewrites of colloquialFaq.ts and faqSynonyms.ts (啥 ->
 *   什么, 咋 / 如何 / 怎样 -> 怎么, 用不了 / 无法使用 -> 不能用, 可以吗 / 能否 -> 能不能, 怎么弄 ->
 *   怎么办, 几天 -> 多久);
 * - the longest form wins where forms overlap, and the match runs left to right: a form ending in
 *   a character that starts another form (怎么到 before 到账, 一直没 before 没收到, 今天能到 before
 *   到账) would eat it, so such forms are left out where the form eaten is a common one.
 */
export const facetConceptForms: Readonly<Record<string, readonly string[]>> = {
  // ---- Facets: what is asked about a thing. ----
  // How to get or earn it (积分怎么攒 against 积分怎么用). 怎么得到 is what 如何得到 and 怎样得到 become;
  // typed as is, 怎么得到 is read as 怎没有到 by the dialect rewrite of 么得, and no form follows it there.
  obtain: ['怎么获得', '获得方式', '获取方式', '怎么获取', '怎么得到', '怎么来的', '怎么攒', '怎么赚', '怎么挣', '从哪来', '从哪里来', '哪里来的', '怎么领', '在哪领', '去哪领', '哪里领', '领取', '怎么拿到', '怎么才能有', '怎么才能获得', '怎么才能得到', '怎么积累', '赚取', '怎么换到', '能得到', '可以获得', '获得条件', '领不到'],
  // How to use or spend it.
  use: ['怎么使用', '使用方法', '使用方式', '怎么用', '怎么花', '用法', '使用说明', '抵现', '抵钱', '能抵', '抵多少', '怎么抵', '抵用', '当钱用', '能当钱', '怎么兑换', '怎么消费', '用掉', '花掉', '在哪用', '哪里能用', '用在哪', '在哪里用', '怎么用掉', '怎么花掉', '能换什么', '可以换什么', '拿来干什么', '使用步骤'],
  // Where it goes, where the money goes back to (not 退到哪 / 退款到哪 / 原路退回: the other files'
  // refund forms, which as longer words win there).
  destination: ['去哪了', '去哪儿了', '去哪里了', '哪去了', '跑哪去了', '到哪去了', '跑哪了', '退到哪儿', '退到哪个', '退到哪张', '退回哪', '退回到哪', '退去哪', '钱去哪', '到哪个账户', '进哪个账户', '进了哪', '打到哪', '转到哪', '原路', '退到原', '退到余额', '退到银行卡', '退到卡里', '退到零钱', '退回账户', '退回余额', '退回银行卡', '返回到哪', '回到哪'],
  // How far along it is: progress and status.
  progress: ['进度', '到哪一步', '哪一步了', '什么进度', '进展', '有进展吗', '好了没', '好了吗', '弄好了吗', '弄好没', '办好了吗', '办好没', '办完了吗', '处理得怎么样', '处理怎么样了', '处理好了吗', '处理好没', '处理完了吗', '处理了吗', '处理结果', '办得怎么样', '弄得怎么样', '搞定了吗', '完成了吗', '怎么样了', '有结果了吗', '有结果没', '有消息了吗', '有没有消息', '什么状态', '当前状态', '目前状态', '进行到哪', '成功了吗', '成功没', '是否成功', '有没有成功', '受理了吗', '还在处理', '处理中'],
  // Who may, on what conditions.
  eligibility: ['条件', '资格', '谁能', '谁可以', '什么人可以', '什么人能', '哪些人可以', '哪些人能', '什么条件', '有什么要求', '什么要求', '有要求吗', '要求是什么', '门槛', '够格', '有资格', '没资格', '符合条件', '满足什么', '需要满足', '申请条件', '办理条件', '准入', '符不符合', '是否符合', '能不能申请', '能申请吗', '年龄要求', '几岁可以'],
  // What is left out: exclusions.
  exclusion: ['哪些情况不能', '什么情况不能', '什么情况下不能', '什么情况下不行', '什么情况不行', '哪些情况不', '不包括', '不包含', '除外', '例外', '不适用', '哪些不能', '哪些不可以', '哪些不支持', '不支持哪些', '不享受', '不参与', '不参加活动', '免责', '不在保障', '保障范围外', '哪些不赔', '什么不赔', '不赔的', '哪些不保', '不保什么', '不予理赔', '不能参加'],
  // What it fits: compatibility.
  compatible: ['适用', '适用于', '兼容', '兼容性', '适配', '能适配', '通用', '通用吗', '能通用', '能用在', '能不能用在', '用在什么', '支持什么型号', '支持哪些型号', '支持哪些机型', '支持什么机型', '什么机型', '哪些机型', '适配机型', '能装在', '装得上', '匹配吗', '配得上', '支持什么手机', '适用车型', '哪些车型', '适合什么车', '支持苹果', '支持安卓', '苹果能用', '安卓能用', '能连接', '可以连接', '能不能连接', '支持连接'],
  // How long it holds (validity).
  validity: ['有效多久', '有效期多久', '多久失效', '什么时候失效', '哪天过期', '会过期吗', '会不会过期', '过不过期', '有没有有效期', '有效期内', '有效期限', '有效日期', '失效日期', '截止时间', '什么时候截止', '几号截止', '永久有效', '长期有效', '当天有效', '过期了还能', '过期还能', '过期后', '失效了', '多久过期'],
  // What it is.
  definition: ['什么是', '是什么意思', '什么意思', '指什么', '是指什么', '指的是什么', '代表什么', '是什么东西', '是干什么的', '干什么用的', '有什么用', '有什么作用', '什么用处', '怎么理解', '含义', '意思是', '是个什么', '什么叫', '何为', '解释一下', '什么鬼', '什么来的', '看不懂'],
  // Why (为什么扣费 against 扣费标准; 为什么 first also keeps 什么是 out of 为什么是).
  reason: ['为什么', '什么原因', '原因', '怎么回事', '为何', '凭什么', '怎么突然', '无缘无故', '莫名其妙', '搞什么'],
  // What the choices are.
  options: ['有哪些', '有什么', '几种', '哪几种', '有几种', '有多少种', '都有什么', '都有哪些', '还能用什么', '可选', '可以选', '选哪个', '其他选择', '别的选择', '还有什么', '还有别的', '还有其他', '有没有别的', '哪几个', '种类', '哪些可以'],
  // How two of them differ.
  difference: ['区别', '有什么区别', '有区别吗', '有什么不同', '差别', '差异', '哪个好', '哪个更好', '哪个划算', '对比', '一样吗', '差在哪', '是一样的吗', '一回事吗'],
  // The rules and how it is reckoned.
  rules: ['规则', '规定', '政策', '制度', '细则', '什么标准', '按什么标准', '标准是什么', '怎么算', '怎么计算', '计算方式', '计算方法', '计算公式', '算法', '按什么算', '按什么计算', '怎么折算', '折算', '换算', '按天算', '按月算', '按次算', '按小时算', '计价规则', '计价方式', '怎么计价', '怎么计费', '计费方式', '计费规则'],
  // How to go about it: the steps.
  procedure: ['流程', '步骤', '手续', '怎么操作', '操作步骤', '操作流程', '怎么办理', '办理流程', '办理手续', '办理方式', '申请流程', '申请方式', '怎么申请', '在哪申请', '具体步骤', '走什么流程', '需要什么手续'],
  // What to bring or hand in.
  documentsNeeded: ['需要什么材料', '需要哪些材料', '要什么材料', '需要带什么', '要带什么', '带什么证件', '需要什么证件', '需要提供什么', '提供哪些', '准备什么材料', '所需材料', '需要的材料', '需要什么资料', '要提交什么', '提交材料', '证明材料', '要准备什么', '需要准备什么', '需要带什么材料', '要带什么材料', '带哪些材料', '需要提供什么材料', '提供什么材料'],
  // Who bears the cost or the blame.
  whoBears: ['谁承担', '谁出钱', '谁来付', '谁来出', '谁付钱', '谁买单', '谁负责', '谁的责任', '责任在谁', '算谁的', '由谁承担', '自己承担', '我承担', '商家承担', '买家承担', '卖家承担', '要我出', '我来出', '我出吗'],
  // Whether it is in the price.
  included: ['包含', '包括', '含不含', '包不包括', '包不包含', '含税', '包含哪些', '包括什么', '含早', '含早餐', '都包括', '有没有包含', '算在里面'],
  // How often, how many times.
  frequency: ['多久一次', '几次', '多少次', '次数', '频率', '几回', '一天几次', '每天几次', '一个月几次', '每月几次', '能用几次', '每月一次', '一年几次'],
  // Sharing it with others.
  share: ['共享', '共用', '一起用', '多人用', '多人使用', '家人用', '家人共享', '亲属卡', '家庭共享', '亲情卡', '几台设备', '几个设备', '多台设备', '同时登录', '几个人用'],
  // Going up a level.
  upgrade: ['升级', '怎么升级', '升舱', '升房', '升一级', '提升等级', '怎么升', '升到', '升级成', '升级版', '升级一下', '能升级吗', '升个级', '升级到', '等级怎么升', '怎么升等级'],
  // Switching it on, and off.
  activate: ['开通', '激活', '启用', '怎么激活', '怎么启用', '申请开通', '开通一下', '开启', '打开功能', '不能开通', '怎么开通', '开通方式'],
  turnOff: ['关闭', '关掉', '停用', '关不掉', '关不了', '取消开通', '禁用', '关闭功能', '不想开了', '怎么关闭', '关停', '把它关了', '能关吗', '可以关吗', '关上', '关闭服务', '取消功能'],
  // Getting back what was deleted or lost.
  restore: ['恢复', '找回', '还原', '复原', '能找回', '找得回来', '找不回', '误删', '删错了', '数据恢复', '回档', '取消删除', '恢复数据', '恢复记录'],

  // ---- Colloquial predicates and states. ----
  // Things that stop or stall.
  stalled: ['不动了', '没更新', '没有更新', '一直显示', '还是显示', '一直处于', '停留在', '没动静', '没有动静', '没变化', '没有变化', '一直没变', '一直没动', '好多久没动', '停滞', '一直停在', '一直卡在', '没进展', '没有进展', '一直处理中', '一直在处理', '一直审核中', '状态没变', '显示不变'],
  // Things damaged, and devices that fail.
  defect: ['摔碎', '摔裂', '摔烂', '压碎', '压烂', '磕坏', '磕破', '碰坏', '撞坏', '凹了', '凹陷', '裂痕', '裂纹', '掉漆', '磨损', '刮痕', '划伤', '折断', '开胶', '生锈', '受潮', '泡水', '进水', '烧坏', '漏电', '发烫', '包装破了', '包装坏了', '盒子破了', '箱子破了', '碎屏', '花屏', '不开机', '不亮', '不制冷', '不制热', '不加热', '不出水', '漏水', '没声音'],
  // Batteries and charging that fail (耗电快 against 屏幕碎了: both defects, not the same one).
  battery: ['耗电快', '掉电快', '续航差', '充不进电', '充不上电', '充不了电', '不充电', '电池鼓包', '鼓包', '电池不耐用', '充电慢', '充电很慢', '充不满', '没电很快', '电量掉得快', '待机短', '续航短', '电池不行'],
  // Noises a device or machine should not make.
  noise: ['异响', '噪音大', '杂音', '电流声', '有噪音', '噪音', '吱吱响', '嗡嗡响', '咔咔响', '滋滋声', '有响声', '响声大'],
  // Things that do not work or do not take effect.
  notWorking: ['不能用', '用不上', '不好用', '不管用', '不起作用', '不生效', '没生效', '没效果', '无效', '使不了', '使不上', '不灵', '不好使', '不顶用', '用不成', '没法用', '没办法用', '没法使用', '无法用', '不能使用', '不可用', '不能正常使用', '没起作用', '不奏效'],
  // Things that did not arrive: money.
  arrive: ['没进账', '没入账', '钱没进来', '没看到钱', '账上没钱', '余额没变', '余额没加', '没有进账', '没有入账', '钱还没到', '钱没过来', '没显示到账'],
  // Things that did not arrive: orders, rides, people.
  late: ['慢吞吞', '太磨叽', '磨磨蹭蹭', '效率低', '等不及', '等到现在', '这么久', '都多久了', '半天了', '等了很久', '等了好多久', '好多久了', '一个多小时', '慢得要死', '龟速', '超慢', '迟迟不来', '还不送', '死慢'],
  // Things lost.
  lost: ['找不见', '弄没了', '搞丢', '丢掉了', '不见踪影', '没了踪影', '丢东西', '东西丢了', '东西不见', '搞不见', '整丢了', '丢哪了', '落哪了', '弄掉了'],
  // Things done wrong by the user.
  enteredWrong: ['误点', '误操作', '误触', '手滑', '不小心点', '不小心买', '不小心下', '误购', '误下单', '误付', '错付', '错转', '选择错误', '弄错', '搞错', '搞混了', '弄混了', '填反了', '写反了', '看错了'],
  // Too expensive.
  expensive: ['太贵', '好贵', '这么贵', '贵了', '贵死了', '有点贵', '偏贵', '价格高', '价格太高', '价格偏高', '收费太高', '收费高', '不值', '不划算', '比别家贵', '比别人贵', '比外面贵', '宰客', '乱涨价', '涨价', '价格上涨', '贵得离谱'],
  // Asked or happened again.
  repeated: ['好几次', '多次', '反复', '三番五次', '一次又一次', '又一次', '再次', '又出现', '老是这样', '总是这样', '每次都', '又来了', '屡次', '问了好几次', '催了好几次', '说了好几次', '重复出现', '一而再'],
  // Money back, said as a demand.
  refund: ['退我钱', '还我钱', '把钱还我', '钱还我', '钱还给我', '要回钱', '把钱要回来', '钱要回来', '拿回钱', '钱能拿回', '退全款', '全部退'],
  // Not wanted any more, said plainly.
  cancel: ['不订了', '不要这单', '这单不要', '不想订了', '不租了', '不拍了', '不想约了', '不用发了', '不寄了', '不办了', '不报了', '不预约了', '不挂号了', '取消这单', '这单取消', '不用做了'],
  // Gas, water and heating that fail.
  utilityOutage: ['打不着火', '点不着火', '水压小', '水流小', '水很小', '没气了', '燃气没了', '停暖', '不供暖', '没有热水', '突然停电', '家里没电'],
  // Top-ups that did not land.
  topUp: ['充了没到', '充值没到', '钻石没到', '没给钻石', '充了没反应', '充了没有到', '充的未到账', '充值没有到', '充了没给', '充完没到', '充了没显示', '充值没显示', '充了半天没到', '充值不成功', '充不上', '充值充不上'],
  // The line is slow.
  speed: ['网速太慢', '网慢', '网好慢', '网很慢', '网太慢', '网很卡', '网太卡', '网速不行', '网速很差', '网速差', '网络慢', '网络很慢', '网络太慢', '网速变慢', '网速特别慢', '下载很慢', '下载慢', '网页打开慢'],
  // When it comes: more ways to ask.
  howLong: ['几时', '次日达', '当日达', '最快', '马上到吗', '快到了吗', '快到了没', '多晚', '最晚', '最迟', '最早'],
  // Extra to pay.
  fee: ['加钱', '要加钱吗', '额外加钱', '补钱', '要收钱', '收我钱', '另外收', '另收', '收不收钱', '要付钱吗', '需要付费吗', '要付费吗', '是不是免费', '免费不', '免费么'],
  // What it costs: more ways to ask.
  price: ['人均', '卖多少', '一份多少', '多少一份', '多少一斤', '一斤多少', '价格贵吗', '均价', '一个多少', '一杯多少', '一次多少', '一晚多少', '一晚上多少', '一节课多少', '一节多少', '一个月多少', '一年多少', '多少一晚', '多少一节'],
  // Open or not: more ways to ask.
  hours: ['开着吗', '开着没', '还开着', '今天休息吗', '休不休息', '开门没', '营业了吗', '营业了没', '今天开门吗', '周几休息', '星期几休息', '哪天休息', '几号开门', '几号营业', '初几开门', '过年营业吗'],
};
