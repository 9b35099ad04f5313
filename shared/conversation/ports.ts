import type { Conversation, RoutingInfo } from '../schemas';

/**
 * Where a conversation the bot hands off goes, answered by the routing module (which implements
 * this port; the conversation module does not import routing).
 */
export interface HandoffRouter {
  /** The group, layer and reason; undefined when the merchant has no groups (one shared list). */
  route(conversation: Conversation, texts: readonly string[]): Promise<RoutingInfo | undefined>;
  /** The notice the waiting user reads: 正在转接, or when service opens outside business hours. */
  queuedNotice(tenant: string, now: Date): Promise<string>;
  /** The place a conversation routed so would take in its queue now, and an estimated wait. */
  placeFor(tenant: string, info: RoutingInfo, conversationId: string): Promise<{ position: number; estimatedWaitSeconds: number } | undefined>;
}
