import { businessHoursProblem } from './businessHours';
import { KefuError } from '../errors';
import type { Key, Store, StoredRow, TenantStore, WriteOp } from '../store';
import type { AccountService } from '../accounts';
import type { Conversation, PresenceStatus, RoutingInfo, RoutingSettings, SkillGroup, SkillGroupInput } from '../schemas';
import { escalationFor, escalationText } from './escalationFor';
import { matchScenarioRule, scenarioReason } from './matchScenarioRule';
import { ScenarioCatalog } from './ScenarioCatalog';
import { routingTables as t } from './routingTables';
import { placeIn, type QueuePlace, type QueueSnapshot } from './queuePlace';

/** The conversation module's read of a user's conversations, newest first (its ConversationQueries). */
export interface ConversationHistory {
  ofUser(tenant: string, userId: string, limit: number): Promise<Conversation[]>;
}

/** An agent's availability and load; `active` counts their open assigned conversations. */
export interface AgentPresence {
  [column: string]: unknown;
  agentId: string;
  name: string;
  status: PresenceStatus;
  active: number;
  capacity: number;
  lastSeenAt: string;
  /** When the agent last had a conversation assigned or became free: ties go to the longest idle. */
  idleSince: string;
}

export interface QueueEntry {
  [column: string]: unknown;
  conversationId: string;
  enqueuedAt: string;
  vipTier: number;
}

/** An agent who may take a conversation now, with the row version assignment is conditional on. */
export interface AvailableAgent {
  readonly presence: AgentPresence;
  readonly version: number;
}

/** Category names as agents read them in the routing reason. */
const CATEGORY_NAMES: Readonly<Record<string, string>> = {
  payment: '支付',
  transfer: '转账',
  refund: '退款',
  bill: '账单',
  credit: '花呗借呗',
  wealth: '理财',
  account: '账户安全',
  life: '生活缴费',
  merchant: '商家收款',
  other: '其他',
};

/** An agent whose session has not polled for this long counts as offline. */
export const PRESENCE_TIMEOUT_MS = 60_000;

/**
 * Offline and silent past the presence timeout: logged out, disabled or the console closed. An
 * agent who chose 离线 but keeps working in the console (claiming, replying) is offline, not gone.
 */
export function presenceGone(p: AgentPresence, nowMs: number): boolean {
  return p.status === 'offline' && nowMs - Date.parse(p.lastSeenAt) > PRESENCE_TIMEOUT_MS;
}
/** Writes of `lastSeenAt` are skipped when the stored one is fresher than this. */
const TOUCH_INTERVAL_MS = 10_000;
/** Handling time assumed before any conversation was resolved. */
const DEFAULT_HANDLING_SECONDS = 180;

export const defaultRoutingSettings: RoutingSettings = {
  categoryGroups: {
    payment: 'payment',
    transfer: 'payment',
    refund: 'payment',
    bill: 'payment',
    merchant: 'payment',
    account: 'payment',
    credit: 'wealth',
    wealth: 'wealth',
    life: 'life',
    other: 'payment',
  },
  defaultGroup: 'payment',
  expertGroup: 'expert',
  pinnedTiers: {},
  historyDays: 7,
  preferWaitSeconds: 60,
  escalationAmount: 5000,
  repeatContacts: 3,
  // From bench:routing at 90 % load with 10 % VIP: 300 s gave VIP/normal mean wait 0.245, 600 s 0.119.
  vipLeadSeconds: 600,
  autoReplySeconds: 30,
  noReplySeconds: 90,
};

/**
 * Skill groups, agent presence and capacity, the tenant's routing settings, the three-layer
 * routing decision and the per-group priority queues. Assignment itself (which changes the
 * conversation) is AssignmentService's, committed through the conversation kernel and conditional
 * on the rows read here.
 */
export class RoutingService {
  /** The tenant's scenario taxonomy (the default one, edited by the merchant), for scenario rules. */
  readonly scenarios: ScenarioCatalog;

  constructor(
    private readonly store: Store,
    private readonly accounts: AccountService,
    private readonly clock: () => Date = () => new Date(),
    /** A user's past conversations, read through the conversation module's queries. */
    private readonly history: ConversationHistory = { ofUser: () => Promise.resolve([]) },
  ) {
    this.scenarios = new ScenarioCatalog(store, clock);
  }

  // --- groups ----------------------------------------------------------------------------------

  async listGroups(tenant: string): Promise<SkillGroup[]> {
    return (await this.db(tenant).range<SkillGroup>(t.group, [], { limit: 1000 })).rows.map((r) => r.value);
  }

  async getGroup(tenant: string, id: string): Promise<SkillGroup> {
    const row = await this.db(tenant).get<SkillGroup>(t.group, [id]);
    if (!row) throw new KefuError('GROUP_NOT_FOUND', `技能组 ${id} 不存在`);
    return row.value;
  }

  async putGroup(tenant: string, id: string, input: SkillGroupInput): Promise<SkillGroup> {
    const members = [...new Set(input.members)];
    for (const m of members) {
      const staff = await this.accounts.getStaff(tenant, m);
      if (!staff || staff.role === 'admin') throw new KefuError('AGENT_NOT_FOUND', `客服 ${m} 不存在`, { agentId: m });
    }
    const group: SkillGroup = { id, name: input.name, members, expert: input.expert ?? false };
    await this.db(tenant).put(t.group, [id], { ...group });
    return group;
  }

  async deleteGroup(tenant: string, id: string): Promise<void> {
    const settings = await this.settings(tenant);
    if ([settings.defaultGroup, settings.expertGroup].includes(id)) {
      throw new KefuError('VALIDATION_FAILED', `技能组 ${id} 是默认组或专家组,先修改路由设置`, { field: 'id', reason: 'inUse' });
    }
    await this.getGroup(tenant, id);
    await this.db(tenant).delete(t.group, [id]);
  }

  // --- settings --------------------------------------------------------------------------------

  async settings(tenant: string): Promise<RoutingSettings> {
    return (await this.db(tenant).get<RoutingSettings>(t.config, ['settings']))?.value ?? defaultRoutingSettings;
  }

  async putSettings(tenant: string, settings: RoutingSettings): Promise<RoutingSettings> {
    const groups = new Set((await this.listGroups(tenant)).map((g) => g.id));
    const named = [settings.defaultGroup, settings.expertGroup, ...Object.values(settings.categoryGroups), ...Object.values(settings.pinnedTiers), ...(settings.scenarioRules ?? []).map((r) => r.groupId)];
    const missing = named.find((g) => !groups.has(g));
    if (missing) throw new KefuError('GROUP_NOT_FOUND', `技能组 ${missing} 不存在`, { groupId: missing });
    const hours = businessHoursProblem(settings.businessHours);
    if (hours) throw new KefuError('VALIDATION_FAILED', hours, { field: 'businessHours.close', reason: 'range' });
    await this.db(tenant).put(t.config, ['settings'], { ...settings });
    return settings;
  }

  // --- presence --------------------------------------------------------------------------------

  async presence(tenant: string, agentId: string): Promise<StoredRow<AgentPresence>> {
    const row = await this.db(tenant).get<AgentPresence>(t.presence, [agentId]);
    if (row) return row;
    const staff = await this.accounts.getStaff(tenant, agentId);
    if (!staff) throw new KefuError('AGENT_NOT_FOUND', `客服 ${agentId} 不存在`, { agentId });
    const now = this.clock().toISOString();
    const fresh: AgentPresence = { agentId, name: staff.displayName, status: 'offline', active: 0, capacity: staff.maxConcurrent, lastSeenAt: now, idleSince: now };
    try {
      const version = await this.db(tenant).put(t.presence, [agentId], fresh, 'notExists');
      return { key: [agentId], value: fresh, version };
    } catch {
      // Created concurrently: read theirs.
      return (await this.db(tenant).get<AgentPresence>(t.presence, [agentId]))!;
    }
  }

  async setPresence(tenant: string, agentId: string, status: PresenceStatus): Promise<AgentPresence> {
    await this.presence(tenant, agentId);
    const now = this.clock().toISOString();
    await this.db(tenant).update(t.presence, [agentId], { status, lastSeenAt: now });
    return (await this.presence(tenant, agentId)).value;
  }

  /** Records that the agent's session is alive (every workbench request and poll). */
  async touch(tenant: string, agentId: string): Promise<void> {
    const row = await this.db(tenant).get<AgentPresence>(t.presence, [agentId]);
    if (!row || this.clock().getTime() - Date.parse(row.value.lastSeenAt) < TOUCH_INTERVAL_MS) return;
    await this.db(tenant).update(t.presence, [agentId], { lastSeenAt: this.clock().toISOString() });
  }

  /** Agents whose session stopped polling go offline; returns how many. */
  async expireStalePresence(tenant: string): Promise<number> {
    const now = this.clock().getTime();
    let expired = 0;
    for (const row of (await this.db(tenant).range<AgentPresence>(t.presence, [], { limit: 1000 })).rows) {
      if (row.value.status === 'offline' || now - Date.parse(row.value.lastSeenAt) <= PRESENCE_TIMEOUT_MS) continue;
      try {
        await this.db(tenant).update(t.presence, row.key, { status: 'offline' }, { version: row.version });
        expired++;
      } catch {
        // The agent polled (or another sweep got there) meanwhile: nothing to do.
      }
    }
    return expired;
  }

  /** Whether the agent may be given a conversation automatically now. */
  isAvailable(p: AgentPresence, now: Date = this.clock()): boolean {
    return p.status === 'online' && now.getTime() - Date.parse(p.lastSeenAt) <= PRESENCE_TIMEOUT_MS && p.active < p.capacity;
  }

  /** Members of the group who may take a conversation now: most free capacity first, then longest idle. */
  async availableAgents(tenant: string, groupId: string): Promise<AvailableAgent[]> {
    const group = await this.db(tenant).get<SkillGroup>(t.group, [groupId]);
    if (!group) return [];
    const now = this.clock();
    const rows = await Promise.all(group.value.members.map((m) => this.db(tenant).get<AgentPresence>(t.presence, [m])));
    return rows
      .flatMap((r) => (r && this.isAvailable(r.value, now) ? [{ presence: r.value, version: r.version }] : []))
      .sort(
        (a, b) =>
          b.presence.capacity - b.presence.active - (a.presence.capacity - a.presence.active) ||
          Date.parse(a.presence.idleSince) - Date.parse(b.presence.idleSince) ||
          a.presence.agentId.localeCompare(b.presence.agentId),
      );
  }

  /** The conditional change of an agent's load, for the assignment's atomic batch. */
  loadOp(agent: AvailableAgent | StoredRow<AgentPresence>, delta: 1 | -1): WriteOp {
    const p = 'presence' in agent ? agent.presence : agent.value;
    const now = this.clock().toISOString();
    return {
      op: 'update',
      table: t.presence,
      key: [p.agentId],
      set: { active: Math.max(0, p.active + delta), idleSince: now },
      condition: { version: agent.version },
    };
  }

  // --- the routing decision ----------------------------------------------------------------------

  /**
   * Where a handed-off conversation goes: layer 3 (escalation to expert seats) first, then the
   * merchant's rules on scenario + entities (境外消费被拒付 from Japan to international payments), then a pinned
   * VIP group, then layer 2 (the agent who served the user recently, for a while), then layer 1
   * (the category's group). Undefined when the tenant has no groups: the conversation then waits
   * for any agent to accept it.
   */
  async decide(tenant: string, conversation: Conversation, texts: readonly string[], forced?: { escalation?: 'agentEscalation'; note?: string }, known?: RoutingSettings): Promise<RoutingInfo | undefined> {
    const [settings, groups, user] = await Promise.all([known ?? this.settings(tenant), this.listGroups(tenant), this.accounts.getUser(tenant, conversation.userId)]);
    const ids = new Set(groups.map((g) => g.id));
    const now = this.clock();
    const vipTier = user?.vipTier ?? 0;
    const rank = Math.max(0, now.getTime() - vipTier * settings.vipLeadSeconds * 1000);
    const base = { vipTier, rank, ...(forced?.note ? { note: forced.note } : {}) };
    const category = conversation.ticket?.category?.value;
    const categoryGroup = [category ? settings.categoryGroups[category] : undefined, settings.defaultGroup].find((g): g is string => !!g && ids.has(g));

    const recent = await this.recentConversations(conversation, now);
    const sameCategory = 1 + recent.filter((c) => category && c.ticket?.category?.value === category).length;
    const escalation =
      forced?.escalation ??
      escalationFor({ texts, ticket: conversation.ticket, sameCategoryContacts: sameCategory, escalationAmount: settings.escalationAmount, repeatContacts: settings.repeatContacts });
    if (escalation && ids.has(settings.expertGroup)) {
      return { ...base, groupId: settings.expertGroup, layer: 'escalation', escalation, reason: escalationText[escalation] };
    }
    const rules = (settings.scenarioRules ?? []).filter((r) => ids.has(r.groupId));
    const byScenario = rules.length ? matchScenarioRule(rules, texts, await this.scenarios.taxonomy(tenant)) : undefined;
    if (byScenario) return { ...base, groupId: byScenario.rule.groupId, layer: 'scenario', reason: scenarioReason(byScenario) };
    const pinned = Object.entries(settings.pinnedTiers)
      .filter(([tier, g]) => vipTier >= Number(tier) && ids.has(g))
      .sort((a, b) => Number(b[0]) - Number(a[0]))[0];
    if (pinned) return { ...base, groupId: pinned[1], layer: 'pinned', reason: `VIP${vipTier} 专属服务组` };
    if (!categoryGroup) return undefined;
    const served = recent.find((c) => c.assigneeId && now.getTime() - Date.parse(c.updatedAt) <= settings.historyDays * 86_400_000);
    if (served?.assigneeId && settings.preferWaitSeconds > 0) {
      return {
        ...base,
        groupId: categoryGroup,
        layer: 'history',
        reason: `${settings.historyDays} 天内由 ${served.assigneeName ?? served.assigneeId} 服务过`,
        preferredAgentId: served.assigneeId,
        preferUntil: new Date(now.getTime() + settings.preferWaitSeconds * 1000).toISOString(),
      };
    }
    return { ...base, groupId: categoryGroup, layer: 'category', reason: category ? `问题分类: ${CATEGORY_NAMES[category] ?? category}` : '默认分组' };
  }

  /** The user's other conversations of the last 7 days (or the history window if longer), newest first. */
  private async recentConversations(conversation: Conversation, now: Date): Promise<Conversation[]> {
    const found = (await this.history.ofUser(conversation.tenant, conversation.userId, 30)).filter((c) => c.id !== conversation.id);
    const since = now.getTime() - 30 * 86_400_000;
    return found.filter((c) => Date.parse(c.createdAt) >= since).filter((c) => now.getTime() - Date.parse(c.createdAt) <= 7 * 86_400_000 || c.assigneeId);
  }

  // --- queues ----------------------------------------------------------------------------------

  queueKey(info: RoutingInfo, conversationId: string): [string, number, string] {
    return [info.groupId, info.rank, conversationId];
  }

  enqueueOp(info: RoutingInfo, conversationId: string): WriteOp {
    const entry: QueueEntry = { conversationId, enqueuedAt: this.clock().toISOString(), vipTier: info.vipTier };
    return { op: 'put', table: t.queue, key: this.queueKey(info, conversationId), value: entry };
  }

  /** Removes a queue row by its key (one whose conversation no longer waits there). */
  dropQueueRowOp(key: Key): WriteOp {
    return { op: 'delete', table: t.queue, key: [...key] };
  }

  dequeueOp(info: RoutingInfo, conversationId: string): WriteOp {
    return { op: 'delete', table: t.queue, key: this.queueKey(info, conversationId) };
  }

  /** Every agent's presence, with a stale heartbeat shown as offline (the dashboard's live view). */
  async listPresence(tenant: string): Promise<AgentPresence[]> {
    const now = this.clock().getTime();
    const page = await this.db(tenant).range<AgentPresence>(t.presence, [], { limit: 1000 });
    return page.rows.map((r) => (r.value.status !== 'offline' && now - Date.parse(r.value.lastSeenAt) > PRESENCE_TIMEOUT_MS ? { ...r.value, status: 'offline' } : r.value));
  }

  /** The first waiting conversations of a group, in priority order. */
  async queueHead(tenant: string, groupId: string, limit: number): Promise<StoredRow<QueueEntry>[]> {
    return (await this.db(tenant).range<QueueEntry>(t.queue, [groupId], { limit })).rows;
  }

  /** The groups an agent serves (to dispatch them when the agent frees up or comes online). */
  async groupsOf(tenant: string, agentId: string): Promise<string[]> {
    return (await this.listGroups(tenant)).filter((g) => g.members.includes(agentId)).map((g) => g.id);
  }

  /** 1-based place in the group's queue and an estimated wait in seconds. */
  async position(tenant: string, info: RoutingInfo, conversationId: string): Promise<QueuePlace> {
    return placeIn(await this.queueSnapshot(tenant, info.groupId), info, conversationId);
  }

  /** The group's whole queue, its seats online and the handling mean, to count places from. */
  async queueSnapshot(tenant: string, groupId: string): Promise<QueueSnapshot> {
    const db = this.db(tenant);
    const keys: [number, string][] = [];
    let token: string | undefined;
    do {
      const page = await db.range<QueueEntry>(t.queue, [groupId], { limit: 1000, ...(token ? { token } : {}) });
      for (const row of page.rows) keys.push([Number(row.key[1]), String(row.key[2])]);
      token = page.nextToken;
    } while (token);
    const [group, stat] = await Promise.all([db.get<SkillGroup>(t.group, [groupId]), db.get<{ meanSeconds: number }>(t.stat, ['handling'])]);
    const now = this.clock();
    const presences = await Promise.all((group?.value.members ?? []).map((m) => db.get<AgentPresence>(t.presence, [m])));
    const online = presences.filter((p) => p && p.value.status === 'online' && now.getTime() - Date.parse(p.value.lastSeenAt) <= PRESENCE_TIMEOUT_MS);
    return { keys, seats: online.reduce((n, p) => n + (p?.value.capacity ?? 0), 0), handlingSeconds: stat?.value.meanSeconds ?? DEFAULT_HANDLING_SECONDS };
  }

  /** Folds one handling time into the running mean the wait estimates use (recent ones weigh more). */
  async recordHandling(tenant: string, seconds: number): Promise<void> {
    const db = this.db(tenant);
    const row = await db.get<{ meanSeconds: number; samples: number }>(t.stat, ['handling']);
    const samples = (row?.value.samples ?? 0) + 1;
    const alpha = Math.max(1 / samples, 0.05);
    const mean = row ? row.value.meanSeconds + alpha * (seconds - row.value.meanSeconds) : seconds;
    await db.put(t.stat, ['handling'], { meanSeconds: Math.round(mean * 10) / 10, samples });
  }

  private db(tenant: string): TenantStore {
    return this.store.tenant(tenant);
  }
}
