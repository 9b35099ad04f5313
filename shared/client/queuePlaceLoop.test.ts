import { ApiError } from './ApiClient';
import { runQueuePlaceLoop, type QueuePlace } from './queuePlaceLoop';
import type { ConversationStatus } from '../schemas';

/** A chat that shows what the loop hands it, and a server whose answers the test lists. */
function harness(answers: (() => Promise<QueuePlace>)[], start: { status: ConversationStatus; position?: number } = { status: 'queued' }) {
  const shown: { status: ConversationStatus; position?: number } = { ...start };
  const asked: (number | undefined)[] = [];
  const sleeps: number[] = [];
  let live = true;
  const run = () =>
    runQueuePlaceLoop({
      read: (known) => {
        asked.push(known);
        const next = answers.shift();
        if (!next) {
          live = false;
          return Promise.resolve({ status: 'queued' as const });
        }
        return next();
      },
      shown: () => shown,
      onPlace: (p) => {
        if (p.position === undefined) delete shown.position;
        else shown.position = p.position;
      },
      live: () => live,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      idleMs: 3000,
    });
  return { shown, asked, sleeps, run, close: () => (live = false) };
}

const place = (position: number): (() => Promise<QueuePlace>) => () => Promise.resolve({ status: 'queued', groupId: 'g1', position, estimatedWaitSeconds: position * 60 });

describe('runQueuePlaceLoop: the queue place by long-poll', () => {
  it('sends the place shown as `known` and asks again at once after each move, without pausing', async () => {
    const h = harness([place(3), place(2), place(1), () => Promise.resolve({ status: 'assigned' })]);
    await h.run();
    // Nothing shown at first: read at once; then each poll carries the place on screen.
    expect(h.asked).toEqual([undefined, 3, 2, 1]);
    expect(h.sleeps).toEqual([]);
    expect(h.shown.position).toBe(1);
  });

  it('starts from the place a queued event showed', async () => {
    const h = harness([place(2), () => Promise.resolve({ status: 'assigned' })], { status: 'queued', position: 3 });
    await h.run();
    expect(h.asked).toEqual([3, 2]);
  });

  it('pauses after an answer that brought nothing new, so a server that does not wait is not polled in a busy loop', async () => {
    // The same place (the server's wait ran out, or it answered at once), then no place at all.
    const h = harness([place(3), place(3), place(3), () => Promise.resolve({ status: 'queued' })]);
    await h.run();
    expect(h.asked).toEqual([undefined, 3, 3, 3, undefined]);
    expect(h.sleeps).toEqual([3000, 3000, 3000]);
    expect(h.shown.position).toBeUndefined();
  });

  it('stops when the answer says the wait is over, when the events ended it, or when the chat closed', async () => {
    const over = harness([place(2), () => Promise.resolve({ status: 'resolved' }), place(1)]);
    await over.run();
    expect(over.asked).toEqual([undefined, 2]);

    const assigned = harness([place(2)]);
    const reading = assigned.run();
    assigned.shown.status = 'assigned';
    await reading;
    expect(assigned.asked).toEqual([undefined]);

    const closed = harness([place(2), place(1)]);
    closed.close();
    await closed.run();
    expect(closed.asked).toEqual([]);
  });

  it('backs off 1 s, 2 s, 4 s on failures and polls at once after a success; a refusal ends the loop', async () => {
    const down = () => Promise.reject(new Error('network down'));
    const h = harness([down, down, down, place(4), down, place(3), () => Promise.reject(new ApiError(404, 'CONVERSATION_NOT_FOUND', '会话不存在')), place(1)]);
    await h.run();
    expect(h.sleeps).toEqual([1000, 2000, 4000, 1000]);
    expect(h.asked).toEqual([undefined, undefined, undefined, undefined, 4, 4, 3]);
    expect(h.shown.position).toBe(3);

    const busy = harness([() => Promise.reject(new ApiError(429, 'RATE_LIMITED', '请求过于频繁')), () => Promise.resolve({ status: 'assigned' })]);
    await busy.run();
    expect(busy.sleeps).toEqual([1000]);
    expect(busy.asked).toHaveLength(2);
  });
});
