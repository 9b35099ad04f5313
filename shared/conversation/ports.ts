import type { Conversation, RoutingInfo } from '../schemas';

/**
 * Where a conversation the bot hands off goes, answered by the routing module (which implements
 * this port; the conversation module does not import routing).
 */
export interface HandoffRouter {
  /** Where a conversation handed off now goes, in one read of the merchant's routing settings. */
  plan(conversation: Conversation, texts: readonly string[], now: Date): Promise<HandoffPlan>;
}

export interface HandoffPlan {
  /** The group, layer and reason; undefined when the merchant has no groups (one shared list). */
  readonly routing?: RoutingInfo;
  /** The notice the waiting user reads: 正在转接, or when service opens outside business hours. */
  readonly notice: string;
  /** The place the conversation takes in its queue, and an estimated wait. */
  readonly place?: { readonly position: number; readonly estimatedWaitSeconds?: number };
}
