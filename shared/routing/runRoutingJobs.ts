import type { AccountService } from '../accounts';
import type { Conversations } from '../app';
import { presenceGone } from './RoutingService';

export interface RoutingJobsReport {
  readonly tenants: number;
  readonly autoReplies: number;
  readonly reoffered: number;
  readonly wentOffline: number;
  readonly assigned: number;
}

export interface RoutingJobsDeps {
  readonly accounts: AccountService;
  readonly conversations: Conversations;
  readonly clock?: () => Date;
}

/**
 * One sweep of the routing timers over every merchant: automatic replies to users waiting past
 * the threshold, dropping agents whose session stopped polling to offline, re-offering conversations
 * whose agent has not replied or is offline, and assigning whatever can be assigned. Every step is a
 * conditional write on fresh data, so running it twice, or on two instances at once, changes
 * nothing twice.
 */
export async function runRoutingJobs(deps: RoutingJobsDeps): Promise<RoutingJobsReport> {
  const clock = deps.clock ?? (() => new Date());
  const { queries, routing, timers, assignment } = deps.conversations;
  let autoReplies = 0;
  let reoffered = 0;
  let wentOffline = 0;
  let assigned = 0;
  const tenants = await deps.accounts.listTenants();
  for (const tenant of tenants) {
    const settings = await routing.settings(tenant);
    const now = clock().getTime();

    // The waiting list is in arrival order: stop at the first conversation younger than the threshold.
    for (const w of await queries.waitingList(tenant, 1000)) {
      if (now - w.queuedAtMs < settings.autoReplySeconds * 1000) break;
      if (await timers.autoReply(tenant, w.conversationId, settings.autoReplySeconds)) autoReplies++;
    }

    // Agents whose session stopped polling go offline first, so their conversations are handed on
    // in the same sweep.
    wentOffline += await routing.expireStalePresence(tenant);
    const gone = new Set((await routing.listPresence(tenant)).filter((p) => presenceGone(p, now)).map((p) => p.agentId));

    for (const c of await queries.assignedConversations(tenant, 1000)) {
      if (c.assigneeId && gone.has(c.assigneeId)) {
        if (await timers.reofferFromOffline(tenant, c.id)) reoffered++;
        continue;
      }
      if (c.agentRepliedAt || c.onHold || !c.assignedAt || now - Date.parse(c.assignedAt) < settings.noReplySeconds * 1000) continue;
      const outcome = await timers.reofferUnanswered(tenant, c.id, settings.noReplySeconds);
      if (outcome && outcome !== 'alerted') reoffered++;
    }

    for (const group of await routing.listGroups(tenant)) assigned += await assignment.dispatch(tenant, group.id);
  }
  return { tenants: tenants.length, autoReplies, reoffered, wentOffline, assigned };
}
