import { ApiError, ChatSession, type ChatView, chatItems, chatLogin, chatTexts, composerCounter, connectionBanner, imageProblem, mediaUpload, queueLine, VoicePress } from '../../../shared/client';
import { chooseImage } from '../../lib/jsapi/chooseImage';
import { getAuthCode } from '../../lib/jsapi/getAuthCode';
import { navigateTo } from '../../lib/jsapi/navigateTo';
import { onAppShow } from '../../lib/jsapi/onAppShow';
import { onNetworkStatusChange } from '../../lib/jsapi/onNetworkStatusChange';
import { requestSubscribeMessage } from '../../lib/jsapi/requestSubscribeMessage';
import { UPLOAD_TRANSFER_FAILED, uploadFile, UploadFileError } from '../../lib/jsapi/uploadFile';
import { myStorage, myTransport } from '../../lib/myPlatform';
import { initialData, labels, ratingDefaults, type KfChatData } from './KfChatData';
import type { Extra, Methods } from './kfChatThis';
import { leaveMethods } from './leaveMethods';
import { kfChatDefaultProps, type KfChatProps } from './props';
import { ratingMethods } from './ratingMethods';
import { voiceMethods } from './voiceMethods';

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
    this.press = new VoicePress(() => Date.now());
    this.discardRecording = false;
    this.unread = 0;
    this.repliesInView = 0;
    this.lastViewNotice = '';
    this.offline = false;
    this.lastItemCount = 0;
    this.setData({ t: labels(this.texts), shown: this.props.visible, ...ratingDefaults() });
  },
  didMount() {
    this.stopNetworkWatch = onNetworkStatusChange((connected) => {
      this.offline = !connected;
      if (this.session) void this.session.network(connected);
      else this.setData({ banner: connected ? '' : this.texts.offline });
    });
    // Back in the foreground: what waits in the outbox goes out at once.
    this.stopAppShowWatch = onAppShow(() => void this.session?.online());
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
    this.stopAppShowWatch?.();
    clearInterval(this.recordTicker);
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
      // The network was reported down before this window opened: the session starts knowing it.
      if (this.offline) void session.network(false);
      void session.start();
    },

    render(view: ChatView) {
      const t = this.texts;
      const items = chatItems(view, t);
      const c = view.chat;
      const banner = connectionBanner(view, t);
      const queueText = queueLine(c, t);
      const hasPanel = view.media || view.canLeaveMessage;
      const patch: Partial<KfChatData> = {
        items,
        banner,
        queueText,
        agentText: view.agentName ? t.agentJoined(view.agentName) : '',
        ready: view.ready,
        media: view.media,
        moreBefore: view.moreEarlier,
        olderText: c.moreBefore ? t.loadOlder : t.loadEarlier,
        loadingOlder: view.loadingOlder,
        showRating: c.status === 'resolved',
        notifyOffer: view.notifyTemplates.length > 0 && (c.status === 'queued' || c.status === 'assigned'),
        canAskHuman: view.canAskHuman,
        canLeaveMessage: view.canLeaveMessage,
        hasPanel,
        ...(hasPanel ? {} : { panelOpen: false }),
        ...(view.canLeaveMessage ? {} : { leaveOpen: false }),
        ...(view.media ? {} : { inputMode: 'text' as const }),
      };
      // A rating card belongs to its conversation: the next one starts blank.
      if (c.status === 'resolved' && this.data.ratingFor !== view.conversationId) Object.assign(patch, ratingDefaults(), { ratingFor: view.conversationId });
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
      const c = composerCounter(e.detail.value.length, this.texts);
      this.setData({ inputValue: e.detail.value, counterText: c.text, counterFull: c.full });
      this.session?.typing();
    },

    async handleSend() {
      if (!this.session) return;
      const text = this.data.inputValue;
      if ((await this.session.send(text)) && this.data.inputValue === text) this.setData({ inputValue: '', counterText: '', counterFull: false });
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

    /** A ready answer of the bot's question: its text goes as the user's message, as if typed (outbox, resend). */
    async handleReply(e) {
      const text = e.currentTarget.dataset['text'];
      if (typeof text === 'string' && text) await this.session?.send(text);
    },

    async handleStopProactive() {
      await this.session?.stopProactive();
    },

    /** A guide button: its mini-program page, else its web link (the host opens it), else its words go to the bot. */
    handleAction(e) {
      const { path, url, label } = e.currentTarget.dataset;
      if (typeof path === 'string' && path) {
        navigateTo(path).catch(() => this.setNotice(this.texts.sendFailed));
      } else if (typeof url === 'string' && url) {
        this.props.onOpenUrl?.(url);
      } else if (typeof label === 'string' && label) {
        void this.session?.send(label);
      }
    },

    async handleLoadOlder() {
      await this.session?.loadOlder();
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
      await this.session?.sendMedia(mediaUpload('image', this.texts.imageLabel, this.sendFile('image', image.path)));
    },

    /**
     * `POST /v1/media` (multipart) through my.uploadFile, to the origin and with the session header
     * ChatSession gives: the backup domain while the primary is down, like every other call.
     */
    sendFile(kind, filePath) {
      return async (url, header, formData) => {
        try {
          const res = await uploadFile({ url, filePath, fileType: kind === 'voice' ? 'audio' : 'image', header, formData: { ...formData } });
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
    ...voiceMethods,
    ...leaveMethods,
    ...ratingMethods,
  },
});
