/**
 * The chat as an H5 page, on shared/client (the same core as the mini-program): fetch and
 * localStorage are the injected platform. Query parameters: `tenant`, `user` (dev login, when the
 * backend allows it), `backup` (a backup API origin).
 */
import { ChatSession } from '../../shared/client/ChatSession';
import type { ChatView } from '../../shared/client/ChatView';
import { chatLogin } from '../../shared/client/chatLogin';
import type { ConnectionState } from '../../shared/client/ApiClient';
import { imageProblem, RECORDING_LIMIT_MS, recordingProblem } from '../../shared/client/mediaChecks';
import type { MediaUpload } from '../../shared/client/ChatView';
import { MAX_VOICE_BYTES } from '../../shared/schemas/limits';
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
    if (body.proactive) chips.append(button(t.proactiveOff, () => void chat.stopProactive()));
    bubble.append(chips);
  } else if (body.type === 'voice') {
    bubble.append(mediaElement(body.mediaId, 'audio'), el('div', 'notice', body.transcribed ? (body.text ?? '') : '未转写'));
  } else if (body.type === 'image') {
    bubble.append(mediaElement(body.mediaId, 'img'));
  } else if (body.type === 'rating') {
    bubble.textContent = `${'★'.repeat(body.stars)}${'☆'.repeat(5 - body.stars)}${body.comment ? ` ${body.comment}` : ''}${body.complaint ? '(投诉)' : ''}`;
  }
  if (m.sender.role === 'agent' && m.sender.name) bubble.prepend(el('div', 'notice', `客服 ${m.sender.name}`));
  row.append(bubble);
  return row;
}

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

/** A problem found on the phone (too short, too large) shown until the session says something new. */
let localNotice = '';
let lastViewNotice = '';
function say(text: string): void {
  localNotice = text;
  render();
}

function render(): void {
  if (!view) return;
  if (view.notice !== lastViewNotice) {
    lastViewNotice = view.notice;
    localNotice = '';
  }
  document.body.classList.toggle('media', view.media);
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
  // One status line: the place while waiting, then who serves (from the events, as in kf-chat).
  const queue = $('queue');
  const waiting = state.status === 'queued' && state.queue ? t.queue(state.queue.position - 1, Math.max(1, Math.round(state.queue.estimatedWaitSeconds / 60))) : '';
  queue.textContent = waiting || (state.status === 'assigned' && view.agentName ? t.agentJoined(view.agentName) : '');
  queue.classList.toggle('show', queue.textContent !== '');
  $('error').textContent = localNotice || view.notice;
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

/** `POST /v1/media` as multipart, to the URL and with the session header the chat's client gives. */
function uploadOf(file: Blob, name: string, kind: 'voice' | 'image', extra: Record<string, string> = {}): MediaUpload['upload'] {
  return (conversationId) => async (url, headers) => {
    const form = new FormData();
    form.set('conversationId', conversationId);
    form.set('kind', kind);
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    form.set('file', file, name);
    const res = await fetch(url, { method: 'POST', headers: { ...headers }, body: form });
    return { status: res.status, body: await res.json().catch(() => undefined) };
  };
}

// Pictures: a file input behind the 图片 button, checked here before anything is uploaded.
const imageInput = $<HTMLInputElement>('image-input');
$('image').addEventListener('click', () => imageInput.click());
imageInput.addEventListener('change', () => {
  const file = imageInput.files?.[0];
  imageInput.value = '';
  if (!file) return;
  say('');
  const problem = imageProblem({ name: file.name, size: file.size, mimeType: file.type }, t);
  if (problem) return say(problem);
  void chat.sendMedia({ kind: 'image', label: t.imageLabel, upload: uploadOf(file, file.name, 'image') });
});

// Voice: press and hold to record (MediaRecorder), slide up to cancel, 60 s at most.
const voice = $<HTMLButtonElement>('voice');
let recording: { recorder: MediaRecorder; chunks: Blob[]; startedAt: number; startY: number; cancel: boolean; limit: number; stream: MediaStream } | undefined;
let pressed = false;
voice.addEventListener('pointerdown', (e) => {
  e.preventDefault();
  pressed = true;
  say('');
  const startY = e.clientY;
  navigator.mediaDevices.getUserMedia({ audio: true }).then(
    (stream) => {
      if (!pressed) {
        // Released before the microphone opened: as short as a recording gets.
        stream.getTracks().forEach((tr) => tr.stop());
        return say(t.voiceTooShort);
      }
      const recorder = new MediaRecorder(stream);
      const r = { recorder, chunks: [] as Blob[], startedAt: performance.now(), startY, cancel: false, stream, limit: window.setTimeout(() => stopRecording(true), RECORDING_LIMIT_MS) };
      recorder.addEventListener('dataavailable', (ev) => r.chunks.push(ev.data));
      recorder.start();
      recording = r;
      voice.classList.add('recording');
      voice.textContent = t.voiceRelease;
    },
    () => say(t.voiceDenied),
  );
});
voice.addEventListener('pointermove', (e) => {
  if (!recording) return;
  recording.cancel = recording.startY - e.clientY > 60;
  voice.classList.toggle('cancel', recording.cancel);
  voice.textContent = recording.cancel ? t.voiceCancel : t.voiceRelease;
});
for (const type of ['pointerup', 'pointercancel'] as const) {
  voice.addEventListener(type, () => {
    pressed = false;
    stopRecording(false);
  });
}

function stopRecording(hitLimit: boolean): void {
  const r = recording;
  if (!r) return;
  recording = undefined;
  window.clearTimeout(r.limit);
  voice.classList.remove('recording', 'cancel');
  voice.textContent = t.voiceHold;
  const durationMs = Math.round(performance.now() - r.startedAt);
  r.recorder.addEventListener('stop', () => {
    r.stream.getTracks().forEach((tr) => tr.stop());
    if (r.cancel) return;
    const problem = recordingProblem(durationMs, t);
    if (problem) return say(problem);
    const blob = new Blob(r.chunks, { type: r.recorder.mimeType || 'audio/webm' });
    if (blob.size > MAX_VOICE_BYTES) return say(t.sendFailed);
    void chat
      .sendMedia({ kind: 'voice', label: t.voiceLabel(Math.max(1, Math.round(durationMs / 1000))), upload: uploadOf(blob, 'voice.webm', 'voice', { durationMs: String(durationMs) }) })
      .then((sent) => {
        if (sent && hitLimit) say(t.voiceTooLong(RECORDING_LIMIT_MS / 1000));
      });
  });
  r.recorder.stop();
}

$('send').addEventListener('click', () => {
  localNotice = '';
  const input = $<HTMLTextAreaElement>('input');
  void chat.send(input.value).then((accepted) => {
    if (accepted) input.value = '';
  });
});
$('human').addEventListener('click', () => void chat.askHuman());
window.addEventListener('online', () => void chat.online());
void chat.start();
