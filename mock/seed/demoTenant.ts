/**
 * The demo merchant seeded on the first `npm run dev`: staff with different skills, and end users of
 * whom some are VIP. Credentials are for local use only and are printed at start.
 */
export const DEMO_TENANT = 'demo';
export const DEMO_PASSWORD = 'Kefu@2026';
/**
 * The demo merchant's one-time subscription template for reply notices; `npm run dev` defines it in
 * the Alipay gateway stand-in, as a merchant chooses it on the merchant platform.
 */
export const DEMO_REPLY_TEMPLATE = 'demo-reply-once';

export const demoStaff = [
  // The demo agents may see customer data; a newly invited agent may not until an admin allows it.
  { username: 'xiaowang', displayName: '小王', role: 'agent', skills: ['支付', '转账', '退款'], level: 'normal', maxConcurrent: 5, customerData: true },
  { username: 'xiaoli', displayName: '小李', role: 'agent', skills: ['理财', '花呗借呗', '生活缴费'], level: 'normal', maxConcurrent: 5, customerData: true },
  { username: 'laozhang', displayName: '老张', role: 'agent', skills: ['账户安全', '投诉', 'VIP'], level: 'expert', maxConcurrent: 3, customerData: true },
  { username: 'chenzhuguan', displayName: '陈主管', role: 'supervisor', skills: [], level: 'expert', maxConcurrent: 3 },
  { username: 'admin', displayName: '商户管理员', role: 'admin', skills: [], level: 'normal', maxConcurrent: 0 },
] as const;

const names = [
  '张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周婷', '吴强',
  '徐丽', '孙杰', '胡军', '朱琳', '高鹏', '林涛', '何雪', '郭斌', '马超', '罗欣',
];

/** VIP tiers: 3 = 钻石, 2 = 铂金, 1 = 黄金, 0 = 普通. Six of the twenty are VIP. */
const vipTiers: Record<number, number> = { 1: 3, 4: 2, 7: 1, 10: 1, 13: 2, 17: 1 };

export const demoUsers = names.map((name, i) => ({
  id: `u${String(i + 1).padStart(3, '0')}`,
  name,
  vipTier: vipTiers[i + 1] ?? 0,
}));

/** Skill groups of the demo merchant (ids are those of the default routing settings). */
export const demoGroups = [
  { id: 'payment', name: '支付', members: ['xiaowang'], expert: false },
  { id: 'wealth', name: '理财', members: ['xiaoli'], expert: false },
  { id: 'life', name: '生活服务', members: ['xiaoli'], expert: false },
  { id: 'expert', name: '账户安全专家', members: ['laozhang', 'chenzhuguan'], expert: true },
  { id: 'vip', name: 'VIP专席', members: ['laozhang', 'xiaowang'], expert: false },
  { id: 'intl', name: '国际支付', members: ['laozhang', 'xiaowang'], expert: false },
];

/** A card refused abroad, from a country the messages name, goes to the international-payments seats. */
export const demoScenarioRules = [
  { id: 'cross-border', name: '境外支付', scenarios: ['payment.crossBorderDeclined', 'payment.crossBorderRate', 'transfer.crossBorderRemit'], regions: ['*'], groupId: 'intl' },
];

/** Users of VIP tier 2 and above (铂金, 钻石) are served by the VIP seats. */
export const demoPinnedTiers = { '2': 'vip' };
