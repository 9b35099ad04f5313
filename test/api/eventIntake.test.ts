import { runJobs } from '../../functions/jobs/runJobs';
import { signEvent } from '../../shared/proactive';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

function signed(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  return { 'x-kefu-tenant': 'demo', 'x-kefu-timestamp': String(timestamp), 'x-kefu-signature': signEvent(secret, String(timestamp), body), 'content-type': 'application/json' };
}

describe('POST /v1/events: the body is judged before the signed request is used up', () => {
  let server: TestServer;
  let secret: string;
  beforeAll(async () => {
    server = await startTestServer({ KEFU_JOBS_INTERVAL_MS: '0' });
    const admin = await staffLogin(server, 'admin');
    secret = (await server.call('POST', '/v1/merchant/event-secret', { token: admin })).json['secret'] as string;
  });
  afterAll(() => server.stop());

  const post = (body: string, headers = signed(secret, body)) => server.call('POST', '/v1/events', { raw: body, headers });

  it.each([
    ['before 1970', '1969-12-31T23:59:59Z'],
    ['the epoch itself is before 2000', '1970-01-01T00:00:00Z'],
    ['years ahead', '2999-01-01T00:00:00Z'],
  ])('refuses an occurredAt %s with VALIDATION_FAILED, keeps the request usable, then takes the corrected event', async (_name, occurredAt) => {
    const id = `evt-date-${occurredAt.slice(0, 4)}`;
    const bad = JSON.stringify({ id, type: 'payment.failed', userId: 'u012', occurredAt });
    const headers = signed(secret, bad);
    const refused = await post(bad, headers);
    expect({ status: refused.status, code: refused.json['code'], details: refused.json['details'] }).toEqual({ status: 400, code: 'VALIDATION_FAILED', details: { field: 'occurredAt', reason: 'range' } });
    expect(String(refused.json['message'])).toContain('occurredAt');
    expect(String(refused.json['message'])).not.toMatch(/key part|integer/);
    // The same signed request again is judged again (not EVENT_REPLAYED): its mark was never taken.
    expect((await post(bad, headers)).json['code']).toBe('VALIDATION_FAILED');
    // The merchant fixes the date and signs again: accepted as a new event.
    const fixed = JSON.stringify({ id, type: 'payment.failed', userId: 'u012', occurredAt: new Date().toISOString() });
    const accepted = await post(fixed);
    expect({ status: accepted.status, json: accepted.json }).toEqual({ status: 202, json: { eventId: id, duplicate: false, scheduled: 1 } });
  });

  it('judges the schema and the type before the mark too', async () => {
    for (const body of [JSON.stringify({ id: 'evt-s', type: 'payment.failed', occurredAt: new Date().toISOString() }), JSON.stringify({ id: 'evt-t', type: 'coupon.expired', userId: 'u013', occurredAt: new Date().toISOString() })]) {
      const headers = signed(secret, body);
      const first = await post(body, headers);
      expect(first.status).toBe(400);
      expect((await post(body, headers)).json['code']).toBe(first.json['code']);
    }
  });

  it('accepts an event for a user who never used the chat, schedules nothing and opens no conversation for them', async () => {
    const body = JSON.stringify({ id: 'evt-stranger', type: 'payment.failed', userId: 'stranger-1', occurredAt: new Date().toISOString() });
    const res = await post(body);
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ eventId: 'evt-stranger', duplicate: false, scheduled: 0, skipped: { code: 'USER_NOT_FOUND', message: expect.stringContaining('还没有使用过客服') as unknown } });
    // The merchant's retry gets the same answer, as a duplicate.
    const retry = await post(body, signed(secret, body, Math.floor(Date.now() / 1000) - 1));
    expect(retry.json).toMatchObject({ duplicate: true, scheduled: 0, skipped: { code: 'USER_NOT_FOUND' } });
    await runJobs(server.deps);
    expect(await server.deps.accounts.getUser('demo', 'stranger-1')).toBeUndefined();
    expect((await server.deps.store.tenant('demo').range('userConversation', ['stranger-1'])).rows).toEqual([]);
    // When they do open the chat, they start with no conversation, and the event still feeds 猜你想问.
    const token = await userLogin(server, 'stranger-1');
    expect((await server.call('GET', '/v1/conversations', { token })).json['conversations']).toEqual([]);
    const opened = (await server.call('POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
    const predicted = await server.call('GET', `/v1/conversations/${opened}/predicted-questions`, { token });
    expect((predicted.json['questions'] as { reason: string }[]).map((q) => q.reason)).toContain('paymentFailed');
  });
});
