/**
 * What `GET|POST /v1/me/subscriptions` answer: the merchant's reply-notice templates (at most 3,
 * none when the merchant has not set them up) and what this user accepted (sends left per template;
 * long-term templates count as many).
 */
export interface SubscriptionState {
  readonly templateIds: readonly string[];
  readonly kind: 'once' | 'long' | null;
  readonly accepted: Readonly<Record<string, number>>;
}

/** What the user chose in the platform's subscription panel. */
export interface SubscriptionChoice {
  readonly accepted: readonly string[];
  readonly rejected: readonly string[];
}

/**
 * The templates to offer with 有回复时通知我: the merchant's, unless the user can already be notified
 * (a template with sends left), so the chat does not ask again for what it has.
 */
export function replyNotifyOffer(state: SubscriptionState): readonly string[] {
  if (state.templateIds.some((id) => (state.accepted[id] ?? 0) > 0)) return [];
  return state.templateIds.slice(0, 3);
}
