import type { Conversation } from '../schemas';
import { computeMetrics } from './computeMetrics';

const day = '2026-11-24';
const at = (hms: string, d = day) => `${d}T${hms}.000Z`;
let n = 0;
function conv(o: Partial<Conversation> & { createdAt: string }): Conversation {
  return { id: `c${++n}`, tenant: 'demo', userId: `u${n}`, channel: 'h5', status: 'bot', lastSeq: 1, updatedAt: o.createdAt, lastMessagePreview: '问题', ...o };
}

const from = new Date(`${day}T00:00:00Z`);
const to = new Date('2026-11-25T00:00:00Z');
const now = new Date('2026-11-25T12:00:00Z');

describe('computeMetrics: the dashboard figures on hand-built histories', () => {
  it('first response time averages queue-to-first-reply, and SLA breaches count late replies and late silence', () => {
    const history = [
      conv({ createdAt: at('09:00:00'), queuedAt: at('09:00:10'), agentRepliedAt: at('09:00:40'), status: 'assigned' }), // 30 s
      conv({ createdAt: at('10:00:00'), queuedAt: at('10:00:00'), agentRepliedAt: at('10:01:30'), status: 'assigned' }), // 90 s: breach
      conv({ createdAt: at('11:00:00'), queuedAt: at('11:00:00'), status: 'queued' }), // never answered: breach
      conv({ createdAt: at('12:00:00'), status: 'bot' }), // bot only: no response time
    ];
    const m = computeMetrics(history, from, to, now);
    expect(m.firstResponseSeconds).toBe(60);
    expect(m.slaBreaches).toBe(2);
    expect(m.volume).toBe(4);
  });

  it('first response runs from the hand-off to the first reply of any agent, whatever re-queued the conversation since', () => {
    // Handed off at 09:00, first answered at 09:08 by xiaoli; then re-queued at 09:20 (her session
    // ended) and given to another agent, who has not replied yet: an 8-minute first response.
    const requeued = conv({
      createdAt: at('08:59:00'),
      status: 'assigned',
      handoff: { reason: 'explicitRequest', at: at('09:00:00'), candidates: [] },
      queuedAt: at('09:20:00'),
      firstAgentReplyAt: at('09:08:00'),
    });
    // An older record: a reply kept from before a later queueing, no firstAgentReplyAt: left out, not negative.
    const legacy = conv({ createdAt: at('10:00:00'), status: 'assigned', queuedAt: at('10:05:00'), agentRepliedAt: at('10:01:00') });
    const m = computeMetrics([requeued, legacy], from, to, now);
    expect(m.firstResponseSeconds).toBe(480);
    expect(m.slaBreaches).toBe(1);
  });

  it('first-contact resolution: a resolved conversation followed by the same user within 24 h is not one', () => {
    const a = conv({ createdAt: at('08:00:00'), userId: 'ua', resolvedAt: at('08:10:00'), resolution: 'agent', status: 'resolved' });
    const repeat = conv({ createdAt: at('20:00:00'), userId: 'ua', status: 'bot' });
    const b = conv({ createdAt: at('09:00:00'), userId: 'ub', resolvedAt: at('09:05:00'), resolution: 'selfService', status: 'resolved' });
    // ub comes back, but after 24 h: still a first-contact resolution.
    const late = conv({ createdAt: '2026-11-25T09:06:00.000Z', userId: 'ub', status: 'bot' });
    const c = conv({ createdAt: at('10:00:00'), userId: 'uc', resolvedAt: at('10:30:00'), resolution: 'agent', status: 'rated', rating: { stars: 5, tags: [], comment: '', complaint: false } });
    // uc opens the chat again an hour later and says nothing: neither a conversation nor a repeat contact.
    const { lastMessagePreview: _said, ...silent } = conv({ createdAt: at('11:30:00'), userId: 'uc', status: 'bot' });
    const m = computeMetrics([a, repeat, b, late, c, silent], from, to, now);
    expect(m.firstContactResolutionPct).toBe(66.67);
    expect(m.selfServiceRatePct).toBe(33.33);
    expect(m.volume).toBe(4);
  });

  it('complaint rate is over all conversations; satisfaction over rated ones; empty denominators are null', () => {
    const rated = (stars: number, complaint: boolean) => conv({ createdAt: at('13:00:00'), status: 'rated', resolution: 'agent', resolvedAt: at('13:10:00'), rating: { stars, tags: [], comment: '', complaint } });
    const history = [rated(5, false), rated(4, false), rated(1, true), ...Array.from({ length: 97 }, () => conv({ createdAt: at('14:00:00') }))];
    const m = computeMetrics(history, from, to, now);
    expect(m.complaintRatePct).toBe(1);
    expect(m.satisfactionAvg).toBe(3.33);
    expect(m.satisfiedPct).toBe(66.67);
    // A conversation handed off as a complaint counts, once, with or without the rating's box.
    const said = conv({ createdAt: at('15:00:00'), status: 'resolved', handoff: { reason: 'complaint', at: at('15:00:01'), candidates: [] } });
    const both = conv({ createdAt: at('15:10:00'), status: 'rated', handoff: { reason: 'complaint', at: at('15:10:01'), candidates: [] }, rating: { stars: 1, tags: [], comment: '', complaint: true } });
    expect(computeMetrics([...history.slice(0, 98), said, both], from, to, now).complaintRatePct).toBe(3);
    const empty = computeMetrics([], from, to, now);
    expect(empty).toMatchObject({ volume: 0, firstResponseSeconds: null, firstContactResolutionPct: null, complaintRatePct: null, satisfactionAvg: null, selfServiceRatePct: null, slaBreaches: 0 });
  });

  it('counts only conversations created in the period, by ticket category', () => {
    const cat = (value: string) => ({ category: { value, confidence: 0.9, messageId: 'm', seq: 1, at: at('00:00:01') } });
    const history = [
      conv({ createdAt: at('01:00:00'), ticket: cat('transfer') }),
      conv({ createdAt: at('02:00:00'), ticket: cat('transfer') }),
      conv({ createdAt: at('03:00:00'), ticket: cat('refund') }),
      conv({ createdAt: at('04:00:00') }),
      conv({ createdAt: '2026-11-23T23:59:59.000Z', ticket: cat('refund') }),
      conv({ createdAt: '2026-11-25T00:00:00.000Z', ticket: cat('refund') }),
    ];
    expect(computeMetrics(history, from, to, now).volumeByCategory).toEqual({ transfer: 2, refund: 1, other: 1 });
  });
});
