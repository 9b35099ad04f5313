/**
 * The chat as an H5 page, on shared/client (the same core as the mini-program): fetch and
 * localStorage are the injected platform. Query parameters: `tenant`, `user` (dev login, when the
 * backend allows it), `backup` (a backup API origin).
 */
import { ApiClient, ApiError, DEGRADED_TEXT, type ConnectionState } from '../../shared/client/ApiClient';
import { Outbox } from '../../shared/client/Outbox';
import { conversationReducer, initialChatState, type ChatAction, type ChatState } from '../../shared/client/conversationReducer';
import { runEventLoop } from '../../shared/client/runEventLoop';
import type { KeyValueStorage, Transport } from '../../shared/client/Transport';
import type { Message } from '../../shared/schemas';

const MAX_TEXT = 2000;
const params = new URLSearchParams(location.search);
const tenant = params.get('tenant') ?? 'demo';
const userId = params.get('user') ?? 'u001';
const backup = params.get('backup') ?? undefined;

const fetchTransport: Transport = {
  async request(req) {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), req.timeoutMs);
    try {
      const res = await fetch(req.url, { method: req.method, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}), signal: ctrl.signal });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    } finally {
      clearTimeout(timer);
    }
  },
};

const storage: KeyValueStorage = {
  get: (k) => Promise.resolve(localStorage.getItem(`${tenant}:${userId}:${k}`) ?? undefined),
  set: (k, v) => Promise.resolve(localStorage.setItem(`${tenant}:${userId}:${k}`, v)),
};

let token: string | undefined;
let state: ChatState = initialChatState;
let conversationId = '';
let predicted: { faqId: string; question: string }[] = [];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const api = new ApiClient({ primary: location.origin, ...(backup ? { backup } : {}), transport: fetchTransport, token: () => token, onStateChange: (s) => dispatch({ type: 'connection', state: s }) });
const outbox = new Outbox(storage, api);

function dispatch(action: ChatAction): void {
  state = conversationReducer(state, action);
  render();
}

function el(tag: string, cls: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', '', label) as HTMLButtonElement;
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function renderMessage(m: Message): HTMLElement {
  const body = m.body;
  if (body.type === 'system') return el('div', 'notice', body.text);
  const row = el('div', `row${m.sender.role === 'user' ? ' mine' : ''}`);
  const bubble = el('div', 'bubble');
  if (body.type === 'text') bubble.textContent = body.text;
  else if (body.type === 'faqCard') {
    bubble.classList.add('card');
    bubble.append(el('h4', '', body.question), el('div', '', body.answer));
    const actions = el('div', 'actions');
    for (const a of body.actions) actions.append(button(a.label, () => (a.url ? window.open(a.url) : undefined)));
    if (body.feedback && (state.status ?? 'bot') === 'bot') {
      actions.append(button('解决了', () => void feedback(body.faqId, true)), button('没解决', () => void feedback(body.faqId, false)));
    }
    bubble.append(actions);
  } else if (body.type === 'faqSuggest') {
    bubble.append(el('div', '', body.text));
    const chips = el('div', 'chips');
    for (const i of body.items) chips.append(button(i.question, () => void select(i.faqId, 'suggest')));
    bubble.append(chips);
  }
  else if (body.type === 'rating') {
    bubble.textContent = `${'★'.repeat(body.stars)}${'☆'.repeat(5 - body.stars)}${body.comment ? ` ${body.comment}` : ''}${body.complaint ? '(投诉)' : ''}`;
  }
  if (m.sender.role === 'agent' && m.sender.name) bubble.prepend(el('div', 'notice', `客服 ${m.sender.name}`));
  row.append(bubble);
  return row;
}

function render(): void {
  const list = $('list');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren();
  if (predicted.length && state.messages.length === 0) {
    const box = el('div', 'bubble predicted');
    box.append(el('div', '', '猜你想问'));
    const chips = el('div', 'chips');
    for (const p of predicted) chips.append(button(p.question, () => void select(p.faqId, 'predicted')));
    box.append(chips);
    list.append(box);
  }
  for (const m of state.messages) list.append(renderMessage(m));
  for (const p of state.pending) {
    const row = el('div', 'row mine');
    const bubble = el('div', `bubble${p.state === 'failed' ? ' failed' : ''}`, p.text);
    bubble.title = p.state === 'failed' ? (p.error ?? '发送失败') : '发送中';
    row.append(bubble);
    list.append(row);
  }
  if (state.status === 'resolved') list.append(ratingCard());
  const banner = $('banner');
  const texts: Record<ConnectionState, string> = { primary: '', backup: '网络波动,已切换备用线路', degraded: DEGRADED_TEXT };
  banner.textContent = texts[state.connection];
  banner.classList.toggle('show', state.connection !== 'primary');
  const queue = $('queue');
  queue.textContent = state.queue ? `您前面还有 ${state.queue.position - 1} 位,预计等待约 ${Math.max(1, Math.round(state.queue.estimatedWaitSeconds / 60))} 分钟` : '';
  queue.classList.toggle('show', !!state.queue && state.status === 'queued');
  if (atBottom) list.scrollTop = list.scrollHeight;
}

let stars = 0;
let complaint = false;

/** After a human resolved the conversation: 1-5 stars, a complaint flag, a comment, then submit. */
function ratingCard(): HTMLElement {
  const card = el('div', 'bubble card rating');
  card.append(el('h4', '', '请为本次服务评价'));
  const row = el('div', 'chips');
  for (let i = 1; i <= 5; i++) {
    const b = button(i <= stars ? '★' : '☆', () => {
      stars = i;
      render();
    });
    b.setAttribute('aria-label', `${i} 星`);
    row.append(b);
  }
  const flag = button(complaint ? '☑ 投诉' : '☐ 投诉', () => {
    complaint = !complaint;
    render();
  });
  const comment = document.createElement('textarea');
  comment.id = 'rating-comment';
  comment.placeholder = '说说您的感受(选填)';
  comment.maxLength = 500;
  const submit = button('提交评价', () => {
    if (!stars) {
      $('error').textContent = '请先选择星级';
      return;
    }
    void guarded(() => api.call('POST', `/v1/conversations/${conversationId}/rating`, { stars, comment: comment.value, complaint }));
  });
  card.append(row, flag, comment, submit);
  return card;
}

async function send(text: string): Promise<void> {
  $('error').textContent = '';
  if (!text.trim()) return;
  if (text.length > MAX_TEXT) {
    $('error').textContent = `消息过长,请控制在 ${MAX_TEXT} 字以内(当前 ${text.length} 字)`;
    return;
  }
  const item = { conversationId, clientMessageId: `h5-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, text, createdAt: Date.now() };
  await outbox.add(item);
  dispatch({ type: 'sending', item });
  await flush();
}

async function flush(): Promise<void> {
  const result = await outbox.flush();
  for (const s of result.sent) dispatch({ type: 'sent', clientMessageId: s.item.clientMessageId, message: s.message as Message });
  for (const r of result.rejected) dispatch({ type: 'rejected', clientMessageId: r.item.clientMessageId, error: r.error.message });
}

async function feedback(faqId: string, resolved: boolean): Promise<void> {
  await guarded(() => api.call('POST', `/v1/conversations/${conversationId}/faq-feedback`, { clientMessageId: `fb-${Date.now()}`, faqId, resolved }));
}

async function select(faqId: string, source: 'suggest' | 'predicted'): Promise<void> {
  predicted = [];
  await guarded(() => api.call('POST', `/v1/conversations/${conversationId}/faq-select`, { clientMessageId: `sel-${Date.now()}`, faqId, source }));
}

async function guarded(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    $('error').textContent = err instanceof ApiError ? err.message : DEGRADED_TEXT;
  }
}

async function pollQueue(): Promise<void> {
  for (;;) {
    if (state.status === 'queued') {
      try {
        const q = await api.call<{ position?: number; estimatedWaitSeconds?: number }>('GET', `/v1/conversations/${conversationId}/queue`);
        dispatch({ type: 'queue', ...(q.position !== undefined ? { position: q.position, estimatedWaitSeconds: q.estimatedWaitSeconds ?? 0 } : {}) });
      } catch {
        // The event loop shows connection trouble; the place is refreshed next time.
      }
    }
    await new Promise((r) => setTimeout(r, 3000));
  }
}

async function start(): Promise<void> {
  token = (await storage.get('token')) ?? undefined;
  if (!token) {
    const session = await api.call<{ token: string }>('POST', '/v1/auth/dev-login', { tenant, userId });
    token = session.token;
    await storage.set('token', token);
  }
  conversationId = (await storage.get('conversation')) ?? '';
  if (conversationId) {
    try {
      const c = await api.call<{ status: string }>('GET', `/v1/conversations/${conversationId}`);
      if (!['bot', 'queued', 'assigned'].includes(c.status)) conversationId = '';
    } catch {
      conversationId = '';
    }
  }
  if (!conversationId) {
    conversationId = (await api.call<{ id: string }>('POST', '/v1/conversations', { channel: 'h5' })).id;
    await storage.set('conversation', conversationId);
  }
  predicted = (await api.call<{ questions: { faqId: string; question: string }[] }>('GET', `/v1/conversations/${conversationId}/predicted-questions`)).questions;
  render();
  $('send').addEventListener('click', () => {
    const input = $<HTMLTextAreaElement>('input');
    const text = input.value;
    input.value = '';
    void send(text);
  });
  $('human').addEventListener('click', () => void send('转人工'));
  window.addEventListener('online', () => void flush());
  void pollQueue();
  await flush();
  await runEventLoop({
    api,
    conversationId,
    after: 0,
    pollTimeoutMs: 20_000,
    onEvents: (events, cursor) => dispatch({ type: 'events', events, cursor }),
    onStop: (err) => ($('error').textContent = err.message),
  });
}

start().catch((err: unknown) => {
  $('error').textContent = err instanceof ApiError ? err.message : DEGRADED_TEXT;
});
