import type { Message } from '../schemas';
import type { ChatView } from './ChatView';
import { chatItems } from './chatItems';
import { chatTexts } from './chatText';
import { composerCounter } from './composerCounter';
import { initialChatState, type ChatState } from './conversationReducer';

const t = chatTexts();
const at = '2026-11-25T10:00:00.000Z';
const card = (seq: number, faqId: string): Message => ({ id: `m${seq}`, conversationId: 'c2', seq, sender: { role: 'bot', id: 'bot' }, body: { type: 'faqCard', faqId, question: `问题${seq}`, answer: '答案', actions: [], feedback: true }, createdAt: at });
const text = (seq: number, role: 'user' | 'agent', body: string, conversationId = 'c2', name?: string): Message => ({ id: `m${seq}`, conversationId, seq, sender: { role, id: role, ...(name ? { name } : {}) }, body: { type: 'text', text: body }, createdAt: at });

function view(patch: Omit<Partial<ChatView>, 'chat'> & { chat?: Partial<ChatState> }): ChatView {
  const { chat, ...rest } = patch;
  return { chat: { ...initialChatState, ...chat }, conversationId: 'c2', predicted: [], notice: '', offline: false, ready: true, loadingOlder: false, media: false, notifyTemplates: [], earlier: [], moreEarlier: false, canAskHuman: true, canLeaveMessage: false, actionLinks: {}, ...rest };
}

describe('chatItems: the one display converter of kf-chat and H5', () => {
  it('offers 解决了/没解决 only on the newest card while the bot holds the conversation', () => {
    const both = chatItems(view({ chat: { status: 'bot', messages: [card(1, 'a'), card(2, 'b')] } }), t);
    expect(both.map((i) => i.showFeedback)).toEqual([false, true]);
    // The bot answered the next question with suggestions: the card's 解决了 no longer applies.
    const suggest: Message = { id: 'm3', conversationId: 'c2', seq: 3, sender: { role: 'bot', id: 'bot' }, body: { type: 'faqSuggest', text: '您想问的是不是', items: [{ faqId: 'c', question: '问题c' }] }, createdAt: at };
    expect(chatItems(view({ chat: { status: 'bot', messages: [card(1, 'a'), suggest] } }), t)[0]!.showFeedback).toBe(false);
    const queued = chatItems(view({ chat: { status: 'queued', messages: [card(1, 'a')] } }), t);
    expect(queued[0]!.showFeedback).toBe(false);
  });

  it('puts earlier conversations first, read-only and closed by a divider, with keys that never collide', () => {
    const items = chatItems(view({ earlier: [{ conversationId: 'c1', messages: [text(1, 'user', '旧问题', 'c1'), card(2, 'a')] }], chat: { status: 'bot', messages: [text(1, 'user', '新问题')] } }), t);
    expect(items.map((i) => [i.kind, i.past])).toEqual([['text', true], ['card', true], ['divider', true], ['text', false]]);
    expect(items[1]!.showFeedback).toBe(false);
    expect(items[2]!.text).toBe('以上为历史会话');
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
  });

  it('labels agents, voice and pictures from the text table, and a failed bubble as 发送失败', () => {
    const voice: Message = { id: 'v', conversationId: 'c2', seq: 3, sender: { role: 'user', id: 'u' }, body: { type: 'voice', mediaId: 'md1', durationMs: 3400, mime: 'audio/webm', transcribed: false }, createdAt: at };
    const image: Message = { id: 'i', conversationId: 'c2', seq: 4, sender: { role: 'user', id: 'u' }, body: { type: 'image', mediaId: 'md2', mime: 'image/png', bytes: 100 }, createdAt: at };
    const items = chatItems(view({ chat: { status: 'assigned', messages: [text(2, 'agent', '您好', 'c2', '小王'), voice, image], pending: [{ clientMessageId: 'p1', text: '没发出去', state: 'failed', error: '未发送,点击重试' }] } }), t);
    expect(items[0]).toMatchObject({ kind: 'text', sender: '客服 小王', mine: false });
    expect(items[1]).toMatchObject({ kind: 'voice', text: '[语音 3″]', untranscribed: true, mediaId: 'md1', mine: true });
    expect(items[2]).toMatchObject({ kind: 'image', text: '[图片]', mediaId: 'md2' });
    expect(items[3]).toMatchObject({ kind: 'pending', failed: true, stateText: '发送失败', clientMessageId: 'p1' });
    expect(chatItems(view({ chat: { messages: [text(2, 'agent', 'Hi', 'c2', 'Wang')] } }), chatTexts('en'))[0]!.sender).toBe('Agent Wang');
  });

  it("gives a card's actions the merchant's H5 address of their page, their own link first", () => {
    const actions = [{ label: '查看账单', path: '/pages/bill/index' }, { label: '去还款', path: '/pages/huabei/repay' }, { label: '官网', url: 'https://own.example.com/' }];
    const withActions: Message = { ...card(1, 'huabei-repay'), body: { type: 'faqCard', faqId: 'huabei-repay', question: '花呗怎么还款', answer: '答案', actions, feedback: true } };
    const items = chatItems(view({ chat: { messages: [withActions] }, actionLinks: { '/pages/bill/index': 'https://m.example.com/bill', '/pages/huabei/repay': 'https://m.example.com/r' } }), t);
    expect(items[0]!.actions.map((a) => [a.label, a.url])).toEqual([['查看账单', 'https://m.example.com/bill'], ['去还款', 'https://m.example.com/r'], ['官网', 'https://own.example.com/']]);
    expect(chatItems(view({ chat: { messages: [withActions] } }), t)[0]!.actions.map((a) => a.url)).toEqual(['', '', 'https://own.example.com/']);
  });

  it('counts characters only from 1,800, and says when the limit is reached', () => {
    expect(composerCounter(1799, t)).toEqual({ text: '', full: false });
    expect(composerCounter(1800, t)).toEqual({ text: '1800/2000', full: false });
    expect(composerCounter(2000, t)).toEqual({ text: '2000/2000', full: true });
  });
});
