/**
 * @jest-environment jsdom
 */
/**
 * kf-chat with the self-service flows' bodies (issue 22 item 2), rendered by miniprogram-simulate:
 * a status card (title, what was found as rows, the explanation, the next step and 转人工), and a
 * question whose buttons send their text as the user's message through the outbox, like typing.
 */
import type { Message } from '../../shared/schemas';
import { PRIMARY } from '../helpers/FakeChatBackend';
import { until } from './componentHarness';
import { dir, opened, unmountAll, type Setup } from './kfChatHarness';
import { renderComponent } from './renderComponent';

afterEach(unmountAll);

const bot = (seq: number, body: Message['body']): Message => ({ id: `m${seq}`, conversationId: 'c1', seq, sender: { role: 'bot', id: 'bot' }, body, createdAt: '2026-11-25T10:00:00.000Z' });

const statusCard = (seq: number) =>
  bot(seq, {
    type: 'statusCard',
    flow: 'paymentFailed',
    title: '支付失败',
    transaction: { id: 'u001-fail', kind: 'payment', amountFen: 12_800, at: '2026-11-25T09:40:00.000Z', counterparty: '旗舰店订单', status: '失败', ref: '2026****0001' },
    facts: [
      { label: '金额', value: '128.00 元' },
      { label: '商户', value: '旗舰店订单(一个很长很长的商户名称,要在窄屏上换行显示)' },
      { label: '原因', value: '余额不足' },
    ],
    explanation: '这笔付款没有成功,原因是:余额不足。',
    actions: [{ label: '重新支付', path: '/pages/order/pay' }],
    handoff: true,
  });

const choices = (seq: number) =>
  bot(seq, {
    type: 'choices',
    text: '您近期有几笔付款没有成功,请问是哪一笔?',
    items: [
      { label: '128.00 元 · 11月25日 17:40 · 旗舰店订单', text: '128.00 元 · 11月25日 17:40 · 旗舰店订单' },
      { label: '9.90 元 · 11月23日 09:55 · 话费充值', text: '9.90 元 · 11月23日 09:55 · 话费充值' },
    ],
  });

/** The user's text messages the backend stored, in order. */
const sentTexts = (s: Setup) => s.backend.conversations.get('c1')!.events.flatMap((e) => (e.type === 'message' && e.message.sender.role === 'user' && e.message.body.type === 'text' ? [e.message.body.text] : []));

describe('kf-chat: status cards and questions with buttons', () => {
  it('a status card shows what was found, the next step and 转人工, which hands off like the shortcut', async () => {
    const s = await opened();
    s.backend.push('c1', (seq) => ({ seq, type: 'message', message: statusCard(seq) }));
    await until(() => s.items().some((i) => i.kind === 'card'), 'the card');
    const view = renderComponent(dir, s.chat);
    expect(view.comp.querySelector('.kf-card--status .kf-card__q')?.dom?.textContent).toBe('支付失败');
    const text = (selector: string) => view.comp.querySelectorAll(selector).map((n) => n.dom?.textContent);
    const values = text('.kf-fact__value');
    const rows = text('.kf-fact__label').map((label, i) => [label, values[i]]);
    expect(view.comp.querySelectorAll('.kf-fact')).toHaveLength(3);
    expect(rows).toEqual([
      ['金额', '128.00 元'],
      ['商户', '旗舰店订单(一个很长很长的商户名称,要在窄屏上换行显示)'],
      ['原因', '余额不足'],
    ]);
    expect(view.comp.querySelector('.kf-card__a')?.dom?.textContent).toBe('这笔付款没有成功,原因是:余额不足。');
    expect(view.comp.querySelector('.kf-chip--action')?.dom?.textContent).toBe('重新支付');
    // No 解决了/没解决 on a status card: it answers with the user's data, not a FAQ entry.
    expect(view.comp.querySelector('.kf-chip--yes')).toBeUndefined();
    expect(view.comp.querySelector('.kf-chip--human')?.dom?.textContent).toBe('转人工');

    await view.fire('.kf-chip--human');
    await until(() => s.chat.data['canLeaveMessage'] === true, 'queued');
    const sent = s.backend.conversations.get('c1')!.events.filter((e) => e.type === 'queued');
    expect(sent).toHaveLength(1);
    expect(sentTexts(s)).toEqual(['转人工']);
    // With a human on the way, the card no longer offers 转人工.
    view.refresh();
    expect(view.comp.querySelector('.kf-chip--human')).toBeUndefined();
    expect(view.comp.querySelector('.kf-chip--action')).toBeDefined();
  });

  it("a question's button sends its text through the outbox (kept while the API is down, sent once when back); answered, the buttons go", async () => {
    const s = await opened();
    s.backend.push('c1', (seq) => ({ seq, type: 'message', message: choices(seq) }));
    await until(() => s.items().some((i) => i.kind === 'choices'), 'the question');
    const view = renderComponent(dir, s.chat);
    expect(view.comp.querySelector('.kf-choices__text')?.dom?.textContent).toBe('您近期有几笔付款没有成功,请问是哪一笔?');
    expect(view.comp.querySelectorAll('.kf-chip--reply').map((b) => b.dom?.textContent)).toEqual(['128.00 元 · 11月25日 17:40 · 旗舰店订单', '9.90 元 · 11月23日 09:55 · 话费充值']);

    s.backend.up[PRIMARY] = false;
    await view.fire('.kf-chip--reply');
    await until(() => s.items().some((i) => i.kind === 'pending' && i.text === '128.00 元 · 11月25日 17:40 · 旗舰店订单'), 'kept in the outbox');
    expect(sentTexts(s)).toEqual([]);
    s.backend.up[PRIMARY] = true;
    await until(() => !s.items().some((i) => i.kind === 'pending'), 'sent when the API is back', 15_000);
    expect(sentTexts(s)).toEqual(['128.00 元 · 11月25日 17:40 · 旗舰店订单']);

    // The bot's answer is newer: the question's buttons no longer answer anything.
    s.backend.push('c1', (seq) => ({ seq, type: 'message', message: statusCard(seq) }));
    await until(() => s.items().some((i) => i.kind === 'card'), 'the answer');
    view.refresh();
    expect(view.comp.querySelectorAll('.kf-chip--reply')).toHaveLength(0);
    expect(view.comp.querySelector('.kf-choices__text')?.dom?.textContent).toBe('您近期有几笔付款没有成功,请问是哪一笔?');
  }, 30_000);
});
