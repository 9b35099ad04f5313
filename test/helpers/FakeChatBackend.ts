import type { ConversationEvent, ConversationStatus, Message } from '../../shared/schemas';
import type { Transport, TransportRequest, TransportResponse } from '../../shared/client';

export const PRIMARY = 'https://kefu.example.com';
export const BACKUP = 'https://kefu-backup.example.com';

interface FakeConversation {
  id: string;
  status: ConversationStatus;
  events: ConversationEvent[];
  leftMessage?: boolean;
  resolution?: 'selfService' | 'agent';
  resolvedAt?: string;
}

/**
 * The chat's side of the `/v1` API in memory, behind two domains that tests can take down: login
 * (methods, dev login, refresh), conversations, idempotent messages, history pages, long-poll events
 * (a poll waits until an event is written), the queue place (a poll with `known` waits until the
 * place moves), predicted questions, FAQ actions, rating. Status changes are written as the typed
 * events the server writes (queued, rated ...) next to their notices. Tokens expire when the test
 * says so. Every request is logged as "P|B METHOD /path"; queue polls also in `queuePolls`.
 */
export class FakeChatBackend implements Transport {
  readonly up: Record<string, boolean> = { [PRIMARY]: true, [BACKUP]: true };
  readonly log: string[] = [];
  readonly conversations = new Map<string, FakeConversation>();
  readonly validTokens = new Set<string>();
  readonly loginMethods: string[] = ['dev'];
  /** Alipay login answers ALIPAY_AUTH_FAILED (a code the gateway never issued). */
  refuseAlipay = false;
  /** Whether `/v1/auth/methods` offers voice and images. */
  media = false;
  logins = 0;
  refreshes = 0;
  private tokenCount = 0;
  private waiters: (() => void)[] = [];
  private readonly byClientId = new Map<string, Message>();
  queuePosition = 3;
  /** The query of every `GET /queue`: `known` (the place the chat showed) and `timeout`. */
  readonly queuePolls: { known?: number; timeout?: number }[] = [];

  /** The server's clock; tokens last an hour from `clock.now` (the real time when the fake was made). */
  constructor(readonly clock: { now: number } = { now: Date.now() }) {}

  /** Writes an event as the server would (an agent's reply, a status change) and wakes polls. */
  push(conversationId: string, make: (seq: number) => ConversationEvent): void {
    const c = this.conversations.get(conversationId)!;
    const event = make(c.events.length + 1);
    c.events.push(event);
    // The status follows the typed events only, as on the server (a notice is just words).
    if ('status' in event) c.status = event.status;
    if (event.type === 'resolved') Object.assign(c, { resolution: event.resolution, resolvedAt: event.at });
    this.wake();
  }

  /** The queue moved: the user's place is now `position`; waiting queue polls answer. */
  moveQueue(position: number): void {
    this.queuePosition = position;
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const wake of w) wake();
  }

  /** Every 留言 (POST /leave-message), as sent. */
  readonly leftMessages: { conversationId: string; text: string; contact: string; phone?: string }[] = [];

  /** What the user last chose about proactive messages (PUT /v1/me/proactive). */
  proactiveOptOut = false;

  agentReply(conversationId: string, text: string, name = '小王'): void {
    this.push(conversationId, (seq) => ({ seq, type: 'message', message: msg(conversationId, seq, { role: 'agent', id: 'a1', name }, text) }));
  }

  /** The merchant's reply-notice templates and what the user accepted (GET|POST /v1/me/subscriptions). */
  readonly subscriptions: { templateIds: string[]; kind: 'once' | 'long' | null; accepted: Record<string, number> } = { templateIds: [], kind: null, accepted: {} };
  private mediaCount = 0;

  /**
   * `POST /v1/media` as a platform uploader reaches it (my.uploadFile's header, not Transport): the
   * domain must be up and the session valid; answers a media id.
   */
  acceptUpload(url: string, header: Readonly<Record<string, string>>): { statusCode: number; body: unknown } {
    const base = url.startsWith(BACKUP) ? BACKUP : PRIMARY;
    this.log.push(`${base === PRIMARY ? 'P' : 'B'} UPLOAD ${new URL(url).pathname}`);
    if (!this.up[base]) throw new Error('network down');
    const token = /^Bearer (.+)$/.exec(header['authorization'] ?? '')?.[1];
    if (!token || !this.validTokens.has(token)) return { statusCode: 401, body: { code: 'TOKEN_INVALID', message: '请先登录' } };
    return { statusCode: 201, body: { mediaId: `md${++this.mediaCount}` } };
  }

  expireAllTokens(): void {
    this.validTokens.clear();
  }

  async request(req: TransportRequest): Promise<TransportResponse> {
    const base = req.url.startsWith(BACKUP) ? BACKUP : PRIMARY;
    const url = new URL(req.url);
    const path = url.pathname;
    this.log.push(`${base === PRIMARY ? 'P' : 'B'} ${req.method} ${path}`);
    if (!this.up[base]) throw new Error('network down');
    const body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
    if (path === '/v1/health') return ok({ ok: true });
    if (path === '/v1/auth/methods') return ok({ login: this.loginMethods, media: this.media });
    if (path === '/v1/auth/alipay' && this.refuseAlipay) return { status: 401, body: { code: 'ALIPAY_AUTH_FAILED', message: '支付宝授权失败,请重新进入' } };
    if (path === '/v1/auth/dev-login' || path === '/v1/auth/alipay') {
      this.logins++;
      return ok(this.issue(), 200);
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !this.validTokens.has(token)) return { status: 401, body: { code: 'TOKEN_EXPIRED', message: '登录已过期,请重新登录' } };
    if (path === '/v1/auth/refresh') {
      this.refreshes++;
      this.validTokens.delete(token);
      return ok(this.issue());
    }
    if (path === '/v1/me/subscriptions') {
      if (req.method === 'POST') {
        for (const id of (body['accepted'] as string[] | undefined) ?? []) {
          if (this.subscriptions.templateIds.includes(id)) this.subscriptions.accepted[id] = (this.subscriptions.accepted[id] ?? 0) + 1;
        }
      }
      return ok(this.subscriptions);
    }
    if (path === '/v1/me/proactive' && req.method === 'PUT') {
      this.proactiveOptOut = body['optOut'] === true;
      return ok({ optOut: this.proactiveOptOut });
    }
    if (path === '/v1/conversations' && req.method === 'GET') {
      // The user's conversations, newest first (earlier ones are shown above the current).
      return ok({ conversations: [...this.conversations.keys()].reverse().map((id) => this.view(id)) });
    }
    if (path === '/v1/conversations' && req.method === 'POST') {
      const id = `c${this.conversations.size + 1}`;
      this.conversations.set(id, { id, status: 'bot', events: [] });
      return ok(this.view(id), 201);
    }
    const m = /^\/v1\/conversations\/([^/]+)(?:\/([a-z-]+))?$/.exec(path);
    const c = m ? this.conversations.get(m[1]!) : undefined;
    if (!m || !c) return { status: 404, body: { code: 'CONVERSATION_NOT_FOUND', message: '会话不存在' } };
    const action = m[2];
    if (!action) return ok(this.view(c.id));
    if (action === 'messages' && req.method === 'POST') {
      const text = typeof body.mediaId === 'string' ? `[media ${body.mediaId}]` : String(body.text);
      if (text.length > 2000) return { status: 400, body: { code: 'VALIDATION_FAILED', message: '请求参数不合法' } };
      const key = String(body.clientMessageId);
      let stored = this.byClientId.get(key);
      if (!stored) {
        const seq = c.events.length + 1;
        stored = { ...msg(c.id, seq, { role: 'user', id: 'u001' }, text), clientMessageId: key };
        this.byClientId.set(key, stored);
        const message = stored;
        this.push(c.id, () => ({ seq, type: 'message', message }));
        // The 转人工 button sends its label with the intent flag; the fake hands off on either.
        if (text === '转人工' || body['intent'] === 'human') {
          this.push(c.id, (s) => ({ seq: s, type: 'queued', status: 'queued', at: '2026-11-25T10:00:30.000Z', cause: 'handoff', position: this.queuePosition, estimatedWaitSeconds: 120 }));
          this.push(c.id, (s) => ({ seq: s, type: 'message', message: { ...msg(c.id, s, { role: 'system', id: 'system' }, ''), body: { type: 'system', event: 'queued', text: '正在为您转接人工客服' } } }));
        }
      }
      return ok(stored, 201);
    }
    if (action === 'messages') {
      const before = Number(url.searchParams.get('before') ?? Infinity);
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const all = c.events.flatMap((e) => (e.type === 'message' && e.seq < before ? [e.message] : []));
      const page = all.slice(-limit);
      return ok(all.length > limit ? { messages: page, nextBefore: page[0]!.seq } : { messages: page });
    }
    if (action === 'events') {
      const after = Number(url.searchParams.get('after') ?? 0);
      if (!c.events.some((e) => e.seq > after)) await new Promise<void>((r) => this.waiters.push(r));
      // A domain that went down while the poll waited drops the connection.
      if (!this.up[base]) throw new Error('connection reset');
      const events = c.events.filter((e) => e.seq > after);
      return ok({ events, cursor: events.length ? events[events.length - 1]!.seq : after });
    }
    if (action === 'queue') {
      const known = url.searchParams.has('known') ? Number(url.searchParams.get('known')) : undefined;
      this.queuePolls.push({ ...(known !== undefined ? { known } : {}), ...(url.searchParams.has('timeout') ? { timeout: Number(url.searchParams.get('timeout')) } : {}) });
      // With `known` the poll waits while the place is still the one the chat shows.
      while (known !== undefined && c.status === 'queued' && this.queuePosition === known) await new Promise<void>((r) => this.waiters.push(r));
      if (!this.up[base]) throw new Error('connection reset');
      return ok(c.status === 'queued' ? { status: c.status, groupId: 'g1', position: this.queuePosition, estimatedWaitSeconds: 120 } : { status: c.status });
    }
    if (action === 'leave-message') {
      this.leftMessages.push({ conversationId: c.id, text: String(body['text']), contact: typeof body['contact'] === 'string' ? body['contact'] : 'chat', ...(typeof body['phone'] === 'string' ? { phone: body['phone'] } : {}) });
      c.leftMessage = true;
      this.push(c.id, (seq) => ({ seq, type: 'message', message: { ...msg(c.id, seq, { role: 'user', id: 'u001' }, String(body['text'])), clientMessageId: String(body['clientMessageId']) } }));
      this.push(c.id, (s) => ({ seq: s, type: 'message', message: { ...msg(c.id, s, { role: 'system', id: 'system' }, ''), body: { type: 'system', event: 'notice', text: '已收到您的留言,客服会尽快回复您,回复会显示在这里' } } }));
      return ok({}, 201);
    }
    if (action === 'predicted-questions') return ok({ questions: [{ faqId: 'faq-refund', question: '怎么申请退款?' }] });
    if (action === 'faq-select' || action === 'faq-feedback') return ok({}, 201);
    if (action === 'rating') {
      if (c.status !== 'resolved') return { status: 409, body: { code: 'NOT_RESOLVED', message: '会话结束后才能评价' } };
      this.push(c.id, (seq) => ({ seq, type: 'message', message: { ...msg(c.id, seq, { role: 'user', id: 'u001' }, ''), body: { type: 'rating', stars: Number(body.stars), tags: body.tags as string[], comment: String(body.comment), complaint: Boolean(body.complaint) } } }));
      this.push(c.id, (seq) => ({ seq, type: 'rated', status: 'rated', at: '2026-11-25T10:03:00.000Z', stars: Number(body.stars), complaint: Boolean(body.complaint) }));
      return ok({ status: 'rated' });
    }
    return { status: 404, body: { code: 'ROUTE_NOT_FOUND', message: '接口不存在' } };
  }

  private issue(): { token: string; expiresAt: string } {
    const token = `t${++this.tokenCount}`;
    this.validTokens.add(token);
    return { token, expiresAt: new Date(this.clock.now + 3600_000).toISOString() };
  }

  private view(id: string) {
    const c = this.conversations.get(id)!;
    return { id, tenant: 'demo', userId: 'u001', channel: 'miniprogram', status: c.status, lastSeq: c.events.length, ...(c.leftMessage ? { leftMessage: true } : {}), ...(c.resolution ? { resolution: c.resolution, resolvedAt: c.resolvedAt } : {}), createdAt: '2026-11-25T10:00:00.000Z', updatedAt: '2026-11-25T10:00:00.000Z' };
  }
}

function ok(body: unknown, status = 200): TransportResponse {
  return { status, body };
}

export function msg(conversationId: string, seq: number, sender: Message['sender'], text: string): Message {
  return { id: `m${seq}`, conversationId, seq, sender, body: { type: 'text', text }, createdAt: '2026-11-25T10:00:00.000Z' };
}
