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

type Call = <T>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<T>;

/** The templates to offer now (none when the lookup fails: the offer is a nicety). */
export async function fetchNotifyOffer(call: Call): Promise<readonly string[]> {
  try {
    return replyNotifyOffer(await call<SubscriptionState>('GET', '/v1/me/subscriptions'));
  } catch {
    return [];
  }
}

/**
 * Records what the user chose in the panel; true when something was accepted and recorded. A
 * failure is not the user's problem: no notices this time, and the chat goes on.
 */
export async function recordSubscriptionChoice(call: Call, choice: SubscriptionChoice | undefined): Promise<boolean> {
  if (!choice || (choice.accepted.length === 0 && choice.rejected.length === 0)) return false;
  try {
    await call('POST', '/v1/me/subscriptions', { accepted: [...choice.accepted], rejected: [...choice.rejected] });
    return choice.accepted.length > 0;
  } catch {
    return false;
  }
}
