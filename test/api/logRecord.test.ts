import { validateLogLine } from '../../shared/log';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

interface Line {
  level: string;
  request_id: string;
  user_id: string;
  service_type: string;
  issue_description: string;
  function: string;
  method?: string;
  path?: string;
  status?: number;
  msg?: string;
}

/** The seed's log record, as the server writes it for a representative set of requests. */
describe('the request log line', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('one record per request: request_id, user_id, the question’s business type, the masked issue, the function', async () => {
    const user = await userLogin(server, 'u007');
    const id = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    const say = (n: number, text: string) => server.call('POST', `/v1/conversations/${id}/messages`, { token: user, body: { clientMessageId: `m${n}`, text }, headers: { 'x-request-id': `req-log-${n}` } });
    await say(1, '昨天给朋友转了350块,对方说没收到,我手机tel13912340001');
    await say(2, '花呗这个月还款日是哪天');
    await say(3, '余额宝收益怎么没了');
    await server.call('GET', `/v1/conversations/${id}/messages`, { token: user, headers: { 'x-request-id': 'req-log-read' } });
    await server.call('GET', '/v1/no-such-route', { headers: { 'x-request-id': 'req-log-404' } });
    await server.call('GET', '/v1/agent/inbox', { headers: { 'x-request-id': 'req-log-401' } });
    const agent = await staffLogin(server, 'xiaowang');
    await server.call('POST', '/v1/parse', { token: agent, body: { text: '退款什么时候到账' }, headers: { 'x-request-id': 'req-log-parse' } });

    const raw = server.logText().split('\n').filter(Boolean);
    for (const l of raw) expect([l, validateLogLine(l)]).toEqual([l, []]);
    const lines = raw.map((l) => JSON.parse(l) as Line);
    const byId = (requestId: string) => lines.filter((l) => l.request_id === requestId);

    expect(byId('req-log-1')).toEqual([
      expect.objectContaining({ level: 'info', user_id: 'u007', service_type: '转账', issue_description: '昨天给朋友转了350块,对方说没收到,我手机tel139****0001', function: 'message', method: 'POST', status: 201, msg: 'request' }),
    ]);
    expect(byId('req-log-2')).toEqual([expect.objectContaining({ service_type: '花呗借呗', function: 'message' })]);
    expect(byId('req-log-3')).toEqual([expect.objectContaining({ service_type: '理财' })]);
    expect(byId('req-log-parse')).toEqual([expect.objectContaining({ service_type: '退款', user_id: 'xiaowang', function: 'understand' })]);
    // Requests that carry no words have no business type.
    expect(byId('req-log-read')).toEqual([expect.objectContaining({ service_type: '', issue_description: '', function: 'message', user_id: 'u007' })]);
    expect(byId('req-log-404')).toEqual([expect.objectContaining({ status: 404, service_type: '', user_id: '-', function: 'local' })]);
    expect(byId('req-log-401')).toEqual([expect.objectContaining({ status: 401, function: 'agent' })]);
    // The function name never sits in service_type.
    expect(lines.filter((l) => ['message', 'agent', 'auth', 'kefu', 'local', 'understand'].includes(l.service_type))).toEqual([]);
  });
});
