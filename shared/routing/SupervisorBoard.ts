import type { AgentPresence, RoutingService } from './RoutingService';

/** One group's queue right now: how many wait and how long the first has waited. */
export interface QueueNow {
  readonly groupId: string;
  readonly name: string;
  readonly waiting: number;
  readonly longestWaitSeconds: number;
}

/** What the supervisor's live view shows: queues per group, agents by presence and each agent's load. */
export interface LiveBoard {
  readonly queues: QueueNow[];
  readonly agents: Record<AgentPresence['status'], number>;
  readonly agentList: Pick<AgentPresence, 'agentId' | 'name' | 'status' | 'active' | 'capacity'>[];
  readonly at: string;
}

/** Queues counted up to this many entries per group: a longer queue shows as this long. */
const COUNTED = 1000;

/**
 * The supervisors' read model of routing (GET /v1/stats/live, GET /v1/merchant/agents): queues,
 * presence and load, read from routing's rows and never written.
 */
export class SupervisorBoard {
  constructor(
    private readonly routing: Pick<RoutingService, 'listGroups' | 'queueHead' | 'listPresence' | 'presence'>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async live(tenant: string): Promise<LiveBoard> {
    const now = this.clock().getTime();
    const groups = await this.routing.listGroups(tenant);
    const queues = await Promise.all(
      groups.map(async (g) => {
        const entries = await this.routing.queueHead(tenant, g.id, COUNTED);
        const oldest = Math.min(now, ...entries.map((e) => Date.parse(e.value.enqueuedAt)));
        return { groupId: g.id, name: g.name, waiting: entries.length, longestWaitSeconds: entries.length ? Math.round((now - oldest) / 1000) : 0 };
      }),
    );
    const agents = { online: 0, busy: 0, away: 0, offline: 0 };
    const presence = await this.routing.listPresence(tenant);
    for (const p of presence) agents[p.status]++;
    const agentList = presence.map((p) => ({ agentId: p.agentId, name: p.name, status: p.status, active: p.active, capacity: p.capacity }));
    return { queues, agents, agentList, at: new Date(now).toISOString() };
  }

  /** Every member of a skill group with their presence (one who never logged in is offline). */
  async agents(tenant: string): Promise<AgentPresence[]> {
    const groups = await this.routing.listGroups(tenant);
    const ids = [...new Set(groups.flatMap((g) => g.members))].sort();
    return Promise.all(ids.map(async (id) => (await this.routing.presence(tenant, id)).value));
  }
}
