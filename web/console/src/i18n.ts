import { createContext, useContext } from 'react';

/** Every text of the console, Chinese first, English second (the switch in the header). */
const zh = {
  title: 'Kefu 客服控制台',
  tenant: '商户',
  username: '用户名',
  password: '密码',
  login: '登录',
  logout: '退出',
  workbench: '工作台',
  dashboard: '质量看板',
  settings: '设置',
  waiting: '待接入',
  mine: '我的会话',
  claim: '接入',
  all: '全部',
  transfer: '转接到…',
  escalate: '升级专家',
  hold: '挂起',
  reply: '回复用户',
  note: '内部备注',
  notePlaceholder: '只有同事能看到的备注',
  addNote: '添加备注',
  resolve: '结束会话',
  send: '发送',
  composerPlaceholder: '输入回复,Enter 发送',
  noConversation: '从左侧选择一个会话',
  ticket: '工单',
  category: '分类',
  orderNo: '订单号',
  amount: '金额',
  time: '时间',
  fromPicture: '来自图片',
  edited: '已修正',
  fromVoice: '来自语音',
  untranscribed: '未转写',
  picture: '图片',
  volume: '会话量',
  firstResponse: '平均首次响应',
  fcr: '一次解决率',
  complaintRate: '投诉率',
  selfService: '自助解决率',
  automation: '自动解决率',
  verifiedResolution: '验证解决率',
  automationByCategory: '按分类的自动化',
  questions: '问题数',
  satisfaction: '满意度',
  slaBreaches: '超时 (SLA)',
  goal: '目标',
  byCategory: '按分类的会话量',
  live: '实时',
  queue: '排队',
  longestWait: '最长等待',
  agentsOnline: '在线',
  agentsBusy: '忙碌',
  agentsAway: '小休',
  agentsOffline: '离线',
  entryStyle: '入口按钮样式',
  color: '颜色',
  placement: '位置',
  label: '文字',
  save: '保存',
  saved: '已保存',
  preview: '预览',
  noData: '暂无数据',
  sessionExpired: '登录已过期,请重新登录',
  presence: '状态',
  load: '接待',
  autoAway: '长时间未操作,已切换为小休',
  newAssigned: '新会话已分配给您',
  newMessages: '新消息',
  panelFailed: '这部分出错了',
  retry: '重试',
  handledBy: '正在处理',
  takeOver: '接管',
  whisper: '悄悄话(备注)',
  onlyAssignee: '只有负责的客服可以回复',
  suggestion: '建议分类',
  accept: '采用',
  dismiss: '忽略',
  phone: '手机',
  bankCard: '银行卡',
  idCard: '身份证',
  cardTail: '卡尾号',
  customer: '客户',
  security: '账户安全',
  agents: '客服',
  capacity: '接待量',
};
export type Texts = typeof zh;
const en: Texts = {
  title: 'Kefu console',
  tenant: 'Merchant',
  username: 'Username',
  password: 'Password',
  login: 'Log in',
  logout: 'Log out',
  workbench: 'Workbench',
  dashboard: 'Dashboard',
  settings: 'Settings',
  waiting: 'Waiting',
  mine: 'Mine',
  claim: 'Claim',
  all: 'All',
  transfer: 'Transfer to…',
  escalate: 'Escalate',
  hold: 'Hold',
  reply: 'Reply',
  note: 'Internal note',
  notePlaceholder: 'Only colleagues see this note',
  addNote: 'Add note',
  resolve: 'Resolve',
  send: 'Send',
  composerPlaceholder: 'Type a reply, Enter to send',
  noConversation: 'Pick a conversation on the left',
  ticket: 'Ticket',
  category: 'Category',
  orderNo: 'Order no.',
  amount: 'Amount',
  time: 'Time',
  fromPicture: 'from picture',
  edited: 'corrected',
  fromVoice: 'from voice',
  untranscribed: 'not transcribed',
  picture: 'Picture',
  volume: 'Volume',
  firstResponse: 'First response',
  fcr: 'First-contact resolution',
  complaintRate: 'Complaint rate',
  selfService: 'Self-service rate',
  automation: 'Automation rate',
  verifiedResolution: 'Verified resolution',
  automationByCategory: 'Automation by category',
  questions: 'Questions',
  satisfaction: 'Satisfaction',
  slaBreaches: 'SLA breaches',
  goal: 'Goal',
  byCategory: 'Volume by category',
  live: 'Live',
  queue: 'Queue',
  longestWait: 'Longest wait',
  agentsOnline: 'Online',
  agentsBusy: 'Busy',
  agentsAway: 'Away',
  agentsOffline: 'Offline',
  entryStyle: 'Entry button style',
  color: 'Colour',
  placement: 'Placement',
  label: 'Label',
  save: 'Save',
  saved: 'Saved',
  preview: 'Preview',
  noData: 'No data',
  sessionExpired: 'Your session has expired, please log in again',
  presence: 'Status',
  load: 'Serving',
  autoAway: 'No activity for a while: you are now away',
  newAssigned: 'A new conversation was assigned to you',
  newMessages: 'New messages',
  panelFailed: 'This part failed',
  retry: 'Retry',
  handledBy: 'Handled by',
  takeOver: 'Take over',
  whisper: 'Whisper (note)',
  onlyAssignee: 'Only the assigned agent can reply',
  suggestion: 'Suggested category',
  accept: 'Accept',
  dismiss: 'Dismiss',
  phone: 'Phone',
  bankCard: 'Bank card',
  idCard: 'ID card',
  cardTail: 'Card ending',
  customer: 'Customer',
  security: 'Account security',
  agents: 'Agents',
  capacity: 'Load',
};

export type Locale = 'zh-CN' | 'en';
export const textsFor = (locale: Locale): Texts => (locale === 'en' ? en : zh);
export const TextsContext = createContext<Texts>(zh);
export const useT = (): Texts => useContext(TextsContext);

/**
 * Texts of the settings pages and the security view, keyed by their Chinese (the source language):
 * `tr('知识库')` is 知识库 in Chinese and "Knowledge base" in English. One table, next to the above.
 */
const enByZh: Record<string, string> = {
  客户: 'Customer', 姓名: 'Name', 手机: 'Phone', 常住: 'Lives in', 最近交易: 'Recent transactions', 历史会话: 'Past conversations', 设备: 'Devices',
  账户安全: 'Account security', 常用: 'trusted', 新设备: 'new device', 当前: 'current', 异常: 'abnormal', 失败: 'failed',
  '近 30 天登录地': 'Logins in the last 30 days', 交易时间线: 'Transaction timeline', 设备指纹对比: 'Device fingerprints', 没有查看客户资料的权限: 'Not allowed to view customer data',
  知识库: 'Knowledge base', 分配规则: 'Routing', 快捷回复: 'Canned replies', 员工: 'Staff', 试一试: 'Try it', 技能组: 'Skill groups',
  保存: 'Save', 新增: 'Add', 删除: 'Delete', 已保存: 'Saved', 导入: 'Import', '导出 CSV': 'Export CSV', 搜索问题: 'Search questions',
  问题: 'Question', 分类: 'Category', 启用: 'Enabled', 答案: 'Answer', 标题: 'Title', 内容: 'Text', 邀请: 'Invite', 重置密码: 'Reset password',
  用户名: 'Username', 显示名: 'Display name', 角色: 'Role', 技能: 'Skills', 客户资料: 'Customer data', 始终可见: 'always', 名称: 'Name',
  交易成功: 'Paid', 付款失败: 'Payment failed', 退款受理: 'Refund started', 转账待到账: 'Transfer pending', 还款到期: 'Repayment due', 异常登录: 'Unusual login',
  主动服务: 'Proactive', 主动服务规则: 'Proactive rules', 事件密钥: 'Event secret', 生成新密钥: 'New secret', 事件: 'Event', '延迟(分钟)': 'Delay (min)',
  消息: 'Message', 关联问题: 'Related FAQ', '去重(小时)': 'Once per (h)', '密钥只显示这一次,请立即保存。': 'The secret is shown only this once; store it now.',
  '业务系统用此密钥签名 POST /v1/events;生成新密钥后旧密钥立即失效。': 'Your systems sign POST /v1/events with this secret; a new secret replaces the old one at once.',
  回复通知: 'Reply notices', '订阅消息模板 ID(最多 3 个)': 'Subscription template ids (up to 3)', 模板类型: 'Template kind', 一次性订阅: 'One-time', 长期订阅: 'Long-term',
  点击通知打开的页面: 'Page the notice opens', '通知内容(依次填入模板的关键词,{time} 为回复时间)': 'Notice text (the template keywords in order; {time} is the reply time)',
  '用户在小程序里点「有回复时通知我」并同意订阅后,客服回复时支付宝会发一条订阅消息。模板在支付宝商家平台的「消息接入」中选择。': 'When a user taps “Notify me” in the mini-program and subscribes, Alipay sends a subscription message when an agent replies. Choose the templates under 消息接入 on Alipay’s merchant platform.',
  专家组: 'Expert', 服务时间: 'Service hours', 全天候: 'Around the clock', 限定时间: 'Limited', 默认技能组: 'Default group',
  全部下线: 'Log out everywhere', 已全部下线: 'All sessions ended', 登录锁定: 'Login lock', 已锁定: 'Locked until', 解锁: 'Unlock',
  多: 'more', 少: 'fewer', 今天: 'Today', '近 7 天': 'Last 7 days', '近 30 天': 'Last 30 days', 投诉: 'complaint',
  决定: 'Decision', 直接回答: 'answer directly', '给出建议(您想问的是不是)': 'suggest (did you mean)', 转人工: 'hand off to a human',
  输入一个用户可能问的问题: 'A question a user might ask', '相似问法(每行一条)': 'Similar phrasings (one per line)', 编辑问答: 'Edit entry', 新增问答: 'New entry', 导入完成: 'Imported',
  '排队自动回复(秒)': 'Automatic reply while queued (s)', '客服未回复改派(秒)': 'Re-offer when the agent does not reply (s)', '大额升级金额(元)': 'Escalate amounts from (yuan)',
  '7 天内第几次同类咨询升级': 'Escalate at the nth similar contact in 7 days', 'VIP 每级提前(秒)': 'VIP lead per tier (s)', 回访原客服的天数: 'Days to prefer the previous agent',
  等待原客服的秒数: 'Seconds to wait for the previous agent', '专家组(复杂案件)': 'Expert group (complex cases)', 默认: 'Default', 至: 'to',
  '小写字母开头,3-32 位': 'Starts with a lower-case letter, 3-32 characters', '临时密码(只显示这一次)': 'Temporary password (shown once)', 的临时密码: "'s temporary password",
  '成员(员工用户名)': 'Members (usernames)', '删除这个技能组?': 'Delete this skill group?', 新组ID: 'New group id', 新增技能组: 'Add group', 技能组ID: 'Group id',
  图标: 'Icon', 耳机: 'Headset', 上传图片: 'Upload image', '图片地址 (https)': 'Image URL (https)', 自定义图片: 'Own image', 图标已上传: 'Icon uploaded',
  'PNG 或 JPEG,不超过 50 KB、512×512': 'PNG or JPEG, up to 50 KB and 512×512', '图标仅支持 PNG 或 JPEG 图片': 'The icon must be a PNG or JPEG image', '图标不能超过 50 KB': 'The icon must be at most 50 KB', 角标: 'Badge', '偏移 X / Y (rpx)': 'Offset X / Y (rpx)',
  '按钮的 H5 地址': 'H5 addresses of the buttons', 按钮: 'Button', 小程序页面: 'Mini-program page', 'H5 地址': 'H5 address', 改为全角: 'Use full-width',
  '知识库答案下的按钮打开小程序页面;在 H5 上打开这里填写的 https 地址,未填写时由机器人回答': "The buttons under FAQ answers open mini-program pages; on H5 they open the https address given here, or the bot answers when there is none",
  '答案里的中文用了半角标点,建议改为全角:': 'The Chinese answer has half-width punctuation; full-width suggested:',
  在线设置: 'Presence', 登录即在线: 'Online on login', '无操作自动小休(分钟,0 为关闭)': 'Away after idle minutes (0: off)', 客服状态: 'Agents', 已分配: 'assigned',
  周一: 'Mon', 周二: 'Tue', 周三: 'Wed', 周四: 'Thu', 周五: 'Fri', 周六: 'Sat', 周日: 'Sun', 未知问题: 'Unknown question', 普通: 'Standard', 黄金: 'Gold', 铂金: 'Platinum', 钻石: 'Diamond', 元: 'yuan',
  'VIP 1 级及以上专席': 'VIP tier 1 and up', 'VIP 2 级及以上专席': 'VIP tier 2 and up', 'VIP 3 级及以上专席': 'VIP tier 3 and up', 其他: 'Other', 用户: 'User', 机器人: 'Bot', 系统: 'System',
  待补充的问题: 'Questions to add', 刷新: 'Refresh', 次数: 'Times', 来源: 'From', 最接近的条目: 'Nearest entry', 无: 'none', 操作: 'Actions', 条目: 'Entry',
  新建条目: 'New entry', 加为相似问法: 'Add as similar question', 忽略: 'Dismiss', 已新建条目: 'Entry created', 已加为相似问法: 'Added as similar questions', 已忽略: 'Dismissed',
  '加为相似问法(每行一条)': 'Add as similar questions (one per line)', 暂无待补充的问题: 'No questions to add',
  用户对这些答案点了没解决: 'Users marked these answers not solved',
  '机器人转了人工、给了建议但用户没有选、或用户点了没解决的问题,按相似程度分组。': 'Questions the bot handed to a human, met with suggestions the user did not pick, or answered and the user marked not solved, grouped by similarity.',
};

type Pair = readonly [zh: string, en: string];
/**
 * The stored codes the console shows, by kind, in Chinese and English: no code is ever printed as
 * it is (`queued`, `refund`, `lowConfidence`, `appVersion` ...). An unknown code reads 其他 / Other.
 */
const codeTable = {
  status: { bot: ['机器人接待', 'With the bot'], queued: ['排队中', 'Queued'], assigned: ['服务中', 'In service'], resolved: ['已解决', 'Resolved'], rated: ['已评价', 'Rated'], abandoned: ['已放弃', 'Abandoned'] },
  category: {
    payment: ['支付', 'Payment'], transfer: ['转账', 'Transfer'], refund: ['退款', 'Refund'], bill: ['账单', 'Bill'], credit: ['花呗借呗', 'Credit'],
    wealth: ['理财', 'Wealth'], account: ['账户安全', 'Account security'], life: ['生活缴费', 'Utilities'], merchant: ['商家收款', 'Merchant'], other: ['其他', 'Other'],
  },
  presence: { online: ['在线', 'Online'], busy: ['忙碌', 'Busy'], away: ['小休', 'Away'], offline: ['离线', 'Offline'] },
  role: { agent: ['客服', 'Agent'], supervisor: ['主管', 'Supervisor'], admin: ['管理员', 'Admin'], user: ['用户', 'User'], bot: ['机器人', 'Bot'], system: ['系统', 'System'] },
  reason: {
    confident: ['匹配度高', 'confident match'], close: ['几条答案相近', 'close candidates'], lowConfidence: ['匹配度低', 'low confidence'], explicitRequest: ['用户要求人工', 'asked for a human'],
    emptyKnowledgeBase: ['知识库为空', 'empty knowledge base'], unresolvedTwice: ['两次未解决', 'unresolved twice'], leftMessage: ['留言', 'left a message'],
    complaint: ['用户投诉', 'complaint'], accountTheft: ['疑似账户被盗', 'account theft'], flowUnsettled: ['自助查询未解决', 'self-service could not settle'],
  },
  risk: { newDevice: ['新设备', 'New device'], newCity: ['新城市', 'New city'], nightTime: ['夜间', 'Night'], largeAmount: ['大额', 'Large amount'], rapidSuccession: ['短时连续', 'Rapid succession'] },
  device: {
    model: ['机型', 'Model'], os: ['系统', 'OS'], carrier: ['运营商', 'Carrier'], timezone: ['时区', 'Time zone'], language: ['语言', 'Language'], screen: ['屏幕', 'Screen'], appVersion: ['支付宝版本', 'Alipay version'],
  },
  entryIcon: { headset: ['耳机', 'Headset'], chat: ['对话气泡', 'Chat bubble'], question: ['问号', 'Question mark'], phone: ['手机', 'Phone'] },
  placement: { 'top-left': ['左上', 'Top left'], 'top-right': ['右上', 'Top right'], 'bottom-left': ['左下', 'Bottom left'], 'bottom-right': ['右下', 'Bottom right'] },
  txStatus: { success: ['成功', 'Succeeded'], failed: ['失败', 'Failed'], pending: ['处理中', 'Pending'] },
  gapKind: { handoff: ['转人工', 'Handed off'], suggested: ['建议未选', 'Suggestion not picked'], unresolved: ['没解决', 'Not solved'] },
} satisfies Record<string, Record<string, Pair>>;
export type CodeKind = keyof typeof codeTable;
const unknownCode: Pair = ['其他', 'Other'];

/** The codes of one kind, in table order (a select of categories, of placements ...). */
export const codesOf = (kind: CodeKind): string[] => Object.keys(codeTable[kind]);
/** Every code the table names: a browser test checks that none of them shows in the Chinese UI. */
export const allCodes = (): string[] => Object.values(codeTable).flatMap((k) => Object.keys(k));

export const LocaleContext = createContext<Locale>('zh-CN');
export function useTr(): (zh: string) => string {
  const locale = useContext(LocaleContext);
  return (zh) => (locale === 'en' ? (enByZh[zh] ?? zh) : zh);
}

/** A code's label in the current language: `label('status', 'queued')` is 排队中 / Queued. */
export function useLabel(): (kind: CodeKind, code: string | undefined) => string {
  const locale = useContext(LocaleContext);
  return (kind, code) => {
    const pair = (codeTable[kind] as Record<string, Pair>)[code ?? ''] ?? unknownCode;
    return locale === 'en' ? pair[1] : pair[0];
  };
}

/** The 留言 tab's texts (issue 20): what waiting users left, and the answer that goes into their chat. */
const leaveZh = {
  tab: '留言',
  open: '待回复',
  answered: '已回复',
  at: '留言时间',
  user: '用户',
  contact: '联系方式',
  byChat: '在对话中回复',
  byPhone: '电话回访',
  text: '留言内容',
  answer: '回复',
  answerPlaceholder: '回复会发到用户的对话里',
  send: '发送回复',
  sent: '已回复,用户会在对话中看到',
  answeredBy: '回复人',
  empty: '暂无留言',
  refresh: '刷新',
};
const leaveEn: typeof leaveZh = {
  tab: 'Messages',
  open: 'To answer',
  answered: 'Answered',
  at: 'Left at',
  user: 'User',
  contact: 'Contact',
  byChat: 'Reply in the chat',
  byPhone: 'Call back',
  text: 'Message',
  answer: 'Answer',
  answerPlaceholder: 'The answer goes into the user\u2019s chat',
  send: 'Send answer',
  sent: 'Answered; the user sees it in the chat',
  answeredBy: 'Answered by',
  empty: 'No messages',
  refresh: 'Refresh',
};
export type LeaveTexts = typeof leaveZh;
export function useLeaveTexts(): LeaveTexts {
  return useContext(LocaleContext) === 'en' ? leaveEn : leaveZh;
}
