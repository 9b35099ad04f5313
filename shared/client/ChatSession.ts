import type { Conversation, ConversationStatus, Message } from '../schemas';
import { MAX_TEXT_LENGTH } from '../schemas/limits';
import { ApiClient, ApiError, UnreachableError, type ConnectionState } from './ApiClient';
import type { ChatView, MediaUpload, PredictedQuestion, RatingInput } from './ChatView';
import { chatTexts, type ChatTexts } from './chatText';
import { conversationReducer, initialChatState, servingAgent, type ChatAction } from './conversationReducer';
import { Outbox } from './Outbox';
import { runQueuePlaceLoop, type QueuePlace } from './queuePlaceLoop';
import { replyNotifyOffer, type SubscriptionChoice, type SubscriptionState } from './replyNotifyOffer';
import { runEventLoop } from './runEventLoop';
import { SessionKeeper, type StoredSession } from './SessionKeeper';
import type { ChatSessionOptions } from './chatSessionOptions';

export type { ChatSessionOptions };

const CONVERSATION_KEY = 'kefu.conversation';
const openStatuses: readonly ConversationStatus[] = ['bot', 'queued', 'assigned'];

function randomId(): string {
  return `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * The chat's behaviour, without any platform: log in, open or resume the conversation, show its
 * latest page and load older ones on demand, send through the outbox (kept in storage, sent once),
 * follow events by long-poll, refresh the queue place while waiting, and the user's actions (FAQ
 * feedback, picking a suggestion, asking for a human, rating). The mini-program's kf-chat and the
 * H5 page only draw `ChatView` and forward taps.
 */
export class ChatSession {
  readonly api: ApiClient;
  readonly texts: ChatTexts;
  private readonly keeper: SessionKeeper;
  private readonly outbox: Outbox;
  private view: ChatView = { chat: initialChatState, conversationId: '', predicted: [], notice: '', ready: false, loadingOlder: false, media: false, notifyTemplates: [] };
  /** The conversation whose notice offer was looked up: asked once per conversation. */
  private notifyCheckedFor = '';
  private nextBefore: number | undefined;
  /** Each opened conversation gets a generation; loops of an older one stop by themselves. */
  private generation = 0;
  /** The generation whose queue-place loop runs (one at a time; it ends when the wait does). */
  private queueLoopOf = -1;
  private stopped = false;
  private readonly newId: () => string;
  /** Pending bubbles of voice or pictures: their files are gone, so a tap cannot resend them. */
  private readonly mediaIds = new Set<string>();
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: ChatSessionOptions) {
    this.texts = chatTexts(o.locale);
    this.newId = o.newId ?? randomId;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.api = new ApiClient({
      primary: o.primary,
      ...(o.backup ? { backup: o.backup } : {}),
      transport: o.transport,
      token: () => this.keeper.token(),
      sleep: this.sleep,
      ...(o.now ? { now: o.now } : {}),
      ...(o.backoffMs !== undefined ? { backoffMs: o.backoffMs } : {}),
      onStateChange: (state: ConnectionState) => this.dispatch({ type: 'connection', state }),
    });
    this.keeper = new SessionKeeper({
      storage: o.storage,
      login: () => o.login(this.api),
      // The client sends the current token, which is the one being refreshed.
      refresh: () => this.api.call<StoredSession>('POST', '/v1/auth/refresh'),
      ...(o.now ? { now: o.now } : {}),
    });
    this.outbox = new Outbox(o.storage, this.api);
  }

  get current(): ChatView {
    return this.view;
  }

  /** Logs in and opens the conversation (the unfinished one if there is one). */
  async start(): Promise<void> {
    this.stopped = false;
    try {
      await this.keeper.ensure();
      const methods = await this.api.call<{ media?: boolean }>('GET', '/v1/auth/methods');
      this.view = { ...this.view, media: methods.media === true };
      let conversation: Conversation | undefined;
      const savedId = await this.o.storage.get(CONVERSATION_KEY);
      if (savedId) {
        try {
          conversation = await this.call<Conversation>('GET', `/v1/conversations/${encodeURIComponent(savedId)}`);
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
        }
      }
      await this.open(conversation && openStatuses.includes(conversation.status) ? conversation : undefined);
      await this.flush();
    } catch (err) {
      this.fail(err);
    }
  }

  /** Ends the loops (the window closed); queued messages stay in storage for next time. */
  stop(): void {
    this.stopped = true;
  }

  /** Sends text typed by the user. Returns false when it was refused before sending. */
  async send(text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (!trimmed) {
      this.setNotice(this.texts.empty);
      return false;
    }
    if (trimmed.length > MAX_TEXT_LENGTH) {
      this.setNotice(this.texts.tooLong(MAX_TEXT_LENGTH, trimmed.length));
      return false;
    }
    try {
      if (!this.isOpen()) await this.open(undefined);
      const item = { conversationId: this.view.conversationId, clientMessageId: this.newId(), text: trimmed, createdAt: (this.o.now ?? Date.now)() };
      await this.outbox.add(item);
      this.dispatch({ type: 'sending', item });
      this.setNotice('');
      await this.flush();
      return true;
    } catch (err) {
      this.fail(err);
      return false;
    }
  }

  /**
   * Sends a voice message or picture: uploads the file, then posts a message that references it.
   * Files are not kept in the outbox (the platform's temp files do not outlive the app), so a
   * failure is reported at once.
   */
  async sendMedia(media: MediaUpload): Promise<boolean> {
    if (!this.view.media) return false;
    const clientMessageId = this.newId();
    this.mediaIds.add(clientMessageId);
    try {
      if (!this.isOpen()) await this.open(undefined);
      const item = { conversationId: this.view.conversationId, clientMessageId, text: media.label, createdAt: (this.o.now ?? Date.now)() };
      this.dispatch({ type: 'sending', item });
      const conversationId = this.view.conversationId;
      const { mediaId } = await this.authorized(() => this.api.upload<{ mediaId?: string }>('/v1/media', media.upload(conversationId)));
      if (!mediaId) throw new ApiError(502, 'UPLOAD_FAILED', this.texts.sendFailed);
      const message = await this.call<Message>('POST', this.path('messages'), { clientMessageId, mediaId });
      this.dispatch({ type: 'sent', clientMessageId, message });
      this.setNotice('');
      return true;
    } catch (err) {
      // An answer without our error body (a gateway's 413, say) has no words for the user: ours instead.
      const refused = err instanceof ApiError && err.code === 'HTTP_ERROR' ? new ApiError(err.status, err.code, this.texts.sendFailed) : err;
      this.dispatch({ type: 'rejected', clientMessageId, error: refused instanceof ApiError ? refused.message : this.texts.sendFailed });
      if (refused instanceof ApiError || refused instanceof UnreachableError) this.fail(refused);
      else this.setNotice(this.texts.sendFailed);
      return false;
    }
  }

  /** A short-lived absolute link to a voice message's or picture's content (for <audio>, <img>). */
  async mediaLink(mediaId: string): Promise<string> {
    const { url } = await this.call<{ url: string }>('GET', `/v1/media/${encodeURIComponent(mediaId)}/url`);
    return this.api.origin + url;
  }

  askHuman(): Promise<boolean> {
    return this.send(this.texts.askHuman);
  }

  /** Tap on a failed bubble: send it again under the same id (the server keeps it once). */
  async retry(clientMessageId: string): Promise<void> {
    const failed = this.view.chat.pending.find((p) => p.clientMessageId === clientMessageId);
    if (!failed || this.mediaIds.has(clientMessageId)) return;
    const item = { conversationId: this.view.conversationId, clientMessageId, text: failed.text, createdAt: (this.o.now ?? Date.now)() };
    await this.outbox.add(item);
    this.dispatch({ type: 'sending', item });
    await this.flush();
  }

  /** The network came back (or the user pulled to refresh): send what waits. */
  async online(): Promise<void> {
    await this.flush();
  }

  async feedback(faqId: string, resolved: boolean): Promise<void> {
    await this.guarded(() => this.call('POST', this.path('faq-feedback'), { clientMessageId: this.newId(), faqId, resolved }));
  }

  async selectQuestion(faqId: string, source: 'suggest' | 'predicted'): Promise<void> {
    this.view = { ...this.view, predicted: [] };
    await this.guarded(() => this.call('POST', this.path('faq-select'), { clientMessageId: this.newId(), faqId, source }));
  }

  /** The user turns off proactive messages (reminders after payments, refunds ...). */
  async stopProactive(): Promise<boolean> {
    const done = await this.guarded(() => this.call('PUT', '/v1/me/proactive', { optOut: true }));
    if (done) this.setNotice(this.texts.proactiveOffDone);
    return done;
  }

  /**
   * The user answered 有回复时通知我 in the platform's panel (undefined: closed or failed): the
   * offer goes away either way, and what was accepted is recorded so replies can be announced.
   * Nothing here is an error for the user: without it the chat works as before.
   */
  async subscribeReplies(choice: SubscriptionChoice | undefined): Promise<void> {
    this.view = { ...this.view, notifyTemplates: [] };
    this.emit();
    if (!choice || (choice.accepted.length === 0 && choice.rejected.length === 0)) return;
    try {
      await this.call('POST', '/v1/me/subscriptions', { accepted: [...choice.accepted], rejected: [...choice.rejected] });
      if (choice.accepted.length > 0) this.setNotice(this.texts.notifyOn);
    } catch {
      // Not recorded: no notices this time, and the chat goes on.
    }
  }

  /** Rates the resolved conversation; false when refused (no stars, already rated ...). */
  async rate(input: RatingInput): Promise<boolean> {
    if (!Number.isInteger(input.stars) || input.stars < 1 || input.stars > 5) {
      this.setNotice(this.texts.ratePickStars);
      return false;
    }
    const body = { stars: input.stars, tags: [...(input.tags ?? [])], comment: input.comment ?? '', complaint: input.complaint ?? false };
    return this.guarded(() => this.call('POST', this.path('rating'), body));
  }

  /** Scrolled to the top: the page of messages before the oldest one shown. */
  async loadOlder(): Promise<void> {
    if (this.nextBefore === undefined || this.view.loadingOlder) return;
    this.view = { ...this.view, loadingOlder: true };
    this.emit();
    await this.guarded(async () => {
      const page = await this.call<{ messages: Message[]; nextBefore?: number }>('GET', `${this.path('messages')}?before=${this.nextBefore}&limit=${this.o.historyPageSize ?? 20}`);
      this.nextBefore = page.nextBefore;
      this.dispatch({ type: 'history', messages: page.messages, moreBefore: page.nextBefore !== undefined });
    });
    this.view = { ...this.view, loadingOlder: false };
    this.emit();
  }

  private isOpen(): boolean {
    return !!this.view.conversationId && openStatuses.includes(this.view.chat.status ?? 'bot');
  }

  /** Shows a conversation (or a new one) from its latest page and follows its events. */
  private async open(existing: Conversation | undefined): Promise<void> {
    const conversation = existing ?? (await this.call<Conversation>('POST', '/v1/conversations', { channel: this.o.channel }));
    await this.o.storage.set(CONVERSATION_KEY, conversation.id);
    const generation = ++this.generation;
    this.view = { ...this.view, conversationId: conversation.id, predicted: [], ready: false, agentName: undefined };
    const { status, lastSeq: cursor, onHold = false, assigneeName } = conversation;
    this.dispatch({ type: 'opened', status, cursor, onHold, ...(assigneeName !== undefined ? { assigneeName } : {}) });
    const page = await this.call<{ messages: Message[]; nextBefore?: number }>('GET', `${this.path('messages')}?limit=${this.o.historyPageSize ?? 20}`);
    this.nextBefore = page.nextBefore;
    this.dispatch({ type: 'history', messages: page.messages, moreBefore: page.nextBefore !== undefined });
    if (!page.messages.length) {
      try {
        const p = await this.call<{ questions: PredictedQuestion[] }>('GET', this.path('predicted-questions'));
        this.view = { ...this.view, predicted: p.questions };
      } catch {
        // 猜你想问 is a nicety: the chat opens without it.
      }
    }
    this.view = { ...this.view, ready: true };
    this.emit();
    this.followEvents(generation, conversation.lastSeq);
  }

  /** Once per conversation, when it reaches a human: what to offer for reply notices. */
  private async checkNotifyOffer(): Promise<void> {
    const id = this.view.conversationId;
    if (!this.o.notifyOffer || this.notifyCheckedFor === id) return;
    this.notifyCheckedFor = id;
    try {
      const state = await this.call<SubscriptionState>('GET', '/v1/me/subscriptions');
      if (this.view.conversationId === id) {
        this.view = { ...this.view, notifyTemplates: replyNotifyOffer(state) };
        this.emit();
      }
    } catch {
      // No offer then.
    }
  }

  private live(generation: number): boolean {
    return !this.stopped && generation === this.generation;
  }

  private followEvents(generation: number, after: number): void {
    void runEventLoop({
      api: this.api,
      conversationId: this.view.conversationId,
      after,
      sleep: this.sleep,
      pollTimeoutMs: this.o.pollTimeoutMs ?? 20_000,
      isStopped: () => !this.live(generation),
      onEvents: (events, next) => {
        if (this.live(generation)) this.dispatch({ type: 'events', events, cursor: next });
      },
      // A session that ran out mid-poll is renewed and the loop goes on where it was.
      renew: () => this.keeper.renew().then(() => undefined),
      onStop: (err) => this.setNotice(err.message),
    });
  }

  /** While the user waits for a human: the queue place by long-poll (started again by each new wait). */
  private followQueue(): void {
    const generation = this.generation;
    if (this.queueLoopOf === generation || !this.live(generation)) return;
    this.queueLoopOf = generation;
    // The mini-program's ES2017 has no Promise#finally.
    const ended = () => {
      if (this.queueLoopOf === generation) this.queueLoopOf = -1;
    };
    const timeoutMs = this.o.pollTimeoutMs ?? 20_000;
    void runQueuePlaceLoop({
      read: (known) =>
        this.authorized(() => this.api.call<QueuePlace>('GET', `${this.path('queue')}?${known !== undefined ? `known=${known}&` : ''}timeout=${timeoutMs}`, undefined, { timeoutMs: timeoutMs + 5000 })),
      shown: () => ({ status: this.view.chat.status, position: this.view.chat.queue?.position }),
      onPlace: (place) => this.dispatch({ type: 'queue', ...place }),
      live: () => this.live(generation),
      sleep: this.sleep,
      idleMs: this.o.queueRefreshMs ?? 3000,
    }).then(ended, ended);
  }

  private async flush(): Promise<void> {
    try {
      await this.keeper.ensure();
    } catch {
      // No session now (network down): the outbox keeps the messages.
    }
    // The token may run out between the check and the send: those go again under a new session.
    const result = await this.outbox.flushRenewing(() => this.keeper.renew());
    for (const s of result.sent) this.dispatch({ type: 'sent', clientMessageId: s.item.clientMessageId, message: s.message as Message });
    for (const r of result.rejected) this.dispatch({ type: 'rejected', clientMessageId: r.item.clientMessageId, error: r.error.message });
    if (result.remaining) {
      for (const item of await this.outbox.pending()) this.dispatch({ type: 'rejected', clientMessageId: item.clientMessageId, error: this.texts.notSent });
    }
  }

  /** Calls the API with a valid session, logging in again once when the server refuses the token. */
  private call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    return this.authorized(() => this.api.call<T>(method, path, body));
  }

  /** With a session; an answer 401 (expired, revoked) gets a new one and the call once more. */
  private async authorized<T>(fn: () => Promise<T>): Promise<T> {
    await this.keeper.ensure();
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      await this.keeper.renew();
      return fn();
    }
  }

  private async guarded(fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await fn();
      this.setNotice('');
      return true;
    } catch (err) {
      this.fail(err);
      return false;
    }
  }

  private fail(err: unknown): void {
    if (err instanceof ApiError) this.setNotice(err.message);
    else if (err instanceof UnreachableError) this.setNotice(this.texts.degraded);
    else throw err;
  }

  private path(action: string): string {
    return `/v1/conversations/${encodeURIComponent(this.view.conversationId)}/${action}`;
  }

  private setNotice(notice: string): void {
    if (notice === this.view.notice) return;
    this.view = { ...this.view, notice };
    this.emit();
  }

  private dispatch(action: ChatAction): void {
    const chat = conversationReducer(this.view.chat, action);
    // A human is taking over (queued, or assigned at once when an agent is free): offer notices.
    if (chat.status === 'queued' || chat.status === 'assigned') void this.checkNotifyOffer();
    const predicted = chat.messages.length ? [] : this.view.predicted;
    this.view = { ...this.view, chat, predicted, agentName: servingAgent(chat) };
    this.emit();
    if (chat.status === 'queued') this.followQueue();
  }

  private emit(): void {
    this.o.onChange(this.view);
  }
}
