import type { ApiClient } from './ApiClient';
import type { ChatView } from './ChatView';
import type { ChatLocale } from './chatText';
import type { StoredSession } from './SessionKeeper';
import type { KeyValueStorage, Transport } from './Transport';

/** How a platform (the mini-program's kf-chat, the H5 page) sets up a `ChatSession`. */
export interface ChatSessionOptions {
  /** API origins; the backup takes over when the primary keeps failing. */
  readonly primary: string;
  readonly backup?: string;
  readonly transport: Transport;
  readonly storage: KeyValueStorage;
  /** A new session for this user (Alipay auth code, or dev login); see `chatLogin`. */
  readonly login: (api: ApiClient) => Promise<StoredSession>;
  readonly channel: 'miniprogram' | 'h5';
  readonly onChange: (view: ChatView) => void;
  readonly locale?: ChatLocale;
  readonly newId?: () => string;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Server-side wait of one events poll, and of one queue-place poll (default 20 s). */
  readonly pollTimeoutMs?: number;
  /** Pause between queue-place polls that brought nothing new (default 3 s); see `runQueuePlaceLoop`. */
  readonly queueRefreshMs?: number;
  readonly historyPageSize?: number;
  /** Retry tuning of the API client (tests shorten it). */
  readonly backoffMs?: number;
  /** While unsent messages wait, how often the API's health is probed (default 2 s). */
  readonly resendProbeMs?: number;
  /** Offer reply notices when a human takes over (the mini-program, through Alipay's subscription messages). */
  readonly notifyOffer?: boolean;
}

/** The default `newId`: a client message id (the server's idempotency key), time plus randomness. */
export function randomClientId(): string {
  return `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
