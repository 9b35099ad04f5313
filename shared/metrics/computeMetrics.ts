import type { Conversation } from '../schemas';
import { automationByCategory, type AutomationFigures } from './automationByCategory';

/** The goals the dashboard draws each metric against (the product's service targets). */
export const metricGoals = {
  firstResponseSeconds: { target: 45, better: 'lower' },
  firstContactResolutionPct: { target: 85, better: 'higher' },
  complaintRatePct: { target: 0.8, better: 'lower' },
  selfServiceRatePct: { target: 65, better: 'higher' },
  // What the best commercial bots publish as automated resolution (issue 21).
  automationRatePct: { target: 80, better: 'higher' },
} as const;

/**
 * The definitions, as shown on hover in the dashboard. Every rate is over the conversations
 * *created* in the period; a rate with an empty denominator is null (not 0), so "no data" never
 * looks like a failure or a success.
 */
export const metricDefinitions = {
  volume: '期间内新建且用户发过消息的会话数(打开后没有说话的不计)',
  firstResponseSeconds: '转人工的会话从用户转人工到客服第一次回复的平均秒数(只计已有客服回复的会话;改派、转接不重新计时)',
  slaBreaches: '首次响应超过 45 秒的会话数,包括截至统计时刻已等待超过 45 秒仍无人回复的会话',
  firstContactResolutionPct: '已解决的会话中,用户在解决后 24 小时内没有再发起新会话(发过消息的)的比例',
  complaintRatePct: '用户投诉的会话(因投诉转人工,或评价中勾选了"投诉")占全部会话的比例',
  satisfactionAvg: '已评价会话的平均星级(1-5)',
  satisfiedPct: '已评价会话中 4-5 星的比例',
  selfServiceRatePct: '已结束的会话中由机器人解决(用户点了"解决了")的比例',
  volumeByCategory: '按工单分类统计的会话数(未分类计为 other)',
  automationRatePct: '机器人独立解决的问题占全部问题的比例:用户点了"解决了",且会话从未转人工(没有排队、分配、客服回复或留言);问题指用户提过问的会话',
  verifiedResolutionPct: '机器人独立解决且经得起验证的问题占全部问题的比例:会话中从没点过"没解决",评价不是 1-2 星或投诉,同一用户 24 小时内没有就同一分类再次咨询',
  automationByCategory: '按工单分类的问题数、自动解决率、验证解决率,及同分类的自助解决率',
} as const;

export interface Metrics {
  readonly from: string;
  readonly to: string;
  readonly volume: number;
  readonly firstResponseSeconds: number | null;
  readonly slaBreaches: number;
  readonly firstContactResolutionPct: number | null;
  readonly complaintRatePct: number | null;
  readonly satisfactionAvg: number | null;
  readonly satisfiedPct: number | null;
  readonly selfServiceRatePct: number | null;
  readonly volumeByCategory: Readonly<Record<string, number>>;
  readonly automationRatePct: number | null;
  readonly verifiedResolutionPct: number | null;
  readonly automationByCategory: Readonly<Record<string, AutomationFigures>>;
}

const REPEAT_WINDOW_MS = 24 * 3600_000;
const SLA_MS = metricGoals.firstResponseSeconds.target * 1000;

const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 100 : null);
const round1 = (n: number) => Math.round(n * 10) / 10;

/** The user said something in it (understanding filled a ticket; the inbox has a preview). */
function spoke(c: Conversation): boolean {
  return c.ticket !== undefined || c.lastMessagePreview !== undefined;
}

/**
 * When the user first asked for a person: the hand-off, not the latest queueing (a re-offer, a
 * transfer or a hand-on puts queuedAt later, which made waits short and first responses negative).
 */
function askedForPersonAt(c: Conversation): number | undefined {
  const at = c.handoff?.at ?? c.queuedAt;
  return at ? Date.parse(at) : undefined;
}

/** An agent's first reply of the conversation, whichever assignment it was in. */
function firstReplyAt(c: Conversation): number | undefined {
  const at = c.firstAgentReplyAt ?? c.agentRepliedAt;
  return at ? Date.parse(at) : undefined;
}

/**
 * The quality figures of one merchant for [from, to), from its conversations. `all` may hold
 * conversations outside the period: those of the following 24 hours decide whether a resolved
 * conversation was a first-contact resolution. `now` bounds the wait of unanswered conversations.
 */
export function computeMetrics(opened: readonly Conversation[], from: Date, to: Date, now: Date): Metrics {
  // A chat opened and left without a word is no conversation: it counted in the volume, and as a
  // repeat contact that cost the previous one its first-contact resolution (walk finding).
  const all = opened.filter(spoke);
  const inPeriod = all.filter((c) => {
    const t = Date.parse(c.createdAt);
    return t >= from.getTime() && t < to.getTime();
  });
  const waits = inPeriod.flatMap((c) => {
    const asked = askedForPersonAt(c);
    return asked === undefined ? [] : [{ c, asked, replied: firstReplyAt(c) }];
  });
  // A reply before the hand-off is a record of an older kind (before firstAgentReplyAt), not a
  // response time: left out rather than counted as negative.
  const responses = waits.flatMap((w) => (w.replied !== undefined && w.replied >= w.asked ? [w.replied - w.asked] : []));
  const unansweredLate = waits.filter((w) => w.replied === undefined && !w.c.resolvedAt && now.getTime() - w.asked > SLA_MS);

  const resolved = inPeriod.filter((c) => c.resolvedAt);
  const byUser = new Map<string, number[]>();
  for (const c of all) byUser.set(c.userId, [...(byUser.get(c.userId) ?? []), Date.parse(c.createdAt)]);
  const firstContact = resolved.filter((c) => {
    const at = Date.parse(c.resolvedAt!);
    return !(byUser.get(c.userId) ?? []).some((t) => t > at && t - at <= REPEAT_WINDOW_MS);
  });

  const rated = inPeriod.filter((c) => c.rating);
  const stars = rated.map((c) => c.rating!.stars);
  const ended = inPeriod.filter((c) => c.resolution);
  const byCategory: Record<string, number> = {};
  for (const c of inPeriod) {
    const category = c.ticket?.category?.value ?? 'other';
    byCategory[category] = (byCategory[category] ?? 0) + 1;
  }
  const automation = automationByCategory(inPeriod, all);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    volume: inPeriod.length,
    firstResponseSeconds: responses.length ? round1(responses.reduce((a, b) => a + b, 0) / responses.length / 1000) : null,
    slaBreaches: responses.filter((ms) => ms > SLA_MS).length + unansweredLate.length,
    firstContactResolutionPct: pct(firstContact.length, resolved.length),
    // A user who said 我要投诉 complained whether or not they ticked it again in the rating.
    complaintRatePct: pct(inPeriod.filter((c) => c.rating?.complaint || c.handoff?.reason === 'complaint').length, inPeriod.length),
    satisfactionAvg: stars.length ? Math.round((stars.reduce((a, b) => a + b, 0) / stars.length) * 100) / 100 : null,
    satisfiedPct: pct(stars.filter((s) => s >= 4).length, stars.length),
    selfServiceRatePct: pct(ended.filter((c) => c.resolution === 'selfService').length, ended.length),
    volumeByCategory: byCategory,
    automationRatePct: automation.overall.automationRatePct,
    verifiedResolutionPct: automation.overall.verifiedResolutionPct,
    automationByCategory: automation.byCategory,
  };
}
