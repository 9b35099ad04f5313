/**
 * @jest-environment jsdom
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Message } from '../../shared/schemas';
import { BACKUP, FakeChatBackend, PRIMARY } from '../helpers/FakeChatBackend';
import { eventHandlers } from './axmlToWxml';
import { ComponentInstance, installMy, loadComponent, tapEvent, until, type FakeMy } from './componentHarness';
import { fakeChooseImageApi, fakeRecorder, fakeRequestApi, fakeStorageApis, fakeSubscribeApi, fakeUploadFileApi, type SeenUpload } from './fakeMyApis';
import { renderComponent } from './renderComponent';

const dir = path.join(__dirname, '../../miniprogram/components/kf-chat');

interface ChatItemData {
  key: string;
  kind: string;
  text: string;
  failed: boolean;
  showFeedback: boolean;
  clientMessageId: string;
  chips: { faqId: string; question: string }[];
  proactive: boolean;
}

/**
 * Every my.* fake here checks its call against the documentation page it names (see myDocs.ts):
 * uploads (mini/api/基础API/网络/my.uploadFile.md), the recorder
 * (mini/api/基础API/多媒体/录音/RecorderManager/RecorderManager.start.md, RecorderManager.onStop.md,
 * RecorderManager.onError.md), subscriptions (mini/api/开放能力API/消息/my.requestSubscribeMessage.md),
 * the image picker (mini/api/基础API/多媒体/图片/my.chooseImage.md), storage, network status, login.
 */
function setup(o: { methods?: string[]; media?: boolean; image?: { path: string; size: number } | 'cancel' | 'denied'; subscribe?: 'accept' | 'reject' | 'cancel'; backupOrigin?: string; uploadAnswer?: Parameters<typeof fakeUploadFileApi>[1] } = {}) {
  const backend = new FakeChatBackend();
  backend.loginMethods.splice(0, backend.loginMethods.length, ...(o.methods ?? ['dev']));
  backend.media = o.media ?? false;
  const calls: string[] = [];
  const rec = fakeRecorder();
  const uploads: SeenUpload[] = [];
  const asked: string[][] = [];
  const navigations: string[] = [];
  const network: { listener?: Parameters<typeof my.onNetworkStatusChange>[0]; offs: number } = { offs: 0 };
  const chosen: unknown[] = [];
  const apis: FakeMy = {
    ...fakeRequestApi(backend, calls),
    ...fakeStorageApis(),
    ...fakeUploadFileApi(uploads, o.uploadAnswer ?? ((u) => backend.acceptUpload(u.url, u.header))),
    ...fakeSubscribeApi(asked, o.subscribe ?? 'accept'),
    ...fakeChooseImageApi(chosen, o.image),
    getAuthCode: (p) => {
      calls.push(`getAuthCode ${String(p?.scopes)}`);
      p?.success?.({ authCode: 'code-1', authErrorScopes: {}, authSuccessScopes: ['auth_base'] });
    },
    onNetworkStatusChange: (cb) => void (network.listener = cb),
    offNetworkStatusChange: () => void network.offs++,
    getRecorderManager: () => rec.manager,
    navigateTo: (p) => {
      navigations.push(p.url);
      p.success?.({} as never);
    },
  };
  installMy(apis);
  const def = loadComponent(dir);
  const unread: number[] = [];
  const openedUrls: string[] = [];
  const chat = new ComponentInstance(def, { apiOrigin: PRIMARY, backupOrigin: o.backupOrigin ?? '', devUserId: 'u001', onUnread: (n: number) => unread.push(n), onOpenUrl: (u: string) => openedUrls.push(u) });
  const items = () => chat.data['items'] as ChatItemData[];
  const session = () => (chat.instance as unknown as { session?: { stop(): void } }).session;
  return { backend, calls, rec: rec.r, uploads, asked, navigations, network, chosen, def, chat, unread, openedUrls, items, session };
}

type Setup = ReturnType<typeof setup>;
const mounted: Setup[] = [];
afterEach(() => {
  for (const s of mounted.splice(0)) s.chat.unmount();
});

/** Mounted and shown, with the conversation open. */
async function opened(o: Parameters<typeof setup>[0] = {}): Promise<Setup> {
  const s = setup(o);
  mounted.push(s);
  s.chat.mount().update({ visible: true });
  await until(() => s.chat.data['ready'] === true, 'the conversation to open');
  return s;
}

function faqCard(conversationId: string, seq: number): Message {
  return {
    id: `m${seq}`,
    conversationId,
    seq,
    sender: { role: 'bot', id: 'bot' },
    body: { type: 'faqCard', faqId: 'faq-refund', question: '怎么申请退款?', answer: '在订单页点击申请退款。', actions: [{ label: '去退款', path: '/pages/refund/index' }, { label: '退款规则', url: 'https://example.com/rules' }], feedback: true },
    createdAt: '2026-11-25T10:00:00.000Z',
  };
}

describe('kf-chat: lifecycle and methods through the harness', () => {
  it('does nothing until shown; then logs in with the Alipay auth code and shows 猜你想问', async () => {
    const s = setup({ methods: ['alipay', 'dev'] });
    mounted.push(s);
    s.chat.mount();
    await new Promise((r) => setTimeout(r, 20));
    expect(s.calls).toEqual([]);
    expect(s.chat.data['shown']).toBe(false);
    s.chat.update({ visible: true });
    await until(() => s.chat.data['ready'] === true, 'open');
    expect(s.calls).toContain('getAuthCode auth_base');
    expect(s.backend.log).toContain('P POST /v1/auth/alipay');
    expect(s.items()[0]).toMatchObject({ kind: 'predicted', text: '猜你想问', chips: [{ faqId: 'faq-refund', question: '怎么申请退款?' }] });
    await s.chat.call('handleSelect', tapEvent({ faqId: 'faq-refund', source: 'predicted' }));
    expect(s.backend.log).toContain('P POST /v1/conversations/c1/faq-select');
  });

  it('uses the dev login when that is what the backend offers', async () => {
    const s = await opened({ methods: ['dev'] });
    expect(s.backend.log).toContain('P POST /v1/auth/dev-login');
    expect(s.calls).not.toContain('getAuthCode auth_base');
  });

  it('sends typed text and clears the box; refuses 2,001 characters with a message and keeps the text', async () => {
    const s = await opened();
    s.chat.call('handleInput', { detail: { value: '退款什么时候到账' } });
    await s.chat.call('handleSend');
    expect(s.chat.data['inputValue']).toBe('');
    expect(s.items().map((i) => [i.kind, i.text])).toEqual([['text', '退款什么时候到账']]);
    const long = '字'.repeat(2001);
    s.chat.call('handleInput', { detail: { value: long } });
    const posts = s.backend.log.filter((l) => l.includes('POST')).length;
    await s.chat.call('handleSend');
    expect(s.chat.data['notice']).toBe('消息过长,请控制在 2000 字以内(当前 2001 字)');
    expect(s.chat.data['inputValue']).toBe(long);
    expect(s.backend.log.filter((l) => l.includes('POST')).length).toBe(posts);
  });

  it('shows FAQ cards with guide buttons and 解决了/没解决, and follows the buttons', async () => {
    const s = await opened();
    s.backend.push('c1', (seq) => ({ seq, type: 'message', message: faqCard('c1', seq) }));
    await until(() => s.items().some((i) => i.kind === 'card'), 'the card');
    expect(s.items().find((i) => i.kind === 'card')).toMatchObject({ showFeedback: true });
    await s.chat.call('handleFeedback', tapEvent({ faqId: 'faq-refund', resolved: 'yes' }));
    expect(s.backend.log).toContain('P POST /v1/conversations/c1/faq-feedback');
    s.chat.call('handleAction', tapEvent({ path: '/pages/refund/index', url: '' }));
    s.chat.call('handleAction', tapEvent({ path: '', url: 'https://example.com/rules' }));
    await until(() => s.navigations.length === 1, 'navigation');
    expect(s.navigations).toEqual(['/pages/refund/index']);
    expect(s.openedUrls).toEqual(['https://example.com/rules']);
  });

  it('offers 不再提醒 under a proactive reminder, and turning it off tells the backend and the user', async () => {
    const s = await opened();
    s.backend.push('c1', (seq) => ({
      seq,
      type: 'message',
      message: { id: `m${seq}`, conversationId: 'c1', seq, sender: { role: 'bot', id: 'faq-bot' }, body: { type: 'faqSuggest', text: '看到您刚才的付款没有成功。', items: [{ faqId: 'payment-failed', question: '付款失败怎么办' }], proactive: true }, createdAt: '2026-11-25T10:00:00.000Z' },
    }));
    await until(() => s.items().some((i) => i.kind === 'suggest'), 'the reminder');
    expect(s.items().find((i) => i.kind === 'suggest')).toMatchObject({ proactive: true, chips: [{ faqId: 'payment-failed', question: '付款失败怎么办' }] });
    await s.chat.call('handleStopProactive');
    expect(s.backend.proactiveOptOut).toBe(true);
    await until(() => s.chat.data['notice'] === '已关闭主动提醒,可随时联系客服', 'the notice');
  });

  it('asks for a human: queue place and wait, then the agent name when one joins', async () => {
    const s = await opened();
    await s.chat.call('handleHuman');
    await until(() => s.chat.data['queueText'] === '您前面还有 2 位,预计等待约 2 分钟', 'the queue text');
    expect(s.items().at(-1)).toMatchObject({ kind: 'notice', text: '正在为您转接人工客服' });
    s.backend.push('c1', (seq) => ({ seq, type: 'status', status: 'assigned', at: '2026-11-25T10:01:00.000Z' }));
    s.backend.agentReply('c1', '您好,请问有什么可以帮您', '小王');
    await until(() => s.chat.data['agentText'] === '客服 小王 为您服务', 'the agent');
    expect(s.chat.data['queueText']).toBe('');
    expect(s.chat.data['scrollInto']).toBe(s.items().at(-1)!.key);
  });

  it('offers 有回复时通知我 once a human takes over, asks through my.requestSubscribeMessage on the tap and records what was accepted', async () => {
    const s = await opened();
    s.backend.subscriptions.templateIds.push('tpl-reply');
    s.backend.subscriptions.kind = 'once';
    expect(s.chat.data['notifyOffer']).toBe(false);
    await s.chat.call('handleHuman');
    await until(() => s.chat.data['notifyOffer'] === true, 'the offer');
    const view = renderComponent(dir, s.chat);
    expect(view.comp.querySelector('.kf-chat__notify')?.dom?.textContent).toBe('有回复时通知我');
    await view.fire('.kf-chat__notify');
    await until(() => s.chat.data['notice'] === '客服回复后,将通过支付宝消息通知您', 'the confirmation');
    expect(s.asked).toEqual([['tpl-reply']]);
    expect(s.backend.subscriptions.accepted).toEqual({ 'tpl-reply': 1 });
    expect(s.backend.log).toContain('P POST /v1/me/subscriptions');
    expect(s.chat.data['notifyOffer']).toBe(false);
  });

  it('offers notices too when an agent takes the conversation at once, without a wait in the queue', async () => {
    const s = await opened();
    s.backend.subscriptions.templateIds.push('tpl-reply');
    s.backend.push('c1', (seq) => ({ seq, type: 'status', status: 'assigned', at: '2026-11-25T10:01:00.000Z' }));
    await until(() => s.chat.data['notifyOffer'] === true, 'the offer');
    await s.chat.call('handleNotify');
    expect(s.asked).toEqual([['tpl-reply']]);
    expect(s.backend.log.filter((l) => l === 'P GET /v1/me/subscriptions')).toHaveLength(1);
  });

  it('does not offer notices when the merchant has none, nor again after the user closed the panel', async () => {
    const none = await opened();
    await none.chat.call('handleHuman');
    await until(() => none.backend.log.includes('P GET /v1/me/subscriptions'), 'the lookup');
    await new Promise((r) => setTimeout(r, 20));
    expect(none.chat.data['notifyOffer']).toBe(false);

    const closed = await opened({ subscribe: 'cancel' });
    closed.backend.subscriptions.templateIds.push('tpl-reply');
    await closed.chat.call('handleHuman');
    await until(() => closed.chat.data['notifyOffer'] === true, 'the offer');
    await closed.chat.call('handleNotify');
    expect(closed.asked).toEqual([['tpl-reply']]);
    expect(closed.chat.data['notifyOffer']).toBe(false);
    expect(closed.chat.data['notice']).toBe('');
    expect(closed.backend.log).not.toContain('P POST /v1/me/subscriptions');
  });

  it('counts replies that arrive while hidden for the entry badge, and clears the count when shown', async () => {
    const s = await opened();
    s.chat.update({ visible: false });
    expect(s.chat.data['shown']).toBe(false);
    s.backend.agentReply('c1', '第一条回复');
    await until(() => s.unread.at(-1) === 1, 'one unread');
    s.backend.agentReply('c1', '第二条回复');
    await until(() => s.unread.at(-1) === 2, 'two unread');
    s.chat.update({ visible: true });
    expect(s.unread.at(-1)).toBe(0);
  });

  it('rates a resolved conversation: stars, tags, complaint and comment, after refusing no stars', async () => {
    const s = await opened();
    s.backend.push('c1', (seq) => ({ seq, type: 'status', status: 'resolved', at: '2026-11-25T10:02:00.000Z' }));
    await until(() => s.chat.data['showRating'] === true, 'the rating card');
    await s.chat.call('handleSubmitRating');
    expect(s.chat.data['notice']).toBe('请先选择星级');
    s.chat.call('handleStar', tapEvent({ value: 4 }));
    expect((s.chat.data['stars'] as { on: boolean }[]).map((x) => x.on)).toEqual([true, true, true, true, false]);
    s.chat.call('handleTag', tapEvent({ text: '态度好' }));
    s.chat.call('handleTag', tapEvent({ text: '专业' }));
    s.chat.call('handleTag', tapEvent({ text: '专业' }));
    s.chat.call('handleComplaint');
    s.chat.call('handleComment', { detail: { value: '等太久了' } });
    await s.chat.call('handleSubmitRating');
    await until(() => s.items().some((i) => i.kind === 'rating'), 'the rating in the transcript');
    expect(s.items().find((i) => i.kind === 'rating')!.text).toBe('★★★★☆ 等太久了(投诉)');
    const rating = s.backend.conversations.get('c1')!.events.flatMap((e) => (e.type === 'message' && e.message.body.type === 'rating' ? [e.message.body] : []));
    expect(rating).toEqual([{ type: 'rating', stars: 4, tags: ['态度好'], comment: '等太久了', complaint: true }]);
    expect(s.chat.data['showRating']).toBe(false);
    expect(s.chat.data['complaint']).toBe(false);
  });

  it('says when the phone is offline, keeps what was typed, and sends it when the network returns', async () => {
    const s = await opened();
    s.network.listener!({ isConnected: false, networkType: 'NOTREACHABLE' });
    expect(s.chat.data['banner']).toBe('网络已断开,恢复后自动发送');
    s.backend.up[PRIMARY] = false;
    s.chat.call('handleInput', { detail: { value: '断网时写的' } });
    await s.chat.call('handleSend');
    expect(s.items().at(-1)).toMatchObject({ kind: 'pending', failed: true, text: '断网时写的' });
    s.backend.up[PRIMARY] = true;
    s.network.listener!({ isConnected: true, networkType: 'WIFI' });
    await until(() => s.items().at(-1)?.kind === 'text', 'the message sent');
    expect(s.chat.data['banner']).toBe('');
    expect(s.backend.conversations.get('c1')!.events).toHaveLength(1);
  });

  it('retries a failed bubble on tap', async () => {
    const s = await opened();
    s.backend.up[PRIMARY] = false;
    s.chat.call('handleInput', { detail: { value: '重试我' } });
    await s.chat.call('handleSend');
    const failed = s.items().at(-1)!;
    expect(failed.failed).toBe(true);
    s.backend.up[PRIMARY] = true;
    await s.chat.call('handleRetry', tapEvent({ id: failed.clientMessageId }));
    expect(s.items().at(-1)).toMatchObject({ kind: 'text', text: '重试我' });
  });

  it('loads older history when scrolled to the top', async () => {
    const s = await opened();
    for (let i = 1; i <= 25; i++) {
      s.chat.call('handleInput', { detail: { value: `第${i}条` } });
      await s.chat.call('handleSend');
    }
    s.chat.unmount();
    // Reopened later (same phone storage, same backend): the latest page, then older on scroll.
    const again = new ComponentInstance(s.def, { apiOrigin: PRIMARY, backupOrigin: '', devUserId: 'u001' });
    again.mount().update({ visible: true });
    await until(() => again.data['ready'] === true, 'reopen');
    const items = () => again.data['items'] as ChatItemData[];
    expect(items()).toHaveLength(20);
    expect(again.data['moreBefore']).toBe(true);
    await again.call('handleLoadOlder');
    expect(items()).toHaveLength(25);
    expect(items()[0]!.text).toBe('第1条');
    expect(again.data['moreBefore']).toBe(false);
    expect(s.backend.logins).toBe(1);
    again.unmount();
  });

  it('records voice in milliseconds as RecorderManager.start.md says: slide up cancels, under 1 s is refused, a good one is uploaded and sent, 60 s stops by itself', async () => {
    const s = await opened({ media: true });
    expect(s.chat.data['media']).toBe(true);
    s.chat.call('handleToggleMode');
    expect(s.chat.data['inputMode']).toBe('voice');

    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    // 60 s is 60000: the old `duration: 60` stopped every recording after 60 ms.
    expect(s.rec.starts).toEqual([{ duration: 60_000, format: 'mp3', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000, hideTips: true }]);
    expect(s.chat.data['recording']).toBe(true);
    s.chat.call('handleVoiceMove', { touches: [{ clientY: 520 }] });
    expect(s.chat.data['recordCancel']).toBe(true);
    s.chat.call('handleVoiceEnd');
    s.rec.finish({ durationS: 3 });
    await new Promise((r) => setTimeout(r, 10));
    expect(s.uploads).toEqual([]);

    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    s.chat.call('handleVoiceEnd');
    s.rec.finish({ durationS: 0.5 });
    await until(() => s.chat.data['notice'] === '说话时间太短', 'too short');
    expect(s.uploads).toEqual([]);

    // onStop reports seconds (RecorderManager.onStop.md): 3.2 s is uploaded as 3200 ms.
    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    s.chat.call('handleVoiceMove', { touches: [{ clientY: 590 }] });
    s.chat.call('handleVoiceEnd');
    s.rec.finish({ durationS: 3.2 });
    await until(() => s.items().some((i) => i.text === '[media md1]'), 'the voice message');
    expect(s.uploads[0]).toMatchObject({ url: `${PRIMARY}/v1/media`, name: 'file', fileType: 'audio', formData: { kind: 'voice', conversationId: 'c1', durationMs: '3200' } });
    // The session goes in `header`, the only name my.uploadFile.md lists.
    expect(s.uploads[0]!.header['authorization']).toMatch(/^Bearer t\d+$/);

    // Held past the limit: the recorder stops by itself and the recording is sent.
    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    s.rec.finish({ durationS: 60 });
    await until(() => s.chat.data['notice'] === '最长录音 60 秒,已自动发送', 'the limit notice');
    expect(s.chat.data['recording']).toBe(false);
    expect(s.uploads).toHaveLength(2);
    expect(s.uploads[1]!.formData['durationMs']).toBe('60000');
    s.chat.call('handleVoiceEnd');
    expect(s.rec.stops).toBe(3);

    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    s.chat.call('handleVoiceCancel');
    s.rec.finish({ durationS: 5 });
    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    s.rec.fail(10, '获取权限失败');
    expect(s.chat.data['notice']).toBe('请在设置中允许使用麦克风');
    expect(s.chat.data['recording']).toBe(false);
    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    s.rec.fail(1001, '录制被打断。');
    expect(s.chat.data['notice']).toBe('录音被打断,请重新录制');
    expect(s.uploads).toHaveLength(2);
  });

  it('measures the length itself on clients before 10.2.90, whose onStop has no duration', async () => {
    const s = await opened({ media: true });
    const clock = jest.spyOn(Date, 'now');
    try {
      clock.mockReturnValue(1_000_000);
      s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
      clock.mockReturnValue(1_004_200);
      s.chat.call('handleVoiceEnd');
      s.rec.finish();
    } finally {
      clock.mockRestore();
    }
    await until(() => s.uploads.length === 1, 'the upload');
    expect(s.uploads[0]!.formData['durationMs']).toBe('4200');
    await until(() => s.items().some((i) => i.text === '[media md1]'), 'the voice message');
    expect(s.items().some((i) => /NaN/.test(i.text))).toBe(false);
  });

  it('removes its recorder listeners on unmount and before each recording, so a reopened chat sends once', async () => {
    const s = await opened({ media: true });
    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    expect(s.rec.listeners()).toEqual({ stop: 1, error: 1 });
    s.chat.call('handleVoiceEnd');
    s.rec.finish({ durationS: 0.2 });
    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    expect(s.rec.listeners()).toEqual({ stop: 1, error: 1 });
    // Closed while recording: the listeners go and the recording is stopped.
    s.chat.unmount();
    mounted.splice(mounted.indexOf(s), 1);
    expect(s.rec.listeners()).toEqual({ stop: 0, error: 0 });
    expect(s.rec.stops).toBe(2);

    const again = new ComponentInstance(s.def, { apiOrigin: PRIMARY, backupOrigin: '', devUserId: 'u001' });
    again.mount().update({ visible: true });
    try {
      await until(() => again.data['ready'] === true, 'reopen');
      again.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
      expect(s.rec.listeners()).toEqual({ stop: 1, error: 1 });
      again.call('handleVoiceEnd');
      s.rec.finish({ durationS: 2 });
      await until(() => s.uploads.length === 1, 'one upload');
      await new Promise((r) => setTimeout(r, 30));
      expect(s.uploads).toHaveLength(1);
    } finally {
      again.unmount();
    }
  });

  it('uploads to the backup origin while the primary is down, like every other call', async () => {
    const s = await opened({ media: true, backupOrigin: BACKUP, image: { path: 'https://resource/receipt.png', size: 300_000 } });
    s.backend.up[PRIMARY] = false;
    await s.chat.call('handlePickImage');
    await until(() => s.items().some((i) => i.text === '[media md1]'), 'the picture sent');
    expect(s.uploads.length).toBeGreaterThanOrEqual(2);
    expect(s.uploads.map((u) => u.url)).toEqual([...Array.from({ length: s.uploads.length - 1 }, () => `${PRIMARY}/v1/media`), `${BACKUP}/v1/media`]);
    expect(s.backend.log).toContain('B POST /v1/conversations/c1/messages');
  });

  it('an upload the platform refuses for good (domain not whitelisted) is tried once, with our words, and no failover', async () => {
    const picture = { path: 'https://resource/receipt.png', size: 300_000 };
    const refused = await opened({ media: true, backupOrigin: BACKUP, image: picture, uploadAnswer: () => ({ failCode: 4, errorMessage: '未配置域名白名单,无权访问域名' }) });
    await refused.chat.call('handlePickImage');
    expect(refused.uploads).toHaveLength(1);
    expect(refused.chat.data['notice']).toBe('发送失败,点击重试');
    expect(refused.chat.data['banner']).toBe('');
    // A gateway's own 413 without our JSON body: the user reads our text, not "HTTP 413".
    const tooBig = await opened({ media: true, image: picture, uploadAnswer: () => ({ statusCode: 413, body: '<html>Request Entity Too Large</html>' }) });
    await tooBig.chat.call('handlePickImage');
    expect(tooBig.uploads).toHaveLength(1);
    expect(tooBig.chat.data['notice']).toBe('发送失败,点击重试');
  });

  it('an upload answered 401 (session ended) gets a new session and goes through', async () => {
    const s = await opened({ media: true, image: { path: 'https://resource/receipt.png', size: 300_000 } });
    s.backend.expireAllTokens();
    await s.chat.call('handlePickImage');
    await until(() => s.items().some((i) => i.text === '[media md1]'), 'the picture sent');
    expect(s.uploads.map((u) => u.header['authorization'] !== s.uploads[0]!.header['authorization'])).toEqual([false, true]);
    expect(s.backend.logins).toBe(2);
  });

  it('sends a picked image, and refuses one over 10 MB or of the wrong type before uploading', async () => {
    const big = await opened({ media: true, image: { path: 'https://resource/a.jpg', size: 11 * 1024 * 1024 } });
    await big.chat.call('handlePickImage');
    expect(big.chat.data['notice']).toBe('图片不能超过 10 MB');
    const gif = await opened({ media: true, image: { path: 'https://resource/a.gif', size: 1000 } });
    await gif.chat.call('handlePickImage');
    expect(gif.chat.data['notice']).toBe('仅支持 PNG、JPEG、WebP 图片');
    const cancelled = await opened({ media: true, image: 'cancel' });
    await cancelled.chat.call('handlePickImage');
    expect(cancelled.chat.data['notice']).toBe('');
    expect([...big.uploads, ...gif.uploads, ...cancelled.uploads]).toEqual([]);
    const good = await opened({ media: true, image: { path: 'https://resource/receipt.png', size: 300_000 } });
    await good.chat.call('handlePickImage');
    expect(good.uploads).toMatchObject([{ url: `${PRIMARY}/v1/media`, fileType: 'image', formData: { kind: 'image', conversationId: 'c1' } }]);
    expect(good.uploads[0]!.header['authorization']).toMatch(/^Bearer t\d+$/);
    expect(good.items().at(-1)).toMatchObject({ kind: 'text', text: '[media md1]' });
    // On a phone every picked file ends in .image (my.chooseImage.md): sent, the server sniffs it.
    const phone = await opened({ media: true, image: { path: 'https://resource/apml5f2a9.image', size: 200_000 } });
    await phone.chat.call('handlePickImage');
    expect(phone.uploads).toHaveLength(1);
    const denied = await opened({ media: true, image: 'denied' });
    await denied.chat.call('handlePickImage');
    expect(denied.chat.data['notice']).toBe('请在设置中允许访问相册和相机');
    expect(denied.uploads).toEqual([]);
  });

  it('hides voice and images while the backend does not take them', async () => {
    const s = await opened({ media: false, image: { path: 'https://resource/a.png', size: 10 } });
    expect(s.chat.data['media']).toBe(false);
    s.chat.call('handleVoiceStart', { touches: [{ clientY: 1 }] });
    await s.chat.call('handlePickImage');
    expect(s.rec.starts).toEqual([]);
    expect(s.chosen).toEqual([]);
  });

  it('starts a new session for another merchant, and stops everything on unmount', async () => {
    const s = await opened();
    const first = s.session();
    s.chat.update({ tenant: 'acme', visible: false });
    expect(s.session()).toBeUndefined();
    s.chat.update({ visible: true });
    await until(() => s.session() !== undefined && s.session() !== first, 'a new session');
    s.chat.call('handleClose');
    s.chat.unmount();
    expect(s.network.offs).toBe(1);
  });
});

describe('kf-chat: the template', () => {
  it('renders through miniprogram-simulate, and taps reach the real methods', async () => {
    const s = await opened();
    s.backend.push('c1', (seq) => ({ seq, type: 'message', message: faqCard('c1', seq) }));
    await until(() => s.items().some((i) => i.kind === 'card'), 'the card');
    const view = renderComponent(dir, s.chat);
    expect(view.comp.querySelector('.kf-card__q')?.dom?.textContent).toBe('怎么申请退款?');
    expect(view.comp.querySelectorAll('.kf-chip--action')).toHaveLength(2);
    await view.fire('.kf-chip--yes');
    await until(() => s.backend.log.includes('P POST /v1/conversations/c1/faq-feedback'), 'feedback from the rendered button');
    await view.fire('.kf-chip--action');
    await until(() => s.navigations.length === 1, 'navigation from the rendered button');

    s.chat.call('handleInput', { detail: { value: '从模板发送' } });
    view.refresh();
    await view.fire('.kf-send');
    await until(() => s.items().some((i) => i.text === '从模板发送'), 'the sent text');
    view.refresh();
    expect(view.html()).toContain('从模板发送');
    expect(view.comp.querySelector('.kf-voice')).toBeUndefined();
    expect(view.comp.querySelector('.kf-image')).toBeUndefined();
  });

  it('names only handlers that exist in its methods', () => {
    const { def } = setup();
    const handlers = eventHandlers(readFileSync(path.join(dir, 'index.axml'), 'utf8'));
    expect(handlers.length).toBeGreaterThan(15);
    for (const h of handlers) expect([h, typeof def.methods[h]]).toEqual([h, 'function']);
  });
});
