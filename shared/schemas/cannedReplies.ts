import { Type, type Static } from '@sinclair/typebox';

/** Quick answers an agent inserts by typing "/" and part of the title. */
export const CannedRepliesRequest = Type.Object(
  {
    replies: Type.Array(Type.Object({ title: Type.String({ minLength: 1, maxLength: 30 }), text: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }), { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type CannedRepliesRequest = Static<typeof CannedRepliesRequest>;

/** What a merchant starts with. */
export const defaultCannedReplies: CannedRepliesRequest['replies'] = [
  { title: '问候', text: '您好,我是您的专属客服,很高兴为您服务,请问有什么可以帮您?' },
  { title: '稍等', text: '好的,正在为您查询,请稍等片刻。' },
  { title: '转账到账', text: '转账到支付宝账户一般实时到账,到银行卡通常 2 小时内,最晚次日 24 点前到账。' },
  { title: '退款进度', text: '退款已受理,原路退回一般 1-3 个工作日到账,请留意账户余额或银行卡流水。' },
  { title: '结束语', text: '请问还有其他可以帮您的吗?如果没有,感谢您的耐心,祝您生活愉快!' },
];
