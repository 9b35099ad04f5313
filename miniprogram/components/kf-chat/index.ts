import { ApiError } from '../../../shared/client/ApiClient';
import { ChatSession } from '../../../shared/client/ChatSession';
import type { ChatView, MediaUpload } from '../../../shared/client/ChatView';
import { chatLogin } from '../../../shared/client/chatLogin';
import { chatTexts } from '../../../shared/client/chatText';
import { imageProblem, RECORDING_LIMIT_MS, recordingProblem } from '../../../shared/client/mediaChecks';
import { MAX_VOICE_BYTES } from '../../../shared/schemas/limits';
import { chooseImage } from '../../lib/jsapi/chooseImage';
import { getAuthCode } from '../../lib/jsapi/getAuthCode';
import { getRecorderManager, type RecorderFailure, type Recording, type VoiceRecorder } from '../../lib/jsapi/getRecorderManager';
import { navigateTo } from '../../lib/jsapi/navigateTo';
import { onNetworkStatusChange } from '../../lib/jsapi/onNetworkStatusChange';
import { requestSubscribeMessage } from '../../lib/jsapi/requestSubscribeMessage';
import { UPLOAD_TRANSFER_FAILED, uploadFile, UploadFileError } from '../../lib/jsapi/uploadFile';
import { myStorage, myTransport } from '../../lib/myPlatform';
import { chatItems } from './chatItems';
import { initialData, labels, ratingDefaults, type KfChatData } from './KfChatData';
import { kfChatDefaultProps, type KfChatProps } from './props';

/** Sliding the finger this far up (px) while recording cancels the recording. */
const CANCEL_SLIDE_PX = 60;

type Texts = ReturnType<typeof chatTexts>;

interface Methods {
  open(): void;
  render(view: ChatView): void;
  countUnread(view: ChatView): void;
  handleClose(): void;
  handleInput(e: { detail: { value: string } }): void;
  handleSend(): Promise<void>;
  handleHuman(): Promise<void>;
  handleRetry(e: TapEvent): Promise<void>;
  handleFeedback(e: TapEvent): Promise<void>;
  handleSelect(e: TapEvent): Promise<void>;
  handleStopProactive(): Promise<void>;
  handleAction(e: TapEvent): void;
  handleLoadOlder(): Promise<void>;
  handleStar(e: TapEvent): void;
  handleTag(e: TapEvent): void;
  handleComplaint(): void;
  handleComment(e: { detail: { value: string } }): void;
  handleSubmitRating(): Promise<void>;
  handleToggleMode(): void;
  handleVoiceStart(e: TouchEvent): void;
  handleVoiceMove(e: TouchEvent): void;
  handleVoiceEnd(): void;
  handleVoiceCancel(): void;
  onRecorded(recording: Recording): Promise<void>;
  onRecordFailed(failure: RecorderFailure): void;
  handleNotify(): Promise<void>;
  handlePickImage(): Promise<void>;
  upload(kind: 'voice' | 'image', filePath: string, extra: Record<string, string>): MediaUpload['upload'];
  setNotice(text: string): void;
}

interface TapEvent {
  readonly currentTarget: { readonly dataset: Record<string, string | number | undefined> };
}
interface TouchEvent {
  readonly touches: readonly { readonly clientY: number }[];
}

interface Extra {
  session?: ChatSession;
  texts: Texts;
  recorder?: VoiceRecorder;
  touchStartY: number;
  discardRecording: boolean;
  /** Replies seen while shown, and the count of replies in the view at the last render. */
  unread: number;
  repliesInView: number;
  lastViewNotice: string;
  offline: boolean;
  stopNetworkWatch?: () => void;
  lastItemCount: number;
}

/**
 * The chat window. All behaviour is shared/client's ChatSession; this component turns its view into
 * template data, forwards taps, and owns what only a phone has: the recorder, the image picker,
 * the network status, and the unread count for the entry button.
 */
Component<KfChatData, KfChatProps, Methods, Extra>({
  props: kfChatDefaultProps,
  data: initialData,
  onInit() {
    this.texts = chatTexts(this.props.locale);
    this.touchStartY = 0;
    this.discardRecording = false;
    this.unread = 0;
    this.repliesInView = 0;
    this.lastViewNotice = '';
    this.offline = false;
    this.lastItemCount = 0;
    this.setData({ t: labels(this.texts), shown: this.props.visible, ...ratingDefaults(this.texts) });
  },
  didMount() {
    this.stopNetworkWatch = onNetworkStatusChange((connected) => {
      this.offline = !connected;
      if (connected) void this.session?.online();
      if (this.session) this.render(this.session.current);
      else this.setData({ banner: connected ? '' : this.texts.offline });
    });
    if (this.props.visible) this.open();
  },
  didUpdate(prevProps) {
    const target = (p: Partial<KfChatProps>) => `${p.tenant}|${p.apiOrigin}|${p.backupOrigin}|${p.devUserId}`;
    if (this.session && target(prevProps) !== target(this.props)) {
      // Another merchant or backend: a new session, opened again when shown.
      this.session.stop();
      this.session = undefined;
    }
    if (prevProps.visible !== this.props.visible) {
      this.setData({ shown: this.props.visible });
      if (this.props.visible) {
        this.unread = 0;
        this.props.onUnread?.(0);
        if (!this.session) this.open();
      }
    }
  },
  didUnmount() {
    this.session?.stop();
    this.stopNetworkWatch?.();
    // The app-wide recorder outlives this window: its listeners go with it.
    this.recorder?.dispose();
  },
  methods: {
    open() {
      const session = new ChatSession({
        primary: this.props.apiOrigin,
        ...(this.props.backupOrigin ? { backup: this.props.backupOrigin } : {}),
        transport: myTransport,
        storage: myStorage(this.props.tenant),
        login: chatLogin({ tenant: this.props.tenant, authCode: getAuthCode, ...(this.props.devUserId ? { devUserId: this.props.devUserId } : {}) }),
        channel: 'miniprogram',
        locale: this.props.locale,
        notifyOffer: true,
        onChange: (view) => {
          if (this.session === session) this.render(view);
        },
      });
      this.session = session;
      void session.start();
    },

    render(view: ChatView) {
      const t = this.texts;
      const items = chatItems(view, t);
      const c = view.chat;
      const banner = this.offline ? t.offline : c.connection === 'backup' ? t.backup : c.connection === 'degraded' ? t.degraded : '';
      const queueText = c.status === 'queued' && c.queue ? t.queue(Math.max(0, c.queue.position - 1), Math.max(1, Math.round(c.queue.estimatedWaitSeconds / 60))) : '';
      const patch: Partial<KfChatData> = {
        items,
        banner,
        queueText,
        agentText: view.agentName ? t.agentJoined(view.agentName) : '',
        ready: view.ready,
        media: view.media,
        moreBefore: c.moreBefore,
        loadingOlder: view.loadingOlder,
        showRating: c.status === 'resolved',
        notifyOffer: view.notifyTemplates.length > 0 && (c.status === 'queued' || c.status === 'assigned'),
      };
      // A new notice from the session replaces what the component said; an unchanged one leaves it.
      if (view.notice !== this.lastViewNotice) {
        this.lastViewNotice = view.notice;
        patch.notice = view.notice;
      }
      // Follow the newest message, but not when older history was added at the top.
      const newest = items[items.length - 1];
      if (newest && items.length !== this.lastItemCount && newest.key !== this.data.scrollInto && !view.loadingOlder) patch.scrollInto = newest.key;
      this.lastItemCount = items.length;
      this.setData(patch);
      this.countUnread(view);
    },

    countUnread(view: ChatView) {
      const replies = view.chat.messages.filter((m) => m.sender.role === 'agent' || m.sender.role === 'bot').length;
      const fresh = replies - this.repliesInView;
      this.repliesInView = replies;
      if (fresh > 0 && !this.props.visible) {
        this.unread += fresh;
        this.props.onUnread?.(this.unread);
      }
    },

    handleClose() {
      this.props.onClose?.();
    },

    handleInput(e) {
      this.setData({ inputValue: e.detail.value });
    },

    async handleSend() {
      if (!this.session) return;
      if (await this.session.send(this.data.inputValue)) this.setData({ inputValue: '' });
    },

    async handleHuman() {
      await this.session?.askHuman();
    },

    async handleRetry(e) {
      const id = e.currentTarget.dataset['id'];
      if (typeof id === 'string') await this.session?.retry(id);
    },

    async handleFeedback(e) {
      const { faqId, resolved } = e.currentTarget.dataset;
      if (typeof faqId === 'string') await this.session?.feedback(faqId, resolved === 'yes');
    },

    async handleSelect(e) {
      const { faqId, source } = e.currentTarget.dataset;
      if (typeof faqId === 'string') await this.session?.selectQuestion(faqId, source === 'predicted' ? 'predicted' : 'suggest');
    },

    async handleStopProactive() {
      await this.session?.stopProactive();
    },

    handleAction(e) {
      const { path, url } = e.currentTarget.dataset;
      if (typeof path === 'string' && path) {
        navigateTo(path).catch(() => this.setNotice(this.texts.sendFailed));
      } else if (typeof url === 'string' && url) {
        this.props.onOpenUrl?.(url);
      }
    },

    async handleLoadOlder() {
      await this.session?.loadOlder();
    },

    handleStar(e) {
      const value = Number(e.currentTarget.dataset['value']);
      this.setData({ stars: this.data.stars.map((s) => ({ value: s.value, on: s.value <= value })) });
    },

    handleTag(e) {
      const text = e.currentTarget.dataset['text'];
      this.setData({ tags: this.data.tags.map((tag) => (tag.text === text ? { text: tag.text, on: !tag.on } : tag)) });
    },

    handleComplaint() {
      this.setData({ complaint: !this.data.complaint });
    },

    handleComment(e) {
      this.setData({ comment: e.detail.value });
    },

    async handleSubmitRating() {
      if (!this.session) return;
      const stars = this.data.stars.filter((s) => s.on).length;
      const ok = await this.session.rate({ stars, tags: this.data.tags.filter((t) => t.on).map((t) => t.text), comment: this.data.comment, complaint: this.data.complaint });
      if (ok) this.setData(ratingDefaults(this.texts));
    },

    handleToggleMode() {
      this.setData({ inputMode: this.data.inputMode === 'text' ? 'voice' : 'text' });
    },

    handleVoiceStart(e) {
      if (this.data.recording || !this.data.media) return;
      this.recorder ??= getRecorderManager();
      // The last recording has not reported its end yet: this press starts nothing (and leaves that
      // recording's cancel as it was).
      if (!this.recorder.start(RECORDING_LIMIT_MS, { onStop: (r) => void this.onRecorded(r), onError: (f) => this.onRecordFailed(f) })) return;
      this.touchStartY = e.touches[0]?.clientY ?? 0;
      this.discardRecording = false;
      this.setData({ recording: true, recordCancel: false, notice: '' });
    },

    handleVoiceMove(e) {
      if (!this.data.recording) return;
      const y = e.touches[0]?.clientY ?? this.touchStartY;
      const cancel = this.touchStartY - y > CANCEL_SLIDE_PX;
      if (cancel !== this.data.recordCancel) this.setData({ recordCancel: cancel });
    },

    handleVoiceEnd() {
      if (!this.data.recording) return;
      this.discardRecording = this.data.recordCancel;
      this.setData({ recording: false, recordCancel: false });
      this.recorder?.stop();
    },

    handleVoiceCancel() {
      if (!this.data.recording) return;
      this.discardRecording = true;
      this.setData({ recording: false, recordCancel: false });
      this.recorder?.stop();
    },

    /** The recorder finished: on release, or by itself at the 60 s limit while still pressed. */
    async onRecorded(recording) {
      const t = this.texts;
      if (this.discardRecording) return;
      const hitLimit = this.data.recording;
      if (hitLimit) this.setData({ recording: false, recordCancel: false });
      const problem = recordingProblem(recording.durationMs, t) ?? (recording.fileSize > MAX_VOICE_BYTES ? t.sendFailed : undefined);
      if (problem) {
        this.setNotice(problem);
        return;
      }
      const sent = await this.session?.sendMedia({
        kind: 'voice',
        label: t.voiceLabel(Math.max(1, Math.round(recording.durationMs / 1000))),
        upload: this.upload('voice', recording.tempFilePath, { durationMs: String(Math.round(recording.durationMs)) }),
      });
      if (sent && hitLimit) this.setNotice(t.voiceTooLong(RECORDING_LIMIT_MS / 1000));
    },

    onRecordFailed(failure) {
      const t = this.texts;
      this.setData({ recording: false, recordCancel: false });
      if (this.discardRecording) return;
      this.setNotice({ denied: t.voiceDenied, tooShort: t.voiceTooShort, interrupted: t.voiceInterrupted, busy: t.voiceFailed, failed: t.voiceFailed }[failure]);
    },

    /** 有回复时通知我: the platform's panel must open from the tap itself. */
    async handleNotify() {
      const session = this.session;
      if (!session) return;
      const choice = await requestSubscribeMessage(session.current.notifyTemplates);
      await session.subscribeReplies(choice);
    },

    async handlePickImage() {
      if (!this.data.media) return;
      let picked;
      try {
        picked = await chooseImage();
      } catch {
        this.setNotice(this.texts.sendFailed);
        return;
      }
      if ('denied' in picked) {
        this.setNotice(this.texts.imageDenied);
        return;
      }
      if ('cancelled' in picked) return;
      const image = picked.image;
      const problem = imageProblem({ name: image.path, size: image.size }, this.texts);
      if (problem) {
        this.setNotice(problem);
        return;
      }
      await this.session?.sendMedia({ kind: 'image', label: this.texts.imageLabel, upload: this.upload('image', image.path, {}) });
    },

    /**
     * `POST /v1/media` (multipart) through my.uploadFile, to the origin and with the session header
     * ChatSession gives: the backup domain while the primary is down, like every other call.
     */
    upload(kind, filePath, extra) {
      return (conversationId) => async (url, header) => {
        try {
          const res = await uploadFile({ url, filePath, fileType: kind === 'voice' ? 'audio' : 'image', header, formData: { kind, conversationId, ...extra } });
          return { status: res.status, body: res.data };
        } catch (err) {
          // Only a failed transfer is the network; the rest (domain not whitelisted, file gone) would fail again.
          if (err instanceof UploadFileError && err.code !== undefined && err.code !== UPLOAD_TRANSFER_FAILED) throw new ApiError(400, 'MEDIA_UPLOAD_FAILED', this.texts.sendFailed);
          throw err;
        }
      };
    },

    setNotice(text) {
      this.setData({ notice: text });
    },
  },
});
