import type { Conversation, ConversationEvent } from '../schemas';

/**
 * A conversation as a staff client knows it, moved on by the typed events of its log: the server
 * writes one or more events for every change it commits, so a client that applies them needs no
 * re-fetch after each events page. Only events newer than `lastSeq` apply (a replayed page, or a
 * page older than the answer of the agent's own action, changes nothing), in seq order; `lastSeq`
 * follows them. What no event carries (the preview, reply times) stays as last fetched.
 */
export function applyConversationEvents(conversation: Conversation, events: readonly ConversationEvent[]): Conversation {
  return [...events]
    .filter((e) => e.seq > conversation.lastSeq)
    .sort((a, b) => a.seq - b.seq)
    .reduce(applyOne, conversation);
}

/** The answer of a staff action (claim, transfer, hold ...) when it is at least as new as what is shown. */
export function newerConversation(shown: Conversation | undefined, answer: Conversation): Conversation {
  return !shown || answer.lastSeq >= shown.lastSeq ? answer : shown;
}

function withoutAssignee(c: Conversation): Conversation {
  const { assigneeId: _id, assigneeName: _name, ...rest } = c;
  return rest;
}

function applyOne(c: Conversation, e: ConversationEvent): Conversation {
  const next: Conversation = { ...c, lastSeq: e.seq, ...('status' in e ? { status: e.status } : {}) };
  switch (e.type) {
    case 'message':
      return next;
    case 'status':
      return { ...next, ...(e.assigneeId !== undefined ? { assigneeId: e.assigneeId } : {}) };
    case 'queued':
      // Back in a queue (a hand-off, a transfer to a group, an escalation): nobody holds it now.
      return { ...withoutAssignee(next), queuedAt: e.at, ...(e.routing ? { routing: e.routing } : {}) };
    case 'assigned':
      return { ...next, assigneeId: e.assigneeId, assigneeName: e.assigneeName, assignedAt: e.at };
    case 'transferred':
      if (e.status === 'queued') return { ...withoutAssignee(next), queuedAt: e.at, ...(e.routing ? { routing: e.routing } : {}) };
      return {
        ...next,
        ...(e.toAgentId !== undefined ? { assigneeId: e.toAgentId } : {}),
        ...(e.assigneeName !== undefined ? { assigneeName: e.assigneeName } : {}),
        ...(e.routing ? { routing: e.routing } : {}),
        assignedAt: e.at,
      };
    case 'held':
      return { ...next, onHold: e.onHold };
    case 'resolved':
      return { ...next, resolution: e.resolution, resolvedAt: e.at };
    case 'rated':
      return { ...next, ratedAt: e.at };
    case 'ticket':
      return { ...next, ticket: e.ticket };
  }
}
