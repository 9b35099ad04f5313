import { errorCatalogue, isErrorCode } from '../../shared/errors';
import { startTestServer, staffLogin, userLogin, type TestServer, type CallOptions } from '../helpers/testServer';

interface Case {
  readonly name: string;
  readonly method: string;
  readonly route: string;
  readonly options: CallOptions;
  readonly status: number;
  readonly code: string;
}

describe('bad input never gets a 5xx, always a catalogue code, and the server keeps serving', () => {
  let server: TestServer;
  let cases: Case[];

  beforeAll(async () => {
    server = await startTestServer();
    const user = await userLogin(server, 'u010');
    const agent = await staffLogin(server, 'xiaowang');
    const id = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    const tooBig = JSON.stringify({ clientMessageId: 'big', text: 'x'.repeat(70 * 1024) });

    // Each JSON endpoint of the slice, with the token it needs and a valid body.
    const jsonEndpoints: { route: string; token?: string; valid: Record<string, unknown> }[] = [
      { route: '/v1/auth/login', valid: { tenant: 'demo', username: 'xiaowang', password: 'x' } },
      { route: '/v1/auth/dev-login', valid: { tenant: 'demo', userId: 'u010' } },
      { route: '/v1/conversations', token: user, valid: {} },
      { route: `/v1/conversations/${id}/messages`, token: user, valid: { clientMessageId: 'ok', text: '你好' } },
      { route: `/v1/agent/conversations/${id}/claim`, token: agent, valid: {} },
      { route: `/v1/agent/conversations/${id}/messages`, token: agent, valid: { clientMessageId: 'ok', text: '你好' } },
      { route: `/v1/agent/conversations/${id}/resolve`, token: agent, valid: {} },
    ];
    cases = [];
    for (const e of jsonEndpoints) {
      const token = e.token ? { token: e.token } : {};
      const first = Object.keys(e.valid)[0];
      cases.push(
        { name: 'malformed JSON', method: 'POST', route: e.route, options: { ...token, raw: '{"tenant": ', headers: { 'content-type': 'application/json' } }, status: 400, code: 'INVALID_JSON' },
        { name: 'array body', method: 'POST', route: e.route, options: { ...token, body: [1, 2] }, status: 400, code: 'VALIDATION_FAILED' },
        { name: 'unknown field', method: 'POST', route: e.route, options: { ...token, body: { ...e.valid, extra: true } }, status: 400, code: 'VALIDATION_FAILED' },
        { name: 'body over 64 KiB', method: 'POST', route: e.route, options: { ...token, raw: tooBig, headers: { 'content-type': 'application/json' } }, status: 413, code: 'BODY_TOO_LARGE' },
        { name: 'not JSON content type', method: 'POST', route: e.route, options: { ...token, raw: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
        { name: 'wrong method', method: 'PUT', route: e.route, options: { ...token, body: e.valid }, status: 405, code: 'METHOD_NOT_ALLOWED' },
      );
      if (first) {
        cases.push(
          { name: `wrong type for ${first}`, method: 'POST', route: e.route, options: { ...token, body: { ...e.valid, [first]: 12345 } }, status: 400, code: 'VALIDATION_FAILED' },
          { name: `missing ${first}`, method: 'POST', route: e.route, options: { ...token, body: { ...e.valid, [first]: undefined } }, status: 400, code: 'VALIDATION_FAILED' },
        );
      }
    }
    cases.push(
      { name: 'empty text', method: 'POST', route: `/v1/conversations/${id}/messages`, options: { token: user, body: { clientMessageId: 'e', text: '' } }, status: 400, code: 'VALIDATION_FAILED' },
      { name: 'text over 2000 chars', method: 'POST', route: `/v1/conversations/${id}/messages`, options: { token: user, body: { clientMessageId: 'l', text: '长'.repeat(2001) } }, status: 400, code: 'VALIDATION_FAILED' },
      { name: 'client id with spaces', method: 'POST', route: `/v1/conversations/${id}/messages`, options: { token: user, body: { clientMessageId: 'a b', text: 'x' } }, status: 400, code: 'VALIDATION_FAILED' },
      { name: 'unknown conversation', method: 'POST', route: '/v1/conversations/nope/messages', options: { token: user, body: { clientMessageId: 'n', text: 'x' } }, status: 404, code: 'CONVERSATION_NOT_FOUND' },
      { name: 'non-numeric before', method: 'GET', route: `/v1/conversations/${id}/messages?before=abc`, options: { token: user }, status: 400, code: 'VALIDATION_FAILED' },
      { name: 'limit out of range', method: 'GET', route: `/v1/conversations/${id}/messages?limit=1000`, options: { token: user }, status: 400, code: 'VALIDATION_FAILED' },
      { name: 'negative cursor', method: 'GET', route: `/v1/conversations/${id}/events?after=-1`, options: { token: user }, status: 400, code: 'VALIDATION_FAILED' },
      { name: 'timeout too long', method: 'GET', route: `/v1/conversations/${id}/events?timeout=999999`, options: { token: user }, status: 400, code: 'VALIDATION_FAILED' },
      { name: 'unknown inbox', method: 'GET', route: '/v1/agent/inbox?box=everything', options: { token: agent }, status: 400, code: 'VALIDATION_FAILED' },
      { name: 'unknown route', method: 'GET', route: '/v1/nothing-here', options: {}, status: 404, code: 'ROUTE_NOT_FOUND' },
      { name: 'unknown version', method: 'POST', route: '/v2/conversations', options: { body: {} }, status: 404, code: 'ROUTE_NOT_FOUND' },
      { name: 'DELETE on a GET route', method: 'DELETE', route: `/v1/conversations/${id}/messages`, options: { token: user }, status: 405, code: 'METHOD_NOT_ALLOWED' },
      { name: 'no token', method: 'POST', route: '/v1/conversations', options: { body: {} }, status: 401, code: 'UNAUTHENTICATED' },
      { name: 'malformed authorization header', method: 'POST', route: '/v1/conversations', options: { headers: { authorization: 'Basic abc' }, body: {} }, status: 401, code: 'UNAUTHENTICATED' },
    );
  });
  afterAll(() => server.stop());

  it('answers every case with the expected 4xx and a catalogue code in the standard body', async () => {
    const results = [];
    for (const c of cases) {
      const res = await server.call(c.method, c.route, c.options);
      results.push({
        case: `${c.method} ${c.route.replace(/[0-9a-f-]{36}/, ':id')} ${c.name}`,
        status: res.status,
        code: res.json['code'],
        requestIdPresent: typeof res.json['requestId'] === 'string' && res.headers.get('x-request-id') === res.json['requestId'],
        messagePresent: typeof res.json['message'] === 'string' && (res.json['message']).length > 0,
      });
    }
    const expected = cases.map((c) => ({
      case: `${c.method} ${c.route.replace(/[0-9a-f-]{36}/, ':id')} ${c.name}`,
      status: c.status,
      code: c.code,
      requestIdPresent: true,
      messagePresent: true,
    }));
    expect(results).toEqual(expected);
    for (const r of results) {
      expect(isErrorCode(r.code)).toBe(true);
      expect(errorCatalogue[r.code as keyof typeof errorCatalogue].status).toBe(r.status);
    }
    expect(cases.length).toBeGreaterThan(60);
    const health = await server.call('GET', '/v1/health');
    expect(health.status).toBe(200);
  });

  it('the log shows no 5xx for any of it', () => {
    const lines = server
      .logText()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { status?: number; level: string });
    expect(lines.length).toBeGreaterThan(60);
    expect(lines.filter((l) => (l.status ?? 0) >= 500 || l.level === 'error')).toEqual([]);
  });
});
