import { mergeTicket } from './mergeTicket';
import { understand } from '../nlp';
import type { Ticket } from '../schemas';

const now = new Date('2026-11-25T10:00:00+08:00');
let seq = 0;
/** Folds the user's messages into a ticket in order, as the conversation does. */
function fold(texts: string[], start?: Ticket): Ticket {
  return texts.reduce<Ticket>((t, text) => mergeTicket(t, understand(text, { now }), { messageId: `m${++seq}`, seq, at: now.toISOString() }), start ?? {});
}

describe('mergeTicket: a ticket the agent can rely on', () => {
  it('a coarser time does not overwrite a precise one; a finer one does', () => {
    const precise = fold(['昨天下午三点给朋友转了350元']);
    expect(precise.time?.text).toBe('昨天下午三点');
    expect(fold(['上个月也有一笔'], precise).time?.text).toBe('昨天下午三点');
    const coarse = fold(['上个月转了一笔钱没到账']);
    expect(fold(['是11月3日下午3点05分'], coarse).time?.text).toContain('3点05分');
  });

  it("a field the agent corrected is never overwritten by the user's next message", () => {
    const t = fold(['昨天转账350元没到账']);
    const corrected: Ticket = { ...t, amount: { ...t.amount!, value: '360元', text: '360元', editedBy: 'xiaowang' } };
    expect(fold(['说错了,是400元'], corrected).amount).toMatchObject({ text: '360元', editedBy: 'xiaowang' });
  });

  it("the user's own correction replaces an amount; a different amount without one does not", () => {
    const t = fold(['昨天转账350元没到账']);
    expect(fold(['说错了,是400元'], t).amount?.text).toBe('400元');
    expect(fold(['我余额还有800元'], t).amount?.text).toBe('350元');
  });

  it('a different confident category becomes a suggestion; the category stays', () => {
    const t = fold(['昨天转账350元对方没收到']);
    expect(t.category?.value).toBe('transfer');
    const next = fold(['我的账号被盗了,有人异地登录'], t);
    expect(next.category?.value).toBe('transfer');
    expect(next.categorySuggestion?.value).toBe('account');
    // An agent-set category gets no suggestions at all.
    const edited: Ticket = { ...t, category: { ...t.category!, value: 'refund', editedBy: 'xiaowang' } };
    const after = fold(['我的账号被盗了,有人异地登录'], edited);
    expect(after.category).toMatchObject({ value: 'refund', editedBy: 'xiaowang' });
    expect(after.categorySuggestion).toBeUndefined();
  });

  it('an empty field is filled, personal data masked', () => {
    const t = fold(['昨天转账350元没到账', '我的卡号6222021234567890128']);
    expect(t.bankCard?.text).not.toContain('1234567890');
    expect(t.bankCard?.text).toMatch(/\*/);
    expect(t.amount?.text).toBe('350元');
  });
});
