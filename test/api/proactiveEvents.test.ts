import { runJobs } from '../../functions/jobs/runJobs';
import { createInProcessNotifier } from '../../shared/realtime';
import { wireConversations } from '../../shared/app';
import { AccountService } from '../../shared/accounts';
import { SessionTokens } from '../../shared/auth';
import { FaqService } from '../../shared/faq';
import { ProactiveService, signEvent } from '../../shared/proactive';
import { createMemoryStore } from '../../shared/store/drivers';
import { defaultFaq } from '../../mock/seed/defaultFaq';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

function sign(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  return {
    'x-kefu-tenant': 'demo',
    'x-kefu-timestamp': String(timestamp),
    'x-kefu-signature': signEvent(secret, String(timestamp), body),
    'content-type': 'application/json',
  };
}

const event = (id: string, type: string, userId: string, extra: Record<string, unknown> = {}) => JSON.stringify({ id, type, userId, occurredAt: new Date().toISOString(), ...extra });

describe('proactive service over HTTP: signed business events become messages and 猜你想问', () => {
  let server: TestServer;
  let secret: string;
  beforeAll(async () => {
    server = await startTestServer({ KEFU_JOBS_INTERVAL_MS: '0' });
    const admin = await staffLogin(server, 'admin');
    const rotated = await server.call('POST', '/v1/merchant/event-secret', { token: admin });
    expect(rotated.status).toBe(201);
    secret = rotated.json['secret'] as string;
  });
  afterAll(() => server.stop());

  const post = (body: string, headers = sign(secret, body)) => server.call('POST', '/v1/events', { raw: body, headers });

  it('sends help at once after a failed payment, into the chat, and feeds 猜你想问', async () => {
    const accepted = await post(event('evt-pay-1', 'payment.failed', 'u005', { amountFen: 35000 }));
    expect(accepted.status).toBe(202);
    expect(accepted.json).toEqual({ eventId: 'evt-pay-1', duplicate: false, scheduled: 1 });
    const jobs = await runJobs(server.deps);
    expect(jobs.proactive).toMatchObject({ sent: 1 });

    const token = await userLogin(server, 'u005');
    const conversations = (await server.call('GET', '/v1/conversations', { token })).json['conversations'] as { id: string }[];
    const messages = (await server.call('GET', `/v1/conversations/${conversations[0]!.id}/messages`, { token })).json['messages'] as { sender: { role: string }; body: { type: string; text: string; items: { faqId: string }[]; proactive?: boolean } }[];
    const help = messages.find((m) => m.body.type === 'faqSuggest');
    expect(help?.sender.role).toBe('bot');
    expect(help?.body.text).toContain('付款没有成功');
    expect(help?.body.items.map((i) => i.faqId)).toEqual(['payment-failed']);
    expect(help?.body.proactive).toBe(true);

    const predicted = await server.call('GET', `/v1/conversations/${conversations[0]!.id}/predicted-questions`, { token });
    expect((predicted.json['questions'] as { faqId: string; reason: string }[])[0]).toEqual(expect.objectContaining({ faqId: 'payment-failed', reason: 'paymentFailed' }));
  });

  it('takes an event id once, refuses a replayed request, and respects the opt-out', async () => {
    const body = event('evt-refund-1', 'refund.started', 'u006');
    // The first signing's second, fixed: the retry below signs with another one whatever the clock
    // did in between (it signed with now - 1, the same second as the first when a second had passed).
    const first = Math.floor(Date.now() / 1000);
    const headers = sign(secret, body, first);
    expect((await post(body, headers)).status).toBe(202);
    const replay = await post(body, headers);
    expect([replay.status, replay.json['code']]).toEqual([409, 'EVENT_REPLAYED']);
    // The merchant's retry signs again: accepted, but nothing new is scheduled.
    const retry = await post(body, sign(secret, body, first - 1));
    expect(retry.json).toEqual({ eventId: 'evt-refund-1', duplicate: true, scheduled: 0 });

    const token = await userLogin(server, 'u008');
    expect((await server.call('PUT', '/v1/me/proactive', { token, body: { optOut: true } })).json).toEqual({ optOut: true });
    expect((await server.call('GET', '/v1/me/proactive', { token })).json).toEqual({ optOut: true });
    expect((await post(event('evt-refund-2', 'refund.started', 'u008'))).status).toBe(202);
    const jobs = await runJobs(server.deps);
    expect(jobs.proactive).toMatchObject({ sent: 1, optedOut: 1 });
    expect((await server.call('GET', '/v1/conversations', { token })).json['conversations']).toEqual([]);
  });

  it('refuses bad signatures, old timestamps, unknown types, bad bodies and merchants without a secret', async () => {
    const body = event('evt-bad', 'payment.failed', 'u009');
    const wrong = await post(body, sign('not-the-secret', body));
    expect([wrong.status, wrong.json['code']]).toEqual([401, 'EVENT_SIGNATURE_INVALID']);
    const old = await post(body, sign(secret, body, Math.floor(Date.now() / 1000) - 301));
    expect([old.status, old.json['code']]).toEqual([401, 'EVENT_EXPIRED']);
    const tampered = await post(body.replace('u009', 'u010'), sign(secret, body));
    expect(tampered.json['code']).toBe('EVENT_SIGNATURE_INVALID');
    const unknown = event('evt-x', 'coupon.expired', 'u009');
    expect((await post(unknown)).json['code']).toBe('EVENT_TYPE_UNKNOWN');
    const missingUser = JSON.stringify({ id: 'evt-y', type: 'payment.failed', occurredAt: new Date().toISOString() });
    expect((await post(missingUser)).json).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await post('{not json')).json['code']).toBe('INVALID_JSON');
    const noSecret = await server.call('POST', '/v1/events', { raw: body, headers: { ...sign(secret, body), 'x-kefu-tenant': 'other-merchant' } });
    expect([noSecret.status, noSecret.json['code']]).toEqual([403, 'EVENTS_NOT_CONFIGURED']);
    expect((await server.call('POST', '/v1/events', { raw: body, headers: { 'content-type': 'application/json' } })).json['code']).toBe('EVENT_SIGNATURE_INVALID');
  });

  it('lets managers edit the rules, and only admins rotate the secret', async () => {
    const supervisor = await staffLogin(server, 'chenzhuguan');
    const rules = (await server.call('GET', '/v1/merchant/proactive-rules', { token: supervisor })).json['rules'] as { id: string; enabled: boolean }[];
    expect(rules.map((r) => r.id)).toContain('guide-after-transaction');
    const saved = await server.call('PUT', '/v1/merchant/proactive-rules', { token: supervisor, body: { rules: rules.map((r) => ({ ...r, enabled: r.id !== 'refund-started' })) } });
    expect(saved.status).toBe(200);
    expect((await server.call('PUT', '/v1/merchant/proactive-rules', { token: supervisor, body: { rules: [{ ...rules[0], delayMinutes: -1 }] } })).json['code']).toBe('VALIDATION_FAILED');
    expect((await server.call('POST', '/v1/merchant/event-secret', { token: supervisor })).json['code']).toBe('FORBIDDEN');
    expect((await post(event('evt-refund-3', 'refund.started', 'u011'))).json).toMatchObject({ scheduled: 0 });
  });
});

describe('proactive rules in time: delays and deduplication', () => {
  it('sends the usage guide 30 minutes after a transaction, once per day per user', async () => {
    const clock = { now: Date.parse('2026-11-25T10:00:00Z') };
    const store = createMemoryStore();
    const faq = new FaqService(store);
    await faq.importFile('shop', 'json', JSON.stringify(defaultFaq), { mode: 'replace' });
    const conversations = wireConversations({ store, notifier: createInProcessNotifier(), accounts: new AccountService(store, new SessionTokens('p'.repeat(32), 3600)), clock: () => new Date(clock.now) });
    const proactive = new ProactiveService({ store, conversations: conversations.bot, faq, clock: () => clock.now });
    const secret = await proactive.rotateSecret('shop');
    const send = async (id: string) => {
      const body = JSON.stringify({ id, type: 'transaction.succeeded', userId: 'u1', occurredAt: new Date(clock.now).toISOString() });
      const ts = String(Math.floor(clock.now / 1000));
      const mark = await proactive.verify('shop', { timestamp: ts, signature: signEvent(secret, ts, body), body });
      return proactive.record('shop', JSON.parse(body) as Parameters<ProactiveService['record']>[1], mark);
    };
    expect(await send('t1')).toMatchObject({ scheduled: 1 });
    clock.now += 29 * 60_000;
    expect(await proactive.deliverDue('shop')).toEqual({ sent: 0, optedOut: 0, deduplicated: 0, failed: 0 });
    clock.now += 2 * 60_000;
    expect(await proactive.deliverDue('shop')).toMatchObject({ sent: 1 });
    const [conversation] = await conversations.queries.listForUser({ tenant: 'shop', id: 'u1', role: 'user' });
    const page = await conversations.queries.messages({ tenant: 'shop', id: 'u1', role: 'user' }, conversation!.id);
    expect(JSON.stringify(page.messages)).toContain('账单');

    // A second purchase within the day: no second guide.
    expect(await send('t2')).toMatchObject({ scheduled: 1 });
    clock.now += 31 * 60_000;
    expect(await proactive.deliverDue('shop')).toMatchObject({ sent: 0, deduplicated: 1 });
    // Replay marks older than the window are swept.
    clock.now += 15 * 60_000;
    expect(await proactive.sweepReplayMarks('shop')).toBe(2);
  });
});
