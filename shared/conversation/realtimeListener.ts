import type { Conversation } from '../schemas';
import type { Notifier } from '../realtime';
import type { ConversationListener } from './ConversationLog';
import { channels } from './conversationTables';

/**
 * Wakes the long-polls a committed change concerns, and only those: the conversation's own; the
 * waiting list and the group's queue when it was or is queued; the agent's list when it was or is
 * theirs; the open list when it was or is open. A message in a conversation the bot still holds
 * wakes no inbox at all, so the cost of a message does not grow with the consoles watching.
 */
export function realtimeListener(notifier: Notifier): ConversationListener {
  return ({ tenant, before, after, events }) => {
    if (events.length) notifier.notify(channels.conversation(tenant, after.id));
    const wake = new Set<string>();
    for (const c of [before, after] as Conversation[]) {
      if (c.status === 'queued') {
        wake.add(channels.waiting(tenant));
        wake.add(channels.open(tenant));
      }
      if (c.status === 'assigned') {
        if (c.assigneeId) wake.add(channels.agent(tenant, c.assigneeId));
        wake.add(channels.open(tenant));
      }
    }
    // Places in a queue change only when someone joins or leaves it, not on every message.
    if (before.status !== after.status || before.routing?.groupId !== after.routing?.groupId) {
      for (const c of [before, after]) if (c.status === 'queued') wake.add(channels.queue(tenant, c.routing?.groupId ?? ''));
    }
    for (const channel of wake) notifier.notify(channel);
  };
}
