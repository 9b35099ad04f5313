import type { WriteOp } from '../store';
import type { Conversation } from '../schemas';
import type { Projection } from '../conversation';
import type { RoutingService } from './RoutingService';

/**
 * Keeps a group's priority queue in step with the conversations: a row while the conversation is
 * queued with routing, removed in the same batch as the change that takes it out (assignment,
 * resolution, transfer), moved when it is routed elsewhere.
 */
export function queueProjection(routing: RoutingService): Projection {
  const entry = (c: Conversation | undefined) => (c && c.status === 'queued' && c.routing ? routing.queueKey(c.routing, c.id).join('\u0000') : undefined);
  return (before, after) => {
    const was = entry(before);
    const now = entry(after);
    if (was === now) return [];
    const ops: WriteOp[] = [];
    if (was && before?.routing) ops.push(routing.dequeueOp(before.routing, before.id));
    if (now && after.routing) ops.push(routing.enqueueOp(after.routing, after.id));
    return ops;
  };
}
