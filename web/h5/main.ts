/**
 * The chat as an H5 page, on shared/client (the same core and the same display converter as the
 * mini-program): fetch and localStorage are the injected platform. Query parameters: `tenant`,
 * `user` (dev login, when the backend allows it), `backup` (a backup API origin).
 */
import { ChatSession, type ChatView, chatItems, type ChatItemAction, chatLogin, connectionBanner, imageProblem, mediaUpload, queueLine, type KeyValueStorage, type Transport } from '../../shared/client';
import { Composer } from './composer';
import { $, button } from './dom';
import { ratingCard } from './ratingCard';
import { renderItem, type ItemHandlers } from './renderItems';
import { sendForm } from './sendForm';
import { wireVoice } from './voiceRecording';

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

/**
 * One element per media id, kept across renders (so a playing recording is not interrupted), its
 * source filled in once the signed link arrives.
 */
const mediaElements = new Map<string, HTMLElement>();
function mediaElement(mediaId: string, tag: 'audio' | 'img'): HTMLElement {
  let e = mediaElements.get(mediaId);
  if (!e) {
    const created = document.createElement(tag);
    if (created instanceof HTMLAudioElement) created.controls = true;
    if (created instanceof HTMLImageElement) {
      created.className = 'pic';
      created.alt = t.imageButton;
    }
    void chat.mediaLink(mediaId).then((url) => created.setAttribute('src', url), () => undefined);
    mediaElements.set(mediaId, created);
    e = created;
  }
  return e;
}

/**
 * A guide button: its web link on H5 (the action's own, or the merchant's H5 address of its
 * mini-program page). Without one the page cannot open here, and the page says so. Asking the bot
 * again only put the same card under the one the user just read (the walk found 查看账单 doing
 * that), and a status card's words would be a new question (重新支付 reached a human). While a
 * human holds the conversation the words go to them as a message.
 */
function followAction(a: ChatItemAction): void {
  if (a.url) window.open(a.url, '_blank', 'noopener');
  else if (view?.chat.status === 'queued' || view?.chat.status === 'assigned') void chat.send(a.label);
  else say(t.openInMiniProgram);
}

const handlers: ItemHandlers = {
  retry: (id) => void chat.retry(id),
  feedback: (faqId, resolved) => void chat.feedback(faqId, resolved),
  select: (faqId, source) => void chat.selectQuestion(faqId, source),
  stopProactive: () => void chat.stopProactive(),
  action: followAction,
  reply: (text) => void chat.send(text),
  askHuman: () => void chat.askHuman(),
  media: mediaElement,
};

/** A problem found on the phone (too short, too large) shown until the session says something new. */
let localNotice = '';
let lastViewNotice = '';
function say(text: string): void {
  localNotice = text;
  render();
}

/** The rating card of each resolved conversation, made once: a new conversation starts fresh. */
const ratingCards = new Map<string, HTMLElement>();

const composer = new Composer(chat, () => $<HTMLInputElement>('image-input').click());

function render(): void {
  if (!view) return;
  if (view.notice !== lastViewNotice) {
    lastViewNotice = view.notice;
    localNotice = '';
  }
  composer.update(view);
  const state = view.chat;
  const list = $('list');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren();
  if (view.moreEarlier) list.append(Object.assign(button(view.loadingOlder ? '…' : state.moreBefore ? t.loadOlder : t.loadEarlier, () => void chat.loadOlder()), { id: 'older' }));
  for (const item of chatItems(view, t)) list.append(renderItem(item, t, handlers));
  if (state.status === 'resolved') {
    let card = ratingCards.get(view.conversationId);
    if (!card) ratingCards.set(view.conversationId, (card = ratingCard(chat)));
    list.append(card);
  }
  const banner = $('banner');
  banner.textContent = connectionBanner(view, t);
  banner.classList.toggle('show', banner.textContent !== '');
  // One status line: the place while waiting (with 留言 next to it), then who serves.
  const queueText = queueLine(state, t);
  $('queue-text').textContent = queueText;
  $('queue').classList.toggle('show', queueText !== '');
  $('agent').textContent = state.status === 'assigned' && view.agentName ? t.agentJoined(view.agentName) : '';
  $('error').textContent = localNotice || view.notice;
  if (atBottom) list.scrollTop = list.scrollHeight;
}

// Pictures: a file input behind the panel's 图片, checked here before anything is uploaded.
const imageInput = $<HTMLInputElement>('image-input');
imageInput.addEventListener('change', () => {
  const file = imageInput.files?.[0];
  imageInput.value = '';
  if (!file) return;
  say('');
  const problem = imageProblem({ name: file.name, size: file.size, mimeType: file.type }, t);
  if (problem) return say(problem);
  void chat.sendMedia(mediaUpload('image', t.imageLabel, sendForm(file, file.name)));
});

wireVoice(chat, say);
// No network is said as such (not 客服繁忙); unsent messages go out when it is back or the page is
// looked at again.
if (!navigator.onLine) void chat.network(false);
window.addEventListener('offline', () => void chat.network(false));
window.addEventListener('online', () => void chat.network(true));
document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void chat.online());
void chat.start();
