/**
 * @jest-environment jsdom
 */
/**
 * kf-chat in the states of the user's walk, through the harness and rendered by
 * miniprogram-simulate: the composer (text box, + panel, counter, limit), the queue (转人工 gone,
 * 留言 offered, old cards' buttons retired), 留言, the rating card (fresh per conversation), the
 * earlier conversation above a new one, and unsent messages resent without a tap. The fakes check
 * every my.* call against its page (see kfChatHarness.ts); foreground comes from
 * mini/api/基础API/应用级事件/my.onAppShow.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PRIMARY } from '../helpers/FakeChatBackend';
import { ComponentInstance, tapEvent, until } from './componentHarness';
import { dir, faqCard, mounted, opened, setup, unmountAll, type ChatItemData } from './kfChatHarness';
import { renderComponent } from './renderComponent';

afterEach(unmountAll);

const resolve = (s: Awaited<ReturnType<typeof opened>>, id: string) => s.backend.push(id, (seq) => ({ seq, type: 'resolved', status: 'resolved', resolution: 'agent', at: '2026-11-25T10:02:00.000Z' }));

describe('kf-chat: the states of the walk', () => {
  it('composer: the box takes the row with + beside it, 发送 once there is text, a counter from 1,800, the limit on the box', async () => {
    const s = await opened({ media: true });
    const view = renderComponent(dir, s.chat);
    expect(view.comp.querySelector('.kf-input')).toBeDefined();
    expect(s.chat.data['maxLength']).toBe(2000);
    // The simulator does not render attributes: the template binds the box's limit to it.
    expect(readFileSync(path.join(dir, 'index.axml'), 'utf8')).toMatch(/<input class="kf-input"[^>]* maxlength="\{\{maxLength\}\}"/);
    // Nothing typed: "+" (the panel), no 发送; the 转人工 shortcut above the bar.
    expect(view.comp.querySelector('.kf-plus')).toBeDefined();
    expect(view.comp.querySelector('.kf-send')).toBeUndefined();
    expect(view.comp.querySelector('.kf-human')?.dom?.textContent).toBe('转人工');
    await view.fire('.kf-plus');
    view.refresh();
    expect(view.comp.querySelector('.kf-image')).toBeDefined();
    expect(view.comp.querySelector('.kf-panel-leave')).toBeUndefined();
    s.chat.call('handleInput', { detail: { value: '长'.repeat(1799) } });
    expect(s.chat.data['counterText']).toBe('');
    s.chat.call('handleInput', { detail: { value: '长'.repeat(1850) } });
    view.refresh();
    expect(view.comp.querySelector('.kf-counter')?.dom?.textContent).toBe('1850/2000');
    expect(view.comp.querySelector('.kf-send')).toBeDefined();
    expect(view.comp.querySelector('.kf-plus')).toBeUndefined();
    s.chat.call('handleInput', { detail: { value: '长'.repeat(2000) } });
    expect(s.chat.data['counterFull']).toBe(true);
    // The voice switch takes the box's place with 按住 说话.
    s.chat.call('handleToggleMode');
    view.refresh();
    expect(view.comp.querySelector('.kf-input')).toBeUndefined();
    expect(view.comp.querySelector('.kf-voice')?.dom?.textContent).toBe('按住 说话');
  });

  it('recording overlay: the clock, slide up to cancel, and the countdown before the 60 s limit', async () => {
    const s = await opened({ media: true });
    s.chat.call('handleToggleMode');
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now');
    try {
      clock.mockReturnValue(start);
      s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
      const view = renderComponent(dir, s.chat);
      expect(view.comp.querySelector('.kf-record__clock')?.dom?.textContent).toBe('0:00');
      expect(view.comp.querySelector('.kf-record__hint')?.dom?.textContent).toBe('松开发送,上滑取消');
      // The level bar follows the platform's decibel reports (RecorderManager.onDecibelChange.md).
      s.rec.decibel(70);
      view.refresh();
      expect(s.chat.data['recordLevel']).toBeGreaterThan(50);
      expect(view.comp.querySelector('.kf-record__level')?.dom?.innerHTML).toContain(`width: ${String(s.chat.data['recordLevel'])}%`);
      s.rec.decibel(30);
      expect(s.chat.data['recordLevel']).toBe(0);
      clock.mockReturnValue(start + 7_400);
      s.chat.call('drawRecording');
      expect(s.chat.data['recordClock']).toBe('0:07');
      expect(s.chat.data['recordRemaining']).toBe('');
      s.chat.call('handleVoiceMove', { touches: [{ clientY: 500 }] });
      expect(s.chat.data['recordCancel']).toBe(true);
      s.chat.call('handleVoiceMove', { touches: [{ clientY: 590 }] });
      expect(s.chat.data['recordCancel']).toBe(false);
      clock.mockReturnValue(start + 52_100);
      s.chat.call('drawRecording');
      view.refresh();
      expect(view.comp.querySelector('.kf-record__left')?.dom?.textContent).toBe('还可以说 8 秒');
      s.chat.call('handleVoiceEnd');
      expect(s.chat.data['recording']).toBe(false);
      s.rec.finish({ durationS: 52 });
      // Its listeners go with the recording.
      expect(s.rec.listeners()).toEqual({ stop: 0, error: 0, decibel: 0 });
    } finally {
      clock.mockRestore();
    }
  });

  it('queue: 转人工 is sent as the flag, then hidden; the old card retires its buttons; 留言 is offered', async () => {
    const s = await opened();
    s.backend.push('c1', (seq) => ({ seq, type: 'message', message: faqCard('c1', seq) }));
    await until(() => s.items().some((i) => i.kind === 'card' && i.showFeedback), 'the card');
    await s.chat.call('handleHuman');
    await until(() => s.chat.data['queueText'] !== '', 'the queue');
    expect(s.chat.data['canAskHuman']).toBe(false);
    expect(s.chat.data['canLeaveMessage']).toBe(true);
    expect(s.items().find((i) => i.kind === 'card')!.showFeedback).toBe(false);
    const view = renderComponent(dir, s.chat);
    expect(view.comp.querySelector('.kf-human')).toBeUndefined();
    expect(view.comp.querySelector('.kf-leave')?.dom?.textContent).toBe('留言');
    expect(view.comp.querySelector('.kf-chip--yes')).toBeUndefined();
  });

  it('an English chat hands off too: 转人工 is the intent flag, the text only its label', async () => {
    const s = setup();
    mounted.push(s);
    const en = new ComponentInstance(s.def, { apiOrigin: PRIMARY, backupOrigin: '', devUserId: 'u001', locale: 'en' });
    en.mount().update({ visible: true });
    await until(() => en.data['ready'] === true, 'open');
    expect((en.data['t'] as Record<string, string>)['askHuman']).toBe('Talk to a human');
    await en.call('handleHuman');
    await until(() => en.data['canLeaveMessage'] === true, 'queued');
    const events = s.backend.conversations.get('c1')!.events;
    expect(events.some((e) => e.type === 'queued')).toBe(true);
    expect(events.flatMap((e) => (e.type === 'message' && e.message.sender.role === 'user' && e.message.body.type === 'text' ? [e.message.body.text] : []))).toEqual(['Talk to a human']);
    en.unmount();
  });

  it('留言: the sheet asks how to answer, refuses a bad number, then sends and closes', async () => {
    const s = await opened();
    await s.chat.call('handleHuman');
    await until(() => s.chat.data['canLeaveMessage'] === true, 'the offer');
    const view = renderComponent(dir, s.chat);
    await view.fire('.kf-leave');
    view.refresh();
    expect(view.comp.querySelector('.kf-sheet__title')?.dom?.textContent).toBe('给客服留言');
    expect(view.comp.querySelector('.kf-leave__phone')).toBeUndefined();
    s.chat.call('handleLeaveContact', tapEvent({ contact: 'phone' }));
    view.refresh();
    expect(view.comp.querySelector('.kf-leave__phone')).toBeDefined();
    s.chat.call('handleLeavePhone', { detail: { value: '12345' } });
    s.chat.call('handleLeaveText', { detail: { value: '银行卡扣款了但订单没成功,请回电' } });
    await s.chat.call('handleLeaveSubmit');
    expect(s.chat.data['notice']).toBe('请填写正确的手机号');
    view.refresh();
    expect(view.comp.querySelector('.kf-sheet__error')?.dom?.textContent).toBe('请填写正确的手机号');
    expect(s.backend.leftMessages).toEqual([]);
    s.chat.call('handleLeavePhone', { detail: { value: '13812345678' } });
    await s.chat.call('handleLeaveSubmit');
    expect(s.backend.leftMessages).toEqual([{ conversationId: 'c1', text: '银行卡扣款了但订单没成功,请回电', contact: 'phone', phone: '13812345678' }]);
    expect(s.chat.data['leaveOpen']).toBe(false);
    await until(() => s.items().some((i) => i.text === '已收到您的留言,客服会尽快回复您,回复会显示在这里'), 'the notice');
    expect(s.chat.data['canLeaveMessage']).toBe(false);
    view.refresh();
    expect(view.comp.querySelector('.kf-leave')).toBeUndefined();
  });

  it('rating: stars, tags, comment, a primary submit, and a blank card for the next conversation', async () => {
    const s = await opened();
    resolve(s, 'c1');
    await until(() => s.chat.data['showRating'] === true, 'the card');
    // No tags before a star: a tag qualifies a rating.
    expect(renderComponent(dir, s.chat).comp.querySelector('.kf-tag')).toBeUndefined();
    // 5 stars offer praise; dropping to 2 swaps in what to improve and forgets the praise picked.
    s.chat.call('handleStar', tapEvent({ value: 5 }));
    s.chat.call('handleTag', tapEvent({ text: '态度好' }));
    s.chat.call('handleStar', tapEvent({ value: 2 }));
    expect((s.chat.data['tags'] as { text: string }[]).map((x) => x.text)).toEqual(['回复太慢', '态度不好', '问题没解决', '答非所问']);
    s.chat.call('handleTag', tapEvent({ text: '回复太慢' }));
    // Another low rating keeps the pick: the set did not change.
    s.chat.call('handleStar', tapEvent({ value: 3 }));
    s.chat.call('handleStar', tapEvent({ value: 2 }));
    const view = renderComponent(dir, s.chat);
    expect(view.comp.querySelectorAll('.kf-star--on')).toHaveLength(2);
    expect(view.comp.querySelector('.kf-rating__label')?.dom?.textContent).toBe('哪些方面需要改进');
    expect(view.comp.querySelectorAll('.kf-tag.kf-chip--on').map((x) => x.dom?.textContent)).toEqual(['回复太慢']);
    expect(view.comp.querySelector('.kf-rating__submit.kf-btn--primary')?.dom?.textContent).toBe('提交评价');
    // Left without rating; a new question opens a new conversation, which ends too: its card is blank.
    s.chat.call('handleInput', { detail: { value: '还有个问题' } });
    await s.chat.call('handleSend');
    await until(() => s.backend.conversations.has('c2'), 'the new conversation');
    resolve(s, 'c2');
    await until(() => s.chat.data['showRating'] === true && s.chat.data['ratingFor'] !== '' && (s.chat.data['stars'] as { on: boolean }[]).every((x) => !x.on), 'a blank card');
    expect((s.chat.data['tags'] as { on: boolean }[]).some((x) => x.on)).toBe(false);
  });

  it('history: the ended conversation stays above the new one behind a divider, and comes back when reopened', async () => {
    const s = await opened();
    s.chat.call('handleInput', { detail: { value: '第一次的问题' } });
    await s.chat.call('handleSend');
    s.backend.agentReply('c1', '第一次的回答');
    await until(() => s.items().some((i) => i.text === '第一次的回答'), 'the reply');
    resolve(s, 'c1');
    await until(() => s.chat.data['showRating'] === true, 'resolved');
    s.chat.call('handleInput', { detail: { value: '新的问题' } });
    await s.chat.call('handleSend');
    await until(() => s.items().some((i) => i.text === '新的问题' && !i.key.startsWith('p')), 'the new message');
    const kinds = (items: ChatItemData[]) => items.map((i) => `${i.kind}:${i.text}`);
    expect(kinds(s.items())).toEqual(['text:第一次的问题', 'text:第一次的回答', 'divider:以上为历史会话', 'text:新的问题']);
    const view = renderComponent(dir, s.chat);
    expect(view.comp.querySelector('.kf-divider__text')?.dom?.textContent).toBe('以上为历史会话');
    s.chat.unmount();
    // Opened again (same phone storage, same backend): the earlier conversation is read back.
    const again = new ComponentInstance(s.def, { apiOrigin: PRIMARY, backupOrigin: '', devUserId: 'u001' });
    again.mount().update({ visible: true });
    await until(() => again.data['ready'] === true, 'reopen');
    expect(kinds(again.data['items'] as ChatItemData[])).toEqual(['text:第一次的问题', 'text:第一次的回答', 'divider:以上为历史会话', 'text:新的问题']);
    again.unmount();
  });

  it('unsent: a visible 重发 and 发送失败, then sent by itself once the API answers again, in order, once each', async () => {
    const s = await opened();
    s.backend.up[PRIMARY] = false;
    for (const text of ['一', '二']) {
      s.chat.call('handleInput', { detail: { value: text } });
      await s.chat.call('handleSend');
    }
    await until(() => s.items().filter((i) => i.kind === 'pending' && i.failed).length === 2, 'two failed', 15_000);
    const view = renderComponent(dir, s.chat);
    expect(view.comp.querySelectorAll('.kf-resend')).toHaveLength(2);
    expect(view.comp.querySelector('.kf-pending__state')?.dom?.textContent).toBe('发送失败');
    s.backend.up[PRIMARY] = true;
    // No tap, no network event: the health probe finds the API and the outbox goes out.
    await until(() => !s.items().some((i) => i.kind === 'pending'), 'sent without a tap', 15_000);
    const sent = s.backend.conversations.get('c1')!.events.flatMap((e) => (e.type === 'message' ? [e.message.body.type === 'text' ? e.message.body.text : ''] : []));
    expect(sent).toEqual(['一', '二']);
  }, 30_000);

  it('the app back in the foreground sends what waits (my.onAppShow), and unmount removes that listener (my.offAppShow)', async () => {
    const s = await opened();
    s.backend.up[PRIMARY] = false;
    s.chat.call('handleInput', { detail: { value: '后台时写的' } });
    await s.chat.call('handleSend');
    await until(() => s.items().some((i) => i.kind === 'pending' && i.failed), 'failed');
    s.backend.up[PRIMARY] = true;
    s.foreground.listener!({});
    await until(() => s.items().some((i) => i.kind === 'text' && i.text === '后台时写的'), 'sent on foreground', 1500);
    s.chat.unmount();
    expect(s.foreground.offs).toBe(1);
  });
});
