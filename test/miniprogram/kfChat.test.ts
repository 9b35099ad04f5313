/**
 * @jest-environment jsdom
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PRIMARY } from '../helpers/FakeChatBackend';
import { eventHandlers } from './axmlToWxml';
import { ComponentInstance, tapEvent, until } from './componentHarness';
import { dir, faqCard, mounted, opened, setup, unmountAll, type ChatItemData } from './kfChatHarness';
import { renderComponent } from './renderComponent';

afterEach(unmountAll);

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

  it('sends a double tap once', async () => {
    const s = await opened();
    s.chat.call('handleInput', { detail: { value: '花呗怎么还款' } });
    await Promise.all([s.chat.call('handleSend'), s.chat.call('handleSend')]);
    expect(s.items().filter((i) => i.kind === 'text' && i.text === '花呗怎么还款')).toHaveLength(1);
    expect(s.backend.log.filter((l) => l.includes('POST /v1/conversations/c1/messages'))).toHaveLength(1);
    // The same words typed again later are a new message.
    s.chat.call('handleInput', { detail: { value: '花呗怎么还款' } });
    await s.chat.call('handleSend');
    expect(s.backend.log.filter((l) => l.includes('POST /v1/conversations/c1/messages'))).toHaveLength(2);
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
    expect(s.items().find((i) => i.kind === 'rating')!.text).toBe('★★★★☆ 态度好 等太久了(投诉)');
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
