import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth';
import type { Conversation } from '../schemas';

/** A conversation as it starts: the bot holds it, nothing in its log yet. */
export function newConversation(user: Principal, channel: Conversation['channel'], now: Date): Conversation {
  const at = now.toISOString();
  return { id: randomUUID(), tenant: user.tenant, userId: user.id, channel, status: 'bot', lastSeq: 0, createdAt: at, updatedAt: at };
}
