import type { WriteOp } from '../store';
import type { Principal } from '../auth';
import type { Conversation } from '../schemas';
import { changedView, ViewCache, waitFor, type Notifier } from '../realtime';
import { type ConversationLog, type ConversationQueries, allowed, assertRole, botSays, notice, systemActor, conversationChannels as channels } from '../conversation';
import type { AssignmentService } from './AssignmentService';
import { presenceGone, type RoutingService } from './RoutingService';
import { routingTables as t } from './routingTables';
import { placeIn, type QueueSnapshot } from './queuePlace';
import { chatTexts, placeLine } from '../client';

export interface QueueStatus {
  readonly status: Conversation['status'];
  readonly groupId?: string;
  readonly position?: number;
  readonly estimatedWaitSeconds?: number;
}

/**
 * The waiting side of routing: where a queued conversation stands, the automatic reply after
 * `autoReplySeconds`, the re-offer of a conversation its agent did not answer, supervisors' alerts.
 * The timers commit through the kernel, conditional on the conversation's version, so a second
 * run (or instance) changes nothing twice.
 */
export class QueueTimers {
  /** Each group's queue as its waiting users' long-polls read it: one read for all of them. */
  private readonly queues: ViewCache<QueueSnapshot>;

  constructor(
    private readonly log: ConversationLog,
    private readonly queries: ConversationQueries,
    private readonly routing: RoutingService,
    private readonly assignment: AssignmentService,
    private readonly notifier: Notifier,
  ) {
    this.queues = new ViewCache(notifier, { maxAgeMs: queries.recheckMs / 2 });
  }

  /**
   * 1-based place in the group's queue and an estimated wait. With `known` (the position the
   * client shows), waits until it changes or the timeout passes: a conversation joining or leaving
   * the group's queue wakes the wait.
   */
  async queueStatus(principal: Principal, conversationId: string, options: { known?: number; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<QueueStatus> {
    // A place that differs from the one on screen counts only from a read of the queue begun after
    // this request arrived: the place shown may come from another instance, newer than a shared read.
    const arrived = this.queues.mark();
    const load = async () => (await this.log.load(principal, conversationId)).conversation;
    const statusOf = async (c: Conversation, after: number): Promise<QueueStatus> => {
      if (c.status !== 'queued' || !c.routing) return { status: c.status };
      // When someone leaves the queue every user behind them is woken: the queue is read once
      // for all of them, not once each (the cost of a change would grow with the queue's square).
      const { groupId } = c.routing;
      const snapshot = await this.queues.get(channels.queue(principal.tenant, groupId), groupId, () => this.routing.queueSnapshot(principal.tenant, groupId), after);
      return { status: c.status, groupId, ...placeIn(snapshot, c.routing, c.id) };
    };
    const known = options.known;
    const timeoutMs = Math.min(options.timeoutMs ?? 0, this.queries.longPollTimeoutMs);
    if (known === undefined || timeoutMs <= 0) return statusOf(await load(), arrived);
    const changed = async (c: Conversation) => changedView(arrived, (after) => statusOf(c, after), (s) => s.position === known);
    const c = await load();
    const first = await changed(c);
    if (first) return first;
    // Still at `known`, so queued: its group's queue channel wakes the wait.
    const channel = c.routing ? channels.queue(principal.tenant, c.routing.groupId) : channels.conversation(principal.tenant, conversationId);
    const [found] = await waitFor(this.notifier, channel, async () => {
      const now = await changed(await load());
      return now ? [now] : [];
    }, { timeoutMs, recheckMs: this.queries.recheckMs, ...(options.signal ? { signal: options.signal } : {}) });
    return found ?? statusOf(await load(), arrived);
  }

  /**
   * Timer: the user has waited `afterSeconds`: tell them their place, the estimated wait and
   * questions they can try meanwhile. Once per wait.
   */
  async autoReply(tenant: string, conversationId: string, afterSeconds: number): Promise<boolean> {
    const result = await this.log.commit(systemActor(tenant), conversationId, async (c, now) => {
      if (!allowed('autoReply', c.status) || c.autoRepliedAt || c.leftMessage || !c.queuedAt || now.getTime() - Date.parse(c.queuedAt) < afterSeconds * 1000) return undefined;
      const place = c.routing ? await this.routing.position(tenant, c.routing, c.id) : undefined;
      const items = (c.handoff?.candidates ?? c.botCandidates ?? []).slice(0, 3).map((x) => ({ faqId: x.faqId, question: x.question }));
      const waitText = place ? `${placeLine(place, chatTexts())}。` : '客服正在忙,请稍候。';
      return {
        set: { autoRepliedAt: now.toISOString() },
        events: [
          notice('notice', `${waitText}您也可以留言,客服上线后会第一时间回复。`),
          ...(items.length ? [botSays({ type: 'faqSuggest', text: '等待期间,您可以先看看这些问题:', items })] : []),
        ],
      };
    });
    return !result.unchanged;
  }

  /**
   * Timer: the assigned agent has not replied within `afterSeconds`: the conversation goes to the
   * next available agent of its group, and supervisors are alerted. With nobody else free it stays
   * with the agent (the queue would give it straight back) and only the alert is written, once per
   * assignment; a colleague who frees up later still takes it. Returns the new agent's id,
   * 'alerted', or undefined.
   */
  reofferUnanswered(tenant: string, conversationId: string, afterSeconds: number): Promise<string | undefined> {
    return this.handOn(tenant, conversationId, 'noReply', (c, now) => !c.agentRepliedAt && !c.onHold && now.getTime() - Date.parse(c.assignedAt!) >= afterSeconds * 1000);
  }

  /**
   * Timer: the assigned agent is gone (offline and silent past the presence timeout: logged out,
   * disabled, the console closed): nobody would answer the user, replied to or held, so the
   * conversation is handed on as an unanswered one is. Returns as {@link reofferUnanswered}.
   */
  reofferFromOffline(tenant: string, conversationId: string): Promise<string | undefined> {
    return this.handOn(tenant, conversationId, 'agentOffline', async (c, now) => presenceGone((await this.routing.presence(tenant, c.assigneeId!)).value, now.getTime()));
  }

  private async handOn(tenant: string, conversationId: string, why: 'noReply' | 'agentOffline', due: (c: Conversation, now: Date) => boolean | Promise<boolean>): Promise<string | undefined> {
    let outcome: string | undefined;
    const result = await this.log.commit(systemActor(tenant), conversationId, async (c, now) => {
      outcome = undefined;
      if (!allowed('reoffer', c.status) || !c.assignedAt || !c.assigneeId || !(await due(c, now))) return undefined;
      const next = (await this.routing.availableAgents(tenant, c.routing?.groupId ?? '')).find((a) => a.presence.agentId !== c.assigneeId);
      const alert: WriteOp = {
        op: 'put',
        table: t.alert,
        key: [now.getTime(), c.id],
        value: { type: why, conversationId: c.id, agentId: c.assigneeId, at: now.toISOString(), next: next?.presence.agentId ?? null },
      };
      // Nobody else is free and the agent is still here: it stays theirs, supervisors are told.
      if (!next && why === 'noReply') {
        if (alertedThisAssignment(c)) return undefined;
        outcome = 'alerted';
        return { set: { noReplyAlertedAt: now.toISOString() }, events: [], ops: [alert] };
      }
      const release = await this.assignment.release(c);
      // A hold was the old agent's; the next one starts without it.
      const unhold = c.onHold ? { set: { onHold: false }, events: [{ type: 'held' as const, onHold: false }] } : { set: {}, events: [] };
      if (next) {
        outcome = next.presence.agentId;
        const change = this.assignment.assign(c, next.presence.agentId, next.presence.name, 'reoffer', this.routing.loadOp(next, 1));
        return { ...change, set: { ...change.set, ...unhold.set }, events: [...unhold.events, ...(change.events ?? [])], ops: [...(change.ops ?? []), ...release, alert] };
      }
      // Nobody else is free and the agent is gone: back to the front of the group's queue (its original place).
      outcome = 'queued';
      return {
        set: { status: 'queued', queuedAt: now.toISOString(), assigneeId: null, assigneeName: null, ...unhold.set },
        events: [...unhold.events, notice('queued', '正在为您转接其他客服,请稍候'), { type: 'queued', status: 'queued', cause: 'reoffer', ...(c.routing ? { routing: c.routing } : {}) }],
        ops: [...release, alert],
      };
    });
    if (result.unchanged) return undefined;
    this.notifier.notify(channels.alerts(tenant));
    return outcome;
  }

  /** Supervisors' alerts (agents who did not reply in time), newest first. */
  async alerts(staff: Principal, limit = 50): Promise<Record<string, unknown>[]> {
    assertRole(staff, ['supervisor', 'admin']);
    return (await this.log.db(staff.tenant).range(t.alert, [], { direction: 'backward', limit })).rows.map((r) => r.value);
  }
}

/** Supervisors were already told of this assignment's silence (the agent keeps it: nobody else was free). */
function alertedThisAssignment(c: Conversation): boolean {
  return !!c.noReplyAlertedAt && !!c.assignedAt && Date.parse(c.noReplyAlertedAt) >= Date.parse(c.assignedAt);
}
