import type { Conversation } from '../schemas';
import { automationByCategory } from './automationByCategory';
import { computeMetrics } from './computeMetrics';

const at = (hms: string, d = '2026-11-24') => `${d}T${hms}.000Z`;
let n = 0;
const ticket = (value: string) => ({ category: { value, confidence: 0.9, messageId: 'm', seq: 1, at: at('00:00:01') } });
/** A conversation in which the user asked something about `category`, created at `created`. */
function asked(category: string, created: string, o: Partial<Conversation> = {}): Conversation {
  return { id: `c${++n}`, tenant: 'demo', userId: `u${n}`, channel: 'h5', status: 'bot', lastSeq: 2, createdAt: created, updatedAt: created, ticket: ticket(category), ...o };
}
/** The bot's 解决了: resolved as self-service ten minutes after it started. */
const settled = (created: string): Partial<Conversation> => ({ status: 'resolved', resolution: 'selfService', resolvedAt: new Date(Date.parse(created) + 600_000).toISOString(), botUnresolved: 0 });

const from = new Date('2026-11-24T00:00:00Z');
const to = new Date('2026-11-25T00:00:00Z');
const now = new Date('2026-11-26T00:00:00Z');

describe('automation and verified resolution per category, from the stored conversations', () => {
  // A small merchant's day: transfer questions the bot settles (one after a 没解决, one the user
  // comes back about, one rated 1 star), a refund handed to a human, an opened chat with no question.
  const t1 = at('08:00:00');
  const clean = asked('transfer', t1, settled(t1));
  const t2 = at('09:00:00');
  const afterNo = asked('transfer', t2, { ...settled(t2), botUnresolved: 1 });
  const t3 = at('10:00:00');
  const cameBack = asked('transfer', t3, { ...settled(t3), userId: 'back' });
  const again = asked('transfer', at('20:00:00'), { userId: 'back' });
  // The same user, on another topic the next day: not a return on the transfer.
  const t4 = at('11:00:00');
  const otherTopic = asked('transfer', t4, { ...settled(t4), userId: 'busy' });
  const refundNext = asked('refund', at('12:00:00'), { userId: 'busy' });
  const t5 = at('13:00:00');
  const badRating = asked('transfer', t5, { ...settled(t5), status: 'rated', rating: { stars: 1, tags: [], comment: '', complaint: false } });
  const human = asked('refund', at('14:00:00'), { status: 'resolved', resolution: 'agent', queuedAt: at('14:00:05'), assigneeId: 'a1', agentRepliedAt: at('14:00:30'), resolvedAt: at('14:20:00') });
  // 解决了 after a human had the conversation (queued, then back to the bot's card): not the bot alone.
  const t6 = at('15:00:00');
  const touched = asked('refund', t6, { ...settled(t6), queuedAt: at('15:01:00') });
  const silent: Conversation = { id: 'silent', tenant: 'demo', userId: 'quiet', channel: 'h5', status: 'abandoned', lastSeq: 0, createdAt: at('16:00:00'), updatedAt: at('16:00:00') };
  // The day after the period: counted only as a return.
  const tomorrow = asked('transfer', '2026-11-25T09:00:00.000Z', settled('2026-11-25T09:00:00.000Z'));
  const history = [clean, afterNo, cameBack, again, otherTopic, refundNext, badRating, human, touched, silent, tomorrow];
  const inPeriod = history.filter((c) => c !== tomorrow);

  it('counts the bot-settled questions over all questions, and of them those that held', () => {
    const { overall, byCategory } = automationByCategory(inPeriod, history);
    // Questions: every conversation with a ticket (9); the opened chat with no question is none.
    expect(overall).toMatchObject({ questions: 9, automated: 5, verified: 2 });
    expect(overall.automationRatePct).toBe(55.56);
    expect(overall.verifiedResolutionPct).toBe(22.22);
    expect(byCategory['transfer']).toMatchObject({ questions: 6, automated: 5, verified: 2, automationRatePct: 83.33, verifiedResolutionPct: 33.33 });
    expect(byCategory['refund']).toMatchObject({ questions: 3, automated: 0, verified: 0, automationRatePct: 0, verifiedResolutionPct: 0 });
    // Self-service beside them: 解决了 among ended conversations, a human's involvement not looked at.
    expect(byCategory['transfer']!.selfServiceRatePct).toBe(100);
    expect(byCategory['refund']!.selfServiceRatePct).toBe(50);
    expect(byCategory['other']).toMatchObject({ questions: 0, automated: 0, automationRatePct: null, verifiedResolutionPct: null, selfServiceRatePct: null });
  });

  it('a return on the same topic within 24 h of the resolution undoes its verification; one after 24 h does not', () => {
    const late = asked('transfer', at('09:00:00', '2026-11-25'), { userId: 'back' });
    const { overall } = automationByCategory([clean, cameBack], [clean, cameBack, late]);
    // cameBack resolved at 10:10; 09:00 the next day is within 24 h, so it does not hold.
    expect(overall.verified).toBe(1);
    const later = asked('transfer', at('10:11:00', '2026-11-25'), { userId: 'back' });
    expect(automationByCategory([cameBack], [cameBack, later]).overall.verified).toBe(1);
  });

  it('computeMetrics serves the figures over the period, with the goal of 80 %', () => {
    const m = computeMetrics(history, from, to, now);
    expect(m.automationRatePct).toBe(55.56);
    expect(m.verifiedResolutionPct).toBe(22.22);
    // The opened chat with no question is no conversation of the period: no empty 'other' row.
    expect(Object.keys(m.automationByCategory)).toEqual(['transfer', 'refund']);
    expect(m.volume).toBe(history.filter((c) => c.ticket && Date.parse(c.createdAt) < to.getTime()).length);
    expect(computeMetrics([], from, to, now)).toMatchObject({ automationRatePct: null, verifiedResolutionPct: null, automationByCategory: {} });
  });

  it("counts a question a self-service flow answered with the user's own transaction, unless a human followed", () => {
    const flow = { flow: 'paymentFailed' as const, steps: ['识别为:支付失败'] };
    const card = asked('payment', at('08:00:00'), { botLastFlow: flow });
    const thenHuman = asked('payment', at('09:00:00'), { botLastFlow: flow, queuedAt: at('09:01:00'), handoff: { reason: 'explicitRequest', at: at('09:01:00'), candidates: [], flow } });
    const faqOnly = asked('payment', at('10:00:00'));
    const { overall } = automationByCategory([card, thenHuman, faqOnly], [card, thenHuman, faqOnly]);
    expect(overall).toMatchObject({ questions: 3, automated: 1, verified: 1 });
  });
});
