import type { Conversation, FlowId, MessageBody } from '../schemas';

type BodyOf<T extends MessageBody['type']> = Extract<MessageBody, { type: T }>;

/** An entry the bot considered for a message, kept for the hand-off and for 没解决. */
export interface BotCandidate {
  readonly faqId: string;
  readonly question: string;
  readonly score: number;
}

export type HandoffReason = NonNullable<Conversation['handoff']>['reason'];

/** What the bot does with a user's message while it holds the conversation. */
export type BotReply =
  | { readonly kind: 'answer'; readonly card: BodyOf<'faqCard'>; readonly candidates: readonly BotCandidate[] }
  | { readonly kind: 'suggest'; readonly suggestion: BodyOf<'faqSuggest'>; readonly candidates: readonly BotCandidate[] }
  | { readonly kind: 'handoff'; readonly reason: HandoffReason; readonly candidates: readonly BotCandidate[] };

/** Facts the bot's statistics are built from, reported once the conversation's write committed. */
export type BotObservation =
  | { readonly type: 'opened' }
  | { readonly type: 'answered'; readonly faqId: string }
  | { readonly type: 'feedback'; readonly faqId: string; readonly resolved: boolean }
  | { readonly type: 'handoff'; readonly reason: HandoffReason; readonly text: string }
  | { readonly type: 'predictedClick'; readonly faqId: string }
  /** A self-service flow answered with the user's own transaction (or bill). */
  | { readonly type: 'flowAnswered'; readonly flow: FlowId };

/**
 * The first responder of a conversation (the FAQ bot in production). The conversation domain only
 * knows this port; `shared/faq` implements it.
 */
export interface ConversationBot {
  reply(tenant: string, text: string): Promise<BotReply>;
  /** The card of one entry, for a tapped suggestion; undefined for an unknown or disabled entry. */
  card(tenant: string, faqId: string): Promise<BodyOf<'faqCard'> | undefined>;
  observe(tenant: string, observation: BotObservation): Promise<void>;
  /** What the bot answers a greeting with: its most asked entries to tap (猜你想问), or none. */
  greeting?(tenant: string): Promise<BodyOf<'faqSuggest'> | undefined>;
}
