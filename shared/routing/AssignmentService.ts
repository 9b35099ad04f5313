import { conversationFor, type Committed, type ConversationLog, type Decision, type ConversationQueries, allowed, assertRole, notice, systemActor } from '../conversation';
import { KefuError } from '../errors';
import type { Key, WriteOp } from '../store';
import type { Principal } from '../auth';
import type { Conversation, PresenceStatus, RoutingInfo } from '../schemas';
import type { AgentPresence, AvailableAgent, RoutingService } from './RoutingService';

const STAFF: readonly Principal['role'][] = ['agent', 'supervisor', 'admin'];

export interface TransferTarget {
  readonly toAgentId?: string;
  readonly toGroupId?: string;
  readonly note?: string;
}

/**
 * Who holds a conversation: an agent claims it, routing dispatches the queue to free agents, staff
 * transfer, escalate or resolve it. Every change is one commit through the conversation kernel,
 * with the agents' loads in the same batch, conditional on the versions read, so two claims or
 * dispatchers never both win and no agent goes over capacity.
 */
export class AssignmentService {
  constructor(
    private readonly log: ConversationLog,
    private readonly queries: ConversationQueries,
    private readonly routing: RoutingService,
  ) {}

  /**
   * An agent takes a waiting conversation: exactly one of two concurrent claims wins, the other
   * gets ALREADY_CLAIMED; an agent at capacity gets AT_CAPACITY. Claiming one's own is a no-op.
   */
  async claim(agent: Principal, conversationId: string): Promise<Conversation> {
    assertRole(agent, STAFF);
    const result = await this.log.commit(agent, conversationId, async (c) => {
      if (c.status === 'assigned' && c.assigneeId === agent.id) return undefined;
      allowed('claim', c.status);
      const load = await this.routing.presence(agent.tenant, agent.id);
      // Agents are held to their capacity; a supervisor taking a case over is an override.
      if (agent.role === 'agent' && load.value.active >= load.value.capacity) throw new KefuError('AT_CAPACITY');
      return this.assign(c, agent.id, agent.name ?? agent.id, 'claim', this.routing.loadOp(load, 1));
    });
    return conversationFor(agent, result.conversation);
  }

  /** Ends the conversation; by its assignee, or by a supervisor/admin. The agent's seat frees up. */
  async resolve(staff: Principal, conversationId: string): Promise<Conversation> {
    assertRole(staff, STAFF);
    const result = await this.log.commit(staff, conversationId, async (c) => {
      allowed('resolve', c.status);
      if (staff.role === 'agent' && c.assigneeId !== staff.id) throw new KefuError('NOT_ASSIGNEE');
      return {
        set: { status: 'resolved', resolvedAt: this.log.now().toISOString(), resolution: 'agent' },
        events: [notice('resolved', '本次会话已结束,感谢您的耐心'), { type: 'resolved', status: 'resolved', resolution: 'agent', by: staff.id }],
        ops: await this.release(c),
      };
    });
    return conversationFor(staff, result.conversation);
  }

  /**
   * Moves a conversation to another agent (online with a free seat) or back into a group's queue,
   * with a note for whoever takes it. By its assignee, or a supervisor/admin.
   */
  async transfer(staff: Principal, conversationId: string, target: TransferTarget): Promise<Conversation> {
    assertRole(staff, STAFF);
    if (!target.toAgentId === !target.toGroupId) {
      throw new KefuError('VALIDATION_FAILED', '请指定 toAgentId 或 toGroupId 其中之一', { field: 'toAgentId', reason: 'oneOf' });
    }
    if (target.toGroupId) {
      const group = await this.routing.getGroup(staff.tenant, target.toGroupId);
      return this.requeue(staff, conversationId, 'transfer', (c) => ({
        groupId: group.id,
        layer: 'transfer',
        reason: `转接至${group.name}`,
        vipTier: c.routing?.vipTier ?? 0,
        rank: c.routing?.rank ?? this.log.now().getTime(),
        ...(target.note ? { note: target.note } : {}),
      }), `正在为您转接至${group.name},请稍候`);
    }
    const toAgentId = target.toAgentId!;
    const result = await this.log.commit(staff, conversationId, async (c) => {
      this.assertCanHandOn(staff, c);
      if (c.assigneeId === toAgentId) return undefined;
      const to = await this.routing.presence(staff.tenant, toAgentId);
      if (!this.routing.isAvailable(to.value)) throw new KefuError('AGENT_UNAVAILABLE', `客服 ${to.value.name} 不在线或已满负荷`, { agentId: toAgentId });
      const routing: RoutingInfo = { ...(c.routing ?? { groupId: '', vipTier: 0, rank: 0 }), layer: 'transfer', reason: `由${staff.name ?? staff.id}转接`, ...(target.note ? { note: target.note } : {}) };
      return {
        set: { ...this.assigneeFields(toAgentId, to.value.name), status: 'assigned', routing },
        events: [
          notice('assigned', `已为您转接至客服${to.value.name}`),
          {
            type: 'transferred',
            status: 'assigned',
            by: staff.id,
            ...(c.assigneeId ? { fromAgentId: c.assigneeId } : {}),
            toAgentId,
            assigneeName: to.value.name,
            routing,
            ...(target.note ? { note: target.note } : {}),
          },
        ],
        ops: [...(await this.release(c)), this.routing.loadOp(to, 1)],
      };
    });
    return conversationFor(staff, result.conversation);
  }

  /** Sends a conversation to the expert seats (layer 3) with the agent's reason. */
  async escalate(staff: Principal, conversationId: string, note?: string): Promise<Conversation> {
    assertRole(staff, STAFF);
    return this.requeue(staff, conversationId, 'escalate', async (c) => {
      const info = await this.routing.decide(staff.tenant, c, [], { escalation: 'agentEscalation', ...(note ? { note } : {}) });
      if (!info) throw new KefuError('GROUP_NOT_FOUND', '没有可升级的专家组');
      return info;
    }, '您的问题已升级至专家坐席,请稍候');
  }

  /**
   * Assigns waiting conversations of a group to its available agents until one runs out: the
   * queue's order (VIP lead included), the agent with the most free capacity (ties: longest idle),
   * a conversation waiting for the agent who served the user before skipped for others until its
   * wait runs out.
   */
  async dispatch(tenant: string, groupId: string): Promise<number> {
    let assigned = 0;
    for (let round = 0; round < 1000; round++) {
      const [head, agents] = await Promise.all([this.routing.queueHead(tenant, groupId, 20), this.routing.availableAgents(tenant, groupId)]);
      if (!head.length || !agents.length) break;
      let progressed = false;
      for (const row of head) {
        const outcome = await this.assignFromQueue(tenant, row.key, row.value.conversationId, agents);
        if (outcome === 'skipped') continue;
        if (outcome === 'assigned') assigned++;
        progressed = true;
        break;
      }
      if (!progressed) break;
    }
    return assigned;
  }

  /** The agent's own status; coming online takes waiting conversations at once. Returns the presence after. */
  async setPresence(staff: Principal, status: PresenceStatus): Promise<AgentPresence> {
    assertRole(staff, STAFF);
    await this.routing.setPresence(staff.tenant, staff.id, status);
    if (status === 'online') await this.dispatchFor(staff.tenant, staff.id);
    return (await this.routing.presence(staff.tenant, staff.id)).value;
  }

  /** Dispatches every group the agent serves (when they free up or come online). */
  async dispatchFor(tenant: string, agentId: string): Promise<number> {
    let n = 0;
    for (const g of await this.routing.groupsOf(tenant, agentId)) n += await this.dispatch(tenant, g);
    return n;
  }

  /**
   * The kernel's listener: a conversation that joined (or was re-routed within) a queue is offered
   * to the group's free agents; an agent whose conversation ended or moved on takes the next one.
   * A re-offer by the no-reply timer dispatches nothing at once: nobody else was free, and the
   * agent who did not answer would get it straight back; the next sweep or a freed seat takes it.
   */
  readonly onCommitted = async (committed: Committed): Promise<void> => {
    const { before, after, events, tenant } = committed;
    if (events.some((e) => (e.type === 'assigned' || e.type === 'queued') && e.cause === 'reoffer')) return;
    const routed = after.status === 'queued' && after.routing && (before.status !== 'queued' || JSON.stringify(before.routing) !== JSON.stringify(after.routing));
    if (routed && after.routing) await this.dispatch(tenant, after.routing.groupId);
    const freed = before.status === 'assigned' && before.assigneeId && !(after.status === 'assigned' && after.assigneeId === before.assigneeId) ? before.assigneeId : undefined;
    if (!freed) return;
    if (after.status === 'resolved' && before.assignedAt) await this.routing.recordHandling(tenant, (Date.parse(after.updatedAt) - Date.parse(before.assignedAt)) / 1000);
    await this.dispatchFor(tenant, freed);
  };

  private async assignFromQueue(tenant: string, queueKey: Key, conversationId: string, agents: readonly AvailableAgent[]): Promise<'assigned' | 'skipped' | 'retry'> {
    const c = await this.queries.stored(tenant, conversationId);
    const current = c?.status === 'queued' && c.routing ? this.routing.queueKey(c.routing, c.id) : undefined;
    if (!c || !allowed('dispatch', c.status) || !c.routing || current?.join('\u0000') !== queueKey.join('\u0000')) {
      // A queue row left behind (the conversation moved on, was re-routed, or is gone): drop it.
      await this.log.db(tenant).batchWrite([this.routing.dropQueueRowOp(queueKey)]);
      return 'retry';
    }
    const now = this.log.now();
    const preferred = c.routing.preferredAgentId && c.routing.preferUntil && now.getTime() < Date.parse(c.routing.preferUntil) ? c.routing.preferredAgentId : undefined;
    const pick = preferred ? agents.find((a) => a.presence.agentId === preferred) : agents[0];
    if (!pick) return 'skipped';
    try {
      const result = await this.log.commit(systemActor(tenant), conversationId, (fresh) =>
        // Decided on the row as read for the pick; a conversation that moved meanwhile is re-read by the next round.
        fresh.status === 'queued' && fresh.lastSeq === c.lastSeq ? this.assign(fresh, pick.presence.agentId, pick.presence.name, 'dispatch', this.routing.loadOp(pick, 1)) : undefined,
        { retries: 0 },
      );
      return result.unchanged ? 'retry' : 'assigned';
    } catch (err) {
      // The agent's load changed (another dispatcher gave them a conversation): read again.
      if (err instanceof KefuError && err.code === 'CONFLICT') return 'retry';
      throw err;
    }
  }

  /** The change that gives a conversation to an agent; the inbox and queue rows follow by projection. */
  assign(c: Conversation, agentId: string, name: string, cause: 'claim' | 'dispatch' | 'reoffer', loadOp: WriteOp): Decision {
    return {
      set: { ...this.assigneeFields(agentId, name), status: 'assigned' },
      events: [notice('assigned', `客服${name}已接入,正在为您服务`), { type: 'assigned', status: 'assigned', assigneeId: agentId, assigneeName: name, cause }],
      ops: [loadOp],
    };
  }

  private assigneeFields(agentId: string, name: string) {
    return { assigneeId: agentId, assigneeName: name, assignedAt: this.log.now().toISOString(), agentRepliedAt: null };
  }

  /** The assigned agent's seat, given back in the same batch as the change that frees it. */
  async release(c: Conversation): Promise<WriteOp[]> {
    if (c.status !== 'assigned' || !c.assigneeId) return [];
    return [this.routing.loadOp(await this.routing.presence(c.tenant, c.assigneeId), -1)];
  }

  /** Puts an open conversation back into a queue (transfer to a group, escalation), freeing its agent. */
  private async requeue(staff: Principal, conversationId: string, cause: 'transfer' | 'escalate', route: (c: Conversation) => RoutingInfo | Promise<RoutingInfo>, text: string): Promise<Conversation> {
    const result = await this.log.commit(staff, conversationId, async (c) => {
      this.assertCanHandOn(staff, c);
      const routing = await route(c);
      const queued = cause === 'transfer'
        ? { type: 'transferred' as const, status: 'queued' as const, by: staff.id, ...(c.assigneeId ? { fromAgentId: c.assigneeId } : {}), toGroupId: routing.groupId, routing, ...(routing.note ? { note: routing.note } : {}) }
        : { type: 'queued' as const, status: 'queued' as const, cause, routing };
      return {
        set: { status: 'queued', queuedAt: this.log.now().toISOString(), routing, assigneeId: null, assigneeName: null },
        events: [notice('queued', text), queued],
        ops: await this.release(c),
      };
    });
    // The queue was dispatched by the listener meanwhile: answer with where the conversation is now.
    return conversationFor(staff, result.unchanged ? result.conversation : (await this.log.load(staff, conversationId)).conversation);
  }

  /** An agent may pass on only their own conversation; supervisors and admins any open one. */
  private assertCanHandOn(staff: Principal, c: Conversation): void {
    allowed('handOn', c.status);
    if (staff.role === 'agent' && !(c.status === 'assigned' && c.assigneeId === staff.id)) throw new KefuError('NOT_ASSIGNEE');
  }
}
