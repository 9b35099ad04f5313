import type { AccountService } from '../accounts';
import type { ConversationService } from '../conversation';
import type { Store } from '../store';
import type { Conversation } from '../schemas';
import { PRESENCE_TIMEOUT_MS, type AgentPresence, type RoutingService } from './RoutingService';
import { routingTables as t } from './routingTables';
import { tables as conversationTables } from '../conversation/conversationTables';

export interface RoutingJobsReport {
  readonly tenants: number;
  readonly autoReplies: number;
  readonly reoffered: number;
  readonly wentOffline: number;
  readonly assigned: number;
}

export interface RoutingJobsDeps {
  readonly store: Store;
  readonly accounts: AccountService;
  readonly routing: RoutingService;
  readonly conversations: ConversationService;
  readonly clock?: () => Date;
}

/**
 * One sweep of the routing timers over every merchant: automatic replies to users waiting past
 * the threshold, re-offering conversations whose agent has not replied, dropping agents whose
 * session stopped polling to offline, and assigning whatever can be assigned. Every step is a
 * conditional write on fresh data, so running it twice, or on two instances at once, changes
 * nothing twice.
 */
export async function runRoutingJobs(deps: RoutingJobsDeps): Promise<RoutingJobsReport> {
  const clock = deps.clock ?? (() => new Date());
  let autoReplies = 0;
  let reoffered = 0;
  let wentOffline = 0;
  let assigned = 0;
  const tenants = await deps.accounts.listTenants();
  for (const tenant of tenants) {
    const db = deps.store.tenant(tenant);
    const settings = await deps.routing.settings(tenant);
    const now = clock().getTime();

    // Waiting list is in arrival order: stop at the first conversation younger than the threshold.
    const waiting = await db.range<{ conversationId: string }>(conversationTables.waiting, [], { limit: 1000 });
    for (const row of waiting.rows) {
      if (now - Number(row.key[0]) < settings.autoReplySeconds * 1000) break;
      if (await deps.conversations.autoReply(tenant, row.value.conversationId, settings.autoReplySeconds)) autoReplies++;
    }

    const mine = await db.range<{ conversationId: string }>(conversationTables.assigned, [], { limit: 1000 });
    for (const row of mine.rows) {
      const c = (await db.get<Conversation>(conversationTables.conversation, [row.value.conversationId]))?.value;
      if (!c || c.agentRepliedAt || c.onHold || !c.assignedAt || now - Date.parse(c.assignedAt) < settings.noReplySeconds * 1000) continue;
      if (await deps.conversations.reofferUnanswered(tenant, c.id, settings.noReplySeconds)) reoffered++;
    }

    const presences = await db.range<AgentPresence>(t.presence, [], { limit: 1000 });
    for (const row of presences.rows) {
      const p = row.value;
      if (p.status === 'offline' || now - Date.parse(p.lastSeenAt) <= PRESENCE_TIMEOUT_MS) continue;
      try {
        await db.update(t.presence, row.key, { status: 'offline' }, { version: row.version });
        wentOffline++;
      } catch {
        // The agent polled (or another sweep got there) meanwhile: nothing to do.
      }
    }

    for (const group of await deps.routing.listGroups(tenant)) assigned += await deps.conversations.dispatch(tenant, group.id);
  }
  return { tenants: tenants.length, autoReplies, reoffered, wentOffline, assigned };
}
