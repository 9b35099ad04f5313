/**
 * The chat as an H5 page, on shared/client (the same core as the mini-program): fetch and
 * localStorage are the injected platform. Query parameters: `tenant`, `user` (dev login, when the
 * backend allows it), `backup` (a backup API origin).
 */
import { ChatSession, type ChatView } from '../../shared/client/ChatSession';
import { chatLogin } from '../../shared/client/chatLogin';
import type { ConnectionState } from '../../shared/client/ApiClient';
import type { KeyValueStorage, Transport } from '../../shared/client/Transport';
import type { Message } from '../../shared/schemas';

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

let view: ChatView | undefined;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const chat = new ChatSession({
  primary: location.origin,
  ...(backup ? { backup } : {}),
  transport: fetchTransport,
  storage,
  login: chatLogin({ tenant, devUserId: userId }),
  channel: 'h5',
  onChange: (v) => {
    view = v;
    render();
  },
});
const t = chat.texts;

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

function renderMessage(m: Message, status: string | undefined): HTMLElement {
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
    if (body.feedback && (status ?? 'bot') === 'bot') {
      actions.append(button(t.resolvedYes, () => void chat.feedback(body.faqId, true)), button(t.resolvedNo, () => void chat.feedback(body.faqId, false)));
    }
    bubble.append(actions);
  } else if (body.type === 'faqSuggest') {
    bubble.append(el('div', '', body.text));
    const chips = el('div', 'chips');
    for (const i of body.items) chips.append(button(i.question, () => void chat.selectQuestion(i.faqId, 'suggest')));
    bubble.append(chips);
  } else if (body.type === 'rating') {
    bubble.textContent = `${'★'.repeat(body.stars)}${'☆'.repeat(5 - body.stars)}${body.comment ? ` ${body.comment}` : ''}${body.complaint ? '(投诉)' : ''}`;
  }
  if (m.sender.role === 'agent' && m.sender.name) bubble.prepend(el('div', 'notice', `客服 ${m.sender.name}`));
  row.append(bubble);
  return row;
}

function render(): void {
  if (!view) return;
  const state = view.chat;
  const list = $('list');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren();
  if (state.moreBefore) list.append(button(view.loadingOlder ? '…' : t.loadOlder, () => void chat.loadOlder()));
  if (view.predicted.length && state.messages.length === 0) {
    const box = el('div', 'bubble predicted');
    box.append(el('div', '', t.predicted));
    const chips = el('div', 'chips');
    for (const p of view.predicted) chips.append(button(p.question, () => void chat.selectQuestion(p.faqId, 'predicted')));
    box.append(chips);
    list.append(box);
  }
  for (const m of state.messages) list.append(renderMessage(m, state.status));
  for (const p of state.pending) {
    const row = el('div', 'row mine');
    const bubble = el('div', `bubble${p.state === 'failed' ? ' failed' : ''}`, p.text);
    bubble.title = p.state === 'failed' ? (p.error ?? t.sendFailed) : t.sending;
    if (p.state === 'failed') bubble.addEventListener('click', () => void chat.retry(p.clientMessageId));
    row.append(bubble);
    list.append(row);
  }
  if (state.status === 'resolved') list.append(ratingCard());
  const banner = $('banner');
  const texts: Record<ConnectionState, string> = { primary: '', backup: t.backup, degraded: t.degraded };
  banner.textContent = texts[state.connection];
  banner.classList.toggle('show', state.connection !== 'primary');
  const queue = $('queue');
  queue.textContent = state.queue ? t.queue(state.queue.position - 1, Math.max(1, Math.round(state.queue.estimatedWaitSeconds / 60))) : '';
  queue.classList.toggle('show', !!state.queue && state.status === 'queued');
  $('error').textContent = view.notice;
  if (atBottom) list.scrollTop = list.scrollHeight;
}

let stars = 0;
let complaint = false;

/** After a human resolved the conversation: 1-5 stars, a complaint flag, a comment, then submit. */
function ratingCard(): HTMLElement {
  const card = el('div', 'bubble card rating');
  card.append(el('h4', '', t.rateTitle));
  const row = el('div', 'chips');
  for (let i = 1; i <= 5; i++) {
    const b = button(i <= stars ? '★' : '☆', () => {
      stars = i;
      render();
    });
    b.setAttribute('aria-label', `${i} 星`);
    row.append(b);
  }
  const flag = button(`${complaint ? '☑' : '☐'} ${t.rateComplaint}`, () => {
    complaint = !complaint;
    render();
  });
  const comment = document.createElement('textarea');
  comment.id = 'rating-comment';
  comment.placeholder = t.rateCommentPlaceholder;
  comment.maxLength = 500;
  const submit = button(t.rateSubmit, () => void chat.rate({ stars, comment: comment.value, complaint }));
  card.append(row, flag, comment, submit);
  return card;
}

$('send').addEventListener('click', () => {
  const input = $<HTMLTextAreaElement>('input');
  void chat.send(input.value).then((accepted) => {
    if (accepted) input.value = '';
  });
});
$('human').addEventListener('click', () => void chat.askHuman());
window.addEventListener('online', () => void chat.online());
void chat.start();
