import type { ConversationStatus } from '../schemas';
import type { ApiClient } from './ApiClient';
import type { ChatSessionOptions } from './chatSessionOptions';
import type { ChatAction } from './conversationReducer';
import { runQueuePlaceLoop, type QueuePlace } from './queuePlaceLoop';
import { runEventLoop } from './runEventLoop';

/** What the chat's long-poll loops need from the session that runs them. */
export interface LoopContext {
  readonly api: ApiClient;
  readonly sleep: (ms: number) => Promise<void>;
  readonly options: ChatSessionOptions;
  /** False once the conversation the loop follows is no longer the one shown. */
  readonly live: () => boolean;
  readonly dispatch: (action: ChatAction) => void;
  readonly renew: () => Promise<void>;
  readonly authorized: <T>(fn: () => Promise<T>) => Promise<T>;
  /** The loop ended for good, with why (shown to the user). */
  readonly stopped: (message: string) => void;
}

/** The conversation's events by long-poll, into the state, until another conversation is shown. */
export function followEvents(c: LoopContext, conversationId: string, after: number): void {
  void runEventLoop({
    api: c.api,
    conversationId,
    after,
    sleep: c.sleep,
    pollTimeoutMs: c.options.pollTimeoutMs ?? 20_000,
    // Back within seconds of the server, not after a 30 s backoff.
    maxBackoffMs: c.options.resendProbeMs ?? 4000,
    isStopped: () => !c.live(),
    onEvents: (events, next) => {
      if (c.live()) c.dispatch({ type: 'events', events, cursor: next });
    },
    // A session that ran out mid-poll is renewed and the loop goes on where it was.
    renew: c.renew,
    onStop: (err) => c.stopped(err.message),
  });
}

/** The place in the queue by long-poll while the conversation waits (`queuePath`: its /queue). */
export function followQueue(c: LoopContext, queuePath: string, shown: () => { status: ConversationStatus | undefined; position: number | undefined }): Promise<void> {
  const timeoutMs = c.options.pollTimeoutMs ?? 20_000;
  return runQueuePlaceLoop({
    read: (known) => c.authorized(() => c.api.call<QueuePlace>('GET', `${queuePath}?${known !== undefined ? `known=${known}&` : ''}timeout=${timeoutMs}`, undefined, { timeoutMs: timeoutMs + 5000 })),
    shown,
    onPlace: (place) => c.dispatch({ type: 'queue', ...place }),
    live: c.live,
    sleep: c.sleep,
    idleMs: c.options.queueRefreshMs ?? 3000,
  });
}
