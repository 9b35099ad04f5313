import type { Conversation, Message } from '../schemas';
import { leaveProblem, ratingProblem, textProblem } from './chatInputChecks';
import { ApiClient, ApiError, UnreachableError, type ConnectionState } from './ApiClient';
import type { ChatView, LeaveMessageInput, MediaUpload, PredictedQuestion, RatingInput } from './ChatView';
import { EarlierConversations } from './EarlierConversations';
import { OutboxSender } from './OutboxSender';
import { chatTexts, type ChatTexts } from './chatText';
import { conversationReducer, initialChatState, servingAgent, type ChatAction } from './conversationReducer';
import { Outbox } from './Outbox';
import { fetchNotifyOffer, recordSubscriptionChoice, type SubscriptionChoice } from './replyNotifyOffer';
import { viewOffers } from './viewOffers';
import { sendMediaMessage } from './sendMediaMessage';
import { fetchActionLinks } from './actionLinks';
import { followEvents, followQueue, type LoopContext } from './conversationLoops';
import { SessionKeeper, type StoredSession } from './SessionKeeper';
import { randomClientId, type ChatSessionOptions } from './chatSessionOptions';
import { singleFlightByKey } from './singleFlight';
import { CONVERSATION_KEY, openStatuses, resumableConversation } from './resumableConversation';

export type { ChatSessionOptions };


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
  private readonly sender: OutboxSender;
  private view: ChatView = { chat: initialChatState, conversationId: '', predicted: [], notice: '', offline: false, ready: false, loadingOlder: false, media: false, notifyTemplates: [], earlier: [], moreEarlier: false, canAskHuman: true, canLeaveMessage: false, actionLinks: {} };
  private readonly earlier: EarlierConversations;
  /** The conversation whose notice offer was looked up: asked once per conversation. */
  private notifyCheckedFor = '';
  private nextBefore: number | undefined;
  /** Each opened conversation gets a generation; loops of an older one stop by themselves. */
  private generation = 0;
  /** The generation whose queue-place loop runs (one at a time; it ends when the wait does). */
  private queueLoopOf = -1;
  private stopped = false;
  /** Starts tried again because the API did not answer. */
  private startRetries = 0;
  private readonly newId: () => string;
  /** Pending bubbles of voice or pictures: their files are gone, so a tap cannot resend them. */
  private readonly mediaIds = new Set<string>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly sending = singleFlightByKey<boolean>();

  constructor(private readonly o: ChatSessionOptions) {
    this.texts = chatTexts(o.locale);
    this.newId = o.newId ?? randomClientId;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.api = new ApiClient({
      primary: o.primary, ...(o.backup ? { backup: o.backup } : {}), transport: o.transport,
      token: () => this.keeper.token(), sleep: this.sleep,
      ...(o.now ? { now: o.now } : {}),
      ...(o.backoffMs !== undefined ? { backoffMs: o.backoffMs } : {}),
      onStateChange: (state: ConnectionState) => {
        this.dispatch({ type: 'connection', state });
        // Any call answered again: what waits in the outbox goes out now, not at the next tap.
        if (state !== 'degraded') void this.sender.flush();
      },
    });
    this.keeper = new SessionKeeper({
      storage: o.storage,
      login: () => o.login(this.api),
      // The client sends the current token, which is the one being refreshed.
      refresh: () => this.api.call<StoredSession>('POST', '/v1/auth/refresh'), ...(o.now ? { now: o.now } : {}),
    });
    this.sender = new OutboxSender({
      outbox: new Outbox(o.storage, this.api), api: this.api, keeper: this.keeper, dispatch: (a) => this.dispatch(a),
      notSent: this.texts.notSent, sleep: this.sleep, probeMs: o.resendProbeMs ?? 2000, stopped: () => this.stopped,
    });
    this.earlier = new EarlierConversations((path) => this.call('GET', path), o.historyPageSize ?? 20);
  }

  get current(): ChatView {
    return this.view;
  }

  /** Logs in and opens the conversation (the unfinished one if there is one). */
  async start(): Promise<void> {
    this.stopped = false;
    try {
      // What waits from the last visit is on screen at once (a retried start leaves it as it is).
      if (!this.startRetries) await this.sender.showWaiting();
      await this.keeper.ensure();
      const methods = await this.api.call<{ media?: boolean }>('GET', '/v1/auth/methods');
      // The H5 page opens FAQ actions at the merchant's web addresses; the mini-program opens its pages.
      const actionLinks = this.o.channel === 'h5' ? await fetchActionLinks((m, p) => this.call(m, p)) : {};
      this.view = { ...this.view, media: methods.media === true, actionLinks };
      await this.open(await resumableConversation((path) => this.call('GET', path), this.o.storage));
      await this.sender.flush();
    } catch (err) {
      this.fail(err);
      // Opened while the API was down: try again until it answers, so what waits still goes out.
      if (err instanceof UnreachableError) this.startAgainLater();
    }
  }

  private startAgainLater(): void {
    this.startRetries++;
    void this.sender.markWaiting();
    void this.sleep(this.o.resendProbeMs ?? 2000).then(() => (this.stopped ? undefined : this.start()));
  }

  /** Ends the loops (the window closed); queued messages stay in storage for next time. */
  stop(): void {
    this.stopped = true;
  }

  /** Sends text typed by the user; false when refused before sending. A double tap sends once. */
  send(text: string, intent?: 'human'): Promise<boolean> {
    return this.sending(`${intent ?? ''}\u0000${text.trim()}`, () => this.sendNow(text, intent));
  }

  private async sendNow(text: string, intent?: 'human'): Promise<boolean> {
    const trimmed = text.trim();
    const problem = textProblem(trimmed, this.texts);
    if (problem) {
      this.setNotice(problem);
      return false;
    }
    try {
      const item = { conversationId: await this.openId(), clientMessageId: this.newId(), text: trimmed, createdAt: (this.o.now ?? Date.now)(), ...(intent ? { intent } : {}) };
      await this.sender.queue(item);
      this.setNotice('');
      await this.sender.flush();
      return true;
    } catch (err) {
      this.fail(err);
      return false;
    }
  }

  /** The user types again: 请输入内容 from an empty send no longer applies (other notices stay). */
  typing(): void {
    if (this.view.notice === this.texts.empty) this.setNotice('');
  }

  /** Sends a voice message or picture (sendMediaMessage); false when it failed, reported at once. */
  async sendMedia(media: MediaUpload): Promise<boolean> {
    if (!this.view.media) return false;
    const clientMessageId = this.newId();
    this.mediaIds.add(clientMessageId);
    return sendMediaMessage(media, {
      api: this.api, texts: this.texts, clientMessageId, now: (this.o.now ?? Date.now)(),
      conversation: () => this.openId(),
      authorized: (fn) => this.authorized(fn), dispatch: (a) => this.dispatch(a), setNotice: (n) => this.setNotice(n), fail: (err) => this.fail(err),
      post: (id, body) => this.call<Message>('POST', `/v1/conversations/${encodeURIComponent(id)}/messages`, body),
    });
  }

  /** A short-lived absolute link to a voice message's or picture's content (for <audio>, <img>). */
  async mediaLink(mediaId: string): Promise<string> {
    const { url } = await this.call<{ url: string }>('GET', `/v1/media/${encodeURIComponent(mediaId)}/url`);
    return this.api.origin + url;
  }

  /** 转人工: the button's label as the message, the request itself as a flag (any language). */
  askHuman(): Promise<boolean> {
    return this.send(this.texts.askHuman, 'human');
  }

  /** 留言 while waiting (or outside service hours): the question and how to answer; false when refused. */
  async leaveMessage(input: LeaveMessageInput): Promise<boolean> {
    const problem = leaveProblem(input, this.texts);
    if (problem) {
      this.setNotice(problem);
      return false;
    }
    const body = { clientMessageId: this.newId(), text: input.text.trim(), contact: input.contact, ...(input.contact === 'phone' ? { phone: input.phone } : {}) };
    const done = await this.guarded(() => this.call('POST', this.path('leave-message'), body));
    // The server's notice in the transcript says it was received; no red line for good news.
    if (done) this.dispatch({ type: 'leftMessage' });
    return done;
  }

  /** Tap on a failed bubble: send it again under the same id (the server keeps it once). */
  async retry(clientMessageId: string): Promise<void> {
    const failed = this.view.chat.pending.find((p) => p.clientMessageId === clientMessageId);
    if (!failed || this.mediaIds.has(clientMessageId)) return;
    const item = (await this.sender.waiting(clientMessageId)) ?? { conversationId: this.view.conversationId, clientMessageId, text: failed.text, createdAt: (this.o.now ?? Date.now)() };
    await this.sender.queue(item);
    await this.sender.flush();
  }

  /** The network came back, the app came to the foreground (or the user pulled to refresh): send what waits. */
  async online(): Promise<void> {
    await this.sender.flush();
  }

  /** The platform reported the device's network: offline is said as such; back online sends what waits. */
  async network(connected: boolean): Promise<void> {
    if (this.view.offline === connected) this.setView({ offline: !connected });
    if (connected) await this.online();
  }

  async feedback(faqId: string, resolved: boolean): Promise<void> {
    await this.guarded(() => this.call('POST', this.path('faq-feedback'), { clientMessageId: this.newId(), faqId, resolved }));
  }

  async selectQuestion(faqId: string, source: 'suggest' | 'predicted'): Promise<void> {
    this.view = { ...this.view, predicted: [] };
    // Tapped under a conversation that ended: asked in a new one, as a typed question would be.
    await this.guarded(async () => this.call('POST', `/v1/conversations/${encodeURIComponent(await this.openId())}/faq-select`, { clientMessageId: this.newId(), faqId, source }));
  }

  /** The user turns off proactive messages (reminders after payments, refunds ...). */
  async stopProactive(): Promise<boolean> {
    const done = await this.guarded(() => this.call('PUT', '/v1/me/proactive', { optOut: true }));
    if (done) this.setNotice(this.texts.proactiveOffDone);
    return done;
  }

  /**
   * The user answered 有回复时通知我 (undefined: panel closed or failed): the offer goes away, what was
   * accepted is recorded so replies can be announced. Never an error for the user.
   */
  async subscribeReplies(choice: SubscriptionChoice | undefined): Promise<void> {
    this.setView({ notifyTemplates: [] });
    if (await recordSubscriptionChoice((m, p, b) => this.call(m, p, b), choice)) this.setNotice(this.texts.notifyOn);
  }

  /** A star was picked: 请先选择星级 no longer applies and goes (it stayed up beside the stars). */
  starsPicked(): void {
    if (this.view.notice === this.texts.ratePickStars) this.setNotice('');
  }

  /** Rates the resolved conversation; false when refused (no stars, already rated ...). */
  async rate(input: RatingInput): Promise<boolean> {
    const problem = ratingProblem(input, this.texts);
    if (problem) {
      this.setNotice(problem);
      return false;
    }
    const body = { stars: input.stars, tags: [...(input.tags ?? [])], comment: input.comment ?? '', complaint: input.complaint ?? false };
    return this.guarded(() => this.call('POST', this.path('rating'), body));
  }

  /** Scrolled to the top: the page of messages before the oldest one shown. */
  async loadOlder(): Promise<void> {
    if ((this.nextBefore === undefined && !this.earlier.more) || this.view.loadingOlder) return;
    this.setView({ loadingOlder: true });
    await this.guarded(async () => {
      if (this.nextBefore === undefined) return this.earlier.loadNext();
      const page = await this.call<{ messages: Message[]; nextBefore?: number }>('GET', `${this.path('messages')}?before=${this.nextBefore}&limit=${this.o.historyPageSize ?? 20}`);
      this.nextBefore = page.nextBefore;
      this.dispatch({ type: 'history', messages: page.messages, moreBefore: page.nextBefore !== undefined });
    });
    this.setView({ loadingOlder: false });
  }

  /** The open conversation's id; a new conversation when the shown one ended (or none is shown). */
  private async openId(): Promise<string> {
    if (!this.view.conversationId || !openStatuses.includes(this.view.chat.status ?? 'bot')) await this.open(undefined);
    return this.view.conversationId;
  }

  /** Shows a conversation (or a new one) from its latest page and follows its events. */
  private async open(existing: Conversation | undefined): Promise<void> {
    const conversation = existing ?? (await this.call<Conversation>('POST', '/v1/conversations', { channel: this.o.channel }));
    // The conversation that ended stays on screen above the new one.
    if (this.view.conversationId && this.view.conversationId !== conversation.id) this.earlier.keep(this.view.conversationId, this.view.chat.messages, this.nextBefore);
    await this.o.storage.set(CONVERSATION_KEY, conversation.id);
    const generation = ++this.generation;
    this.view = { ...this.view, conversationId: conversation.id, predicted: [], ready: false, agentName: undefined };
    const { status, lastSeq: cursor, onHold = false, assigneeName, leftMessage = false } = conversation;
    this.dispatch({ type: 'opened', status, cursor, onHold, leftMessage, ...(assigneeName !== undefined ? { assigneeName } : {}) });
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
    try {
      await this.earlier.start(conversation.id);
    } catch {
      // Earlier conversations are context: the chat opens without them.
    }
    this.setView({ ready: true });
    this.followEvents(generation, conversation.lastSeq);
  }

  /** Once per conversation, when it reaches a human: what to offer for reply notices. */
  private async checkNotifyOffer(): Promise<void> {
    const id = this.view.conversationId;
    if (!this.o.notifyOffer || this.notifyCheckedFor === id) return;
    this.notifyCheckedFor = id;
    const notifyTemplates = await fetchNotifyOffer((m, p, b) => this.call(m, p, b));
    if (this.view.conversationId !== id || !notifyTemplates.length) return;
    this.setView({ notifyTemplates });
  }

  private live(generation: number): boolean {
    return !this.stopped && generation === this.generation;
  }

  private followEvents(generation: number, after: number): void {
    followEvents(this.loops(generation), this.view.conversationId, after);
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
    followQueue(this.loops(generation), this.path('queue'), () => ({ status: this.view.chat.status, position: this.view.chat.queue?.position })).then(ended, ended);
  }

  private loops(generation: number): LoopContext {
    return {
      api: this.api,
      sleep: this.sleep,
      options: this.o,
      live: () => this.live(generation),
      dispatch: (a) => this.dispatch(a),
      renew: () => this.keeper.renew().then(() => undefined),
      authorized: (fn) => this.authorized(fn),
      stopped: (message) => this.setNotice(message),
    };
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
    else if (err instanceof UnreachableError) this.setNotice(this.view.offline ? this.texts.offline : this.texts.degraded);
    else throw err;
  }

  private path(action: string): string {
    return `/v1/conversations/${encodeURIComponent(this.view.conversationId)}/${action}`;
  }

  private setNotice(notice: string): void {
    if (notice !== this.view.notice) this.setView({ notice });
  }

  private setView(patch: Partial<ChatView>): void {
    this.view = { ...this.view, ...patch };
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
    this.view = { ...this.view, ...viewOffers(this.view.chat, this.earlier) };
    this.o.onChange(this.view);
  }
}
