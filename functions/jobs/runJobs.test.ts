import { signEvent } from '../../shared/proactive';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../../test/helpers/testServer';
import { runJobs } from './runJobs';

// s.yaml keeps the jobs timer to one run at a time (one instance, one request, no asynchronous
// retries), but FC delivers asynchronous events at least once and a sweep can die midway: the
// sweeps themselves must not do anything twice when they overlap or repeat.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ KEFU_JOBS_INTERVAL_MS: '0' });
});
afterAll(() => server.stop());

describe('runJobs, the jobs function sweep', () => {
  it('sends a due proactive message once when two sweeps overlap and a third repeats them', async () => {
    const admin = await staffLogin(server, 'admin');
    const secret = (await server.call('POST', '/v1/merchant/event-secret', { token: admin })).json['secret'] as string;
    const body = JSON.stringify({ id: 'evt-jobs-1', type: 'payment.failed', userId: 'u011', occurredAt: new Date().toISOString(), amountFen: 1200 });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const accepted = await server.call('POST', '/v1/events', { raw: body, headers: { 'x-kefu-tenant': 'demo', 'x-kefu-timestamp': timestamp, 'x-kefu-signature': signEvent(secret, timestamp, body), 'content-type': 'application/json' } });
    expect(accepted.json).toMatchObject({ scheduled: 1 });

    const overlapping = await Promise.all([runJobs(server.deps), runJobs(server.deps)]);
    const repeated = await runJobs(server.deps);
    expect([...overlapping, repeated].map((r) => r.proactive.sent).reduce((a, b) => a + b, 0)).toBe(1);

    const token = await userLogin(server, 'u011');
    const conversations = (await server.call('GET', '/v1/conversations', { token })).json['conversations'] as { id: string }[];
    expect(conversations).toHaveLength(1);
    const messages = (await server.call('GET', `/v1/conversations/${conversations[0]!.id}/messages`, { token })).json['messages'] as { body: { proactive?: boolean } }[];
    expect(messages.filter((m) => m.body.proactive)).toHaveLength(1);
  });
});
