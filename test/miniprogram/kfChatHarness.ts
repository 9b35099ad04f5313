/// <reference types="@mini-types/my" />
import path from 'node:path';
import type { Message } from '../../shared/schemas';
import { FakeChatBackend, PRIMARY } from '../helpers/FakeChatBackend';
import { ComponentInstance, installMy, loadComponent, until, type FakeMy } from './componentHarness';
import { fakeChooseImageApi, fakeRecorder, fakeRequestApi, fakeStorageApis, fakeSubscribeApi, fakeUploadFileApi, type SeenUpload } from './fakeMyApis';

export const dir = path.join(__dirname, '../../miniprogram/components/kf-chat');

export interface ChatItemData {
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
export function setup(o: { methods?: string[]; media?: boolean; image?: { path: string; size: number } | 'cancel' | 'denied'; subscribe?: 'accept' | 'reject' | 'cancel'; backupOrigin?: string; uploadAnswer?: Parameters<typeof fakeUploadFileApi>[1] } = {}) {
  const backend = new FakeChatBackend();
  backend.loginMethods.splice(0, backend.loginMethods.length, ...(o.methods ?? ['dev']));
  backend.media = o.media ?? false;
  const calls: string[] = [];
  const rec = fakeRecorder();
  const uploads: SeenUpload[] = [];
  const asked: string[][] = [];
  const navigations: string[] = [];
  const network: { listener?: Parameters<typeof my.onNetworkStatusChange>[0]; offs: number } = { offs: 0 };
  const foreground: { listener?: Parameters<typeof my.onAppShow>[0]; offs: number } = { offs: 0 };
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
    // mini/api/基础API/应用级事件/my.onAppShow.md and my.offAppShow.md: one named listener, removed by itself.
    onAppShow: (cb) => void (foreground.listener = cb),
    offAppShow: (cb) => {
      if (cb === foreground.listener) foreground.offs++;
    },
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
  return { backend, calls, rec: rec.r, uploads, asked, navigations, network, foreground, chosen, def, chat, unread, openedUrls, items, session };
}

export type Setup = ReturnType<typeof setup>;
/** Every chat `opened` mounted; the test files unmount them after each test (`unmountAll`). */
export const mounted: Setup[] = [];
export function unmountAll(): void {
  for (const s of mounted.splice(0)) s.chat.unmount();
}

/** Mounted and shown, with the conversation open. */
export async function opened(o: Parameters<typeof setup>[0] = {}): Promise<Setup> {
  const s = setup(o);
  mounted.push(s);
  s.chat.mount().update({ visible: true });
  await until(() => s.chat.data['ready'] === true, 'the conversation to open');
  return s;
}

export function faqCard(conversationId: string, seq: number): Message {
  return {
    id: `m${seq}`,
    conversationId,
    seq,
    sender: { role: 'bot', id: 'bot' },
    body: { type: 'faqCard', faqId: 'faq-refund', question: '怎么申请退款?', answer: '在订单页点击申请退款。', actions: [{ label: '去退款', path: '/pages/refund/index' }, { label: '退款规则', url: 'https://example.com/rules' }], feedback: true },
    createdAt: '2026-11-25T10:00:00.000Z',
  };
}
