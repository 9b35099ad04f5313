import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { fcHandler } from './fcHandler';
import type { FcHttpEvent, FcHttpResult } from './FcHttpEvent';

/**
 * Events shaped like the ones FC 3.0 documents ("HTTP触发器调用函数"): header names canonicalised
 * by Go (so no Host header; the domain is in requestContext), repeated values comma-joined, the
 * URL-encoded rawPath beside the decoded requestContext.http.path.
 */
const getEvents: FcHttpEvent = {
  version: 'v1',
  rawPath: '/v1/conversations/c_01J8ZK/events',
  body: '',
  isBase64Encoded: false,
  headers: {
    Accept: 'application/json',
    'Accept-Encoding': 'gzip, deflate, br',
    'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8',
    Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig',
    'User-Agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AlipayClient/10.5.36',
    'X-Forwarded-For': '42.120.74.88',
    'X-Kefu-Trace': 'a,b',
  },
  queryParameters: { after: '42', q: '退款没到账', status: 'queued,assigned' },
  requestContext: {
    accountId: '1234567890123456',
    domainName: 'kefu-events-abcdefgh.cn-hangzhou.fcapp.run',
    domainPrefix: 'kefu-events-abcdefgh',
    http: {
      method: 'GET',
      path: '/v1/conversations/c_01J8ZK/events',
      protocol: 'HTTP/1.1',
      sourceIp: '42.120.74.88',
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AlipayClient/10.5.36',
    },
    requestId: '1-6540f1a2-0b5e6f1d2c3a4b5c6d7e8f90',
    time: '2025-03-14T06:41:11Z',
    timeEpoch: '1741934471895',
  },
};

const messageJson = JSON.stringify({ clientMsgId: 'm-1', type: 'text', text: '我的订单 2024031512345678 转账没到账,怎么办?' });

function postMessage(body: string, isBase64Encoded: boolean, contentType = 'application/json; charset=utf-8'): FcHttpEvent {
  return {
    version: 'v1',
    rawPath: '/v1/conversations/c_01J8ZK/messages',
    body,
    isBase64Encoded,
    headers: { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(messageJson)), 'User-Agent': 'AlipayClient/10.5.36' },
    queryParameters: {},
    requestContext: {
      accountId: '1234567890123456',
      domainName: 'kefu-message-ijklmnop.cn-hangzhou.fcapp.run',
      domainPrefix: 'kefu-message-ijklmnop',
      http: { method: 'POST', path: '/v1/conversations/c_01J8ZK/messages', protocol: 'HTTP/1.1', sourceIp: '42.120.74.88', userAgent: 'AlipayClient/10.5.36' },
      requestId: '1-6540f1a3-1c2d3e4f5a6b7c8d9e0f1a2b',
      time: '2025-03-14T06:41:12Z',
      timeEpoch: '1741934472001',
    },
  };
}

function get(rawPath: string, overrides: Partial<FcHttpEvent> = {}): FcHttpEvent {
  return { ...getEvents, rawPath, queryParameters: {}, requestContext: { ...getEvents.requestContext, http: { ...getEvents.requestContext.http, path: rawPath } }, ...overrides };
}

// The PNG signature and the start of an IHDR chunk: not valid UTF-8 (0x89 cannot start a sequence).
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8]);

interface Echo {
  method: string;
  url: string;
  query: Record<string, string[]>;
  lang: string | null;
  trace: string | null;
  auth: string | null;
  requestId: string | null;
  body: string | null;
}

let calls = 0;
const app = new Hono();
app.all('/v1/*', async (c) => {
  calls += 1;
  const echo: Echo = {
    method: c.req.method,
    url: c.req.url,
    query: c.req.queries(),
    lang: c.req.header('accept-language') ?? null,
    trace: c.req.header('x-kefu-trace') ?? null,
    auth: c.req.header('authorization') ?? null,
    requestId: c.req.header('x-fc-request-id') ?? null,
    body: c.req.method === 'GET' || c.req.method === 'HEAD' ? null : await c.req.text(),
  };
  return c.json(echo);
});
app.get('/assets/avatar.png', () => new Response(png, { headers: { 'content-type': 'image/png', 'cache-control': 'max-age=3600' } }));
app.get('/assets/untyped', () => new Response(png));
app.get('/assets/untyped-text', () => new Response(new TextEncoder().encode('纯文本')));
app.get('/assets/ascii.bin', () => new Response('ABC', { headers: { 'content-type': 'application/octet-stream' } }));
app.get('/assets/zipped.json', () => new Response(gzipSync(messageJson), { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }));
app.get('/faq', (c) => c.json({ answer: '花呗还款日可在"我的-花呗"中查看', score: 0.92 }, 201, { 'x-kefu-faq': 'hit' }));
app.get('/session', (c) => {
  c.header('set-cookie', 'kf_sid=abc123; Path=/; HttpOnly; Secure', { append: true });
  c.header('set-cookie', 'kf_lang=zh-CN; Path=/; Max-Age=31536000', { append: true });
  return c.text('ok');
});
const handler = fcHandler(app);

function echoOf(result: FcHttpResult): Echo {
  expect(result.isBase64Encoded).toBe(false);
  return JSON.parse(result.body) as Echo;
}

describe('fcHandler: FC 3.0 HTTP-trigger event -> Request', () => {
  it('maps a GET with query parameters and headers; the JSON answer comes back as text', async () => {
    const result = await handler(Buffer.from(JSON.stringify(getEvents)));
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    const echo = echoOf(result);
    expect(echo.method).toBe('GET');
    // No Host header in FC events: the origin comes from requestContext.domainName.
    expect(echo.url).toBe(
      'https://kefu-events-abcdefgh.cn-hangzhou.fcapp.run/v1/conversations/c_01J8ZK/events?after=42&q=%E9%80%80%E6%AC%BE%E6%B2%A1%E5%88%B0%E8%B4%A6&status=queued%2Cassigned',
    );
    expect(echo.query).toEqual({ after: ['42'], q: ['退款没到账'], status: ['queued,assigned'] });
    expect(echo).toMatchObject({ lang: 'zh-CN,zh;q=0.9,en;q=0.8', trace: 'a,b', auth: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig' });
    expect(echo.requestId).toBe('1-6540f1a2-0b5e6f1d2c3a4b5c6d7e8f90');
    expect(echo.body).toBeNull();
  });

  it('turns array values (hand-written events) into repeated query keys and headers', async () => {
    const echo = echoOf(await handler(get('/v1/echo', { queryParameters: { tag: ['退款', '投诉'] }, headers: { 'X-Kefu-Trace': ['a', 'b'] } })));
    expect(echo.query).toEqual({ tag: ['退款', '投诉'] });
    expect(echo.trace).toBe('a, b');
  });

  it('prefers a valid Host header (custom domain) and keeps the origin fixed whatever the path', async () => {
    const custom = echoOf(await handler(get('/v1/echo', { headers: { Host: 'kefu.example.com' } })));
    expect(custom.url).toBe('https://kefu.example.com/v1/echo');
    const junkHost = echoOf(await handler(get('/v1/echo', { headers: { Host: 'evil.com/steal?' } })));
    expect(new URL(junkHost.url).host).toBe('kefu-events-abcdefgh.cn-hangzhou.fcapp.run');
    // Hono would not route `//evil.com/...`; a bare fetch shows the URL the adapter built.
    const seen: string[] = [];
    const bare = fcHandler({
      fetch: (req) => {
        seen.push(req.url);
        return new Response(null, { status: 204 });
      },
    });
    await bare(get('//evil.com/v1/echo'));
    expect(seen).toEqual(['https://kefu-events-abcdefgh.cn-hangzhou.fcapp.run//evil.com/v1/echo']);
  });

  it('keeps an x-fc-request-id the client sent, and falls back to the context id when the event has none', async () => {
    const sent = echoOf(await handler(get('/v1/echo', { headers: { 'X-Fc-Request-Id': 'client-7' } })));
    expect(sent.requestId).toBe('client-7');
    const { requestId: _dropped, ...withoutId } = getEvents.requestContext;
    const fromContext = echoOf(await handler({ ...getEvents, requestContext: withoutId }, { requestId: '1-ctx-42' }));
    expect(fromContext.requestId).toBe('1-ctx-42');
  });

  it('uses the decoded requestContext.http.path, re-encoded, when rawPath is absent', async () => {
    const { rawPath: _dropped, ...event } = get('/v1/常见问题');
    const echo = echoOf(await handler(event));
    expect(new URL(echo.url).pathname).toBe('/v1/%E5%B8%B8%E8%A7%81%E9%97%AE%E9%A2%98');
  });

  it('decodes a base64 body (UTF-8 Chinese JSON) byte for byte', async () => {
    const event = postMessage(Buffer.from(messageJson, 'utf8').toString('base64'), true);
    const echo = echoOf(await handler(Buffer.from(JSON.stringify(event))));
    expect(echo.method).toBe('POST');
    expect(echo.body).toBe(messageJson);
    expect(echo.requestId).toBe('1-6540f1a3-1c2d3e4f5a6b7c8d9e0f1a2b');
  });

  it('passes a plain (not base64) body through as UTF-8', async () => {
    const echo = echoOf(await handler(JSON.stringify(postMessage(messageJson, false))));
    expect(echo.body).toBe(messageJson);
    const form = echoOf(await handler(postMessage('text=%E4%BD%A0%E5%A5%BD&type=text', false, 'application/x-www-form-urlencoded')));
    expect(form.body).toBe('text=%E4%BD%A0%E5%A5%BD&type=text');
  });

  it('gives the same answer for a Buffer, a JSON string and an object', async () => {
    const fromBuffer = await handler(Buffer.from(JSON.stringify(getEvents)));
    const fromString = await handler(JSON.stringify(getEvents));
    const fromObject = await handler(getEvents);
    expect(fromString).toEqual(fromBuffer);
    expect(fromObject).toEqual(fromBuffer);
    expect(echoOf(fromObject).url).toContain('/v1/conversations/c_01J8ZK/events?after=42');
  });
});

describe('fcHandler: Response -> FC result', () => {
  it('returns a PNG base64-encoded and it round-trips byte for byte', async () => {
    const result = await handler(get('/assets/avatar.png'));
    expect(result.isBase64Encoded).toBe(true);
    expect(Buffer.from(result.body, 'base64').equals(png)).toBe(true);
    expect(result.headers).toMatchObject({ 'content-type': 'image/png', 'cache-control': 'max-age=3600' });
  });

  it('returns JSON with Chinese text as a UTF-8 string, with status and headers', async () => {
    const result = await handler(get('/faq'));
    expect(result).toMatchObject({ statusCode: 201, isBase64Encoded: false });
    expect(result.headers['x-kefu-faq']).toBe('hit');
    expect(JSON.parse(result.body)).toEqual({ answer: '花呗还款日可在"我的-花呗"中查看', score: 0.92 });
  });

  it('base64-encodes untyped bytes that are not UTF-8, keeps untyped UTF-8 as text', async () => {
    const binary = await handler(get('/assets/untyped'));
    expect(binary.isBase64Encoded).toBe(true);
    expect(Buffer.from(binary.body, 'base64').equals(png)).toBe(true);
    const text = await handler(get('/assets/untyped-text'));
    expect(text).toMatchObject({ isBase64Encoded: false, body: '纯文本' });
  });

  it('base64-encodes octet-stream even when the bytes are ASCII, and any compressed body', async () => {
    const ascii = await handler(get('/assets/ascii.bin'));
    expect(ascii).toMatchObject({ isBase64Encoded: true, body: Buffer.from('ABC').toString('base64') });
    const zipped = await handler(get('/assets/zipped.json'));
    expect(zipped.isBase64Encoded).toBe(true);
    expect(zipped.headers['content-encoding']).toBe('gzip');
  });

  it('keeps every set-cookie value whole', async () => {
    const result = await handler(get('/session'));
    expect(result.headers['set-cookie']).toBe('kf_sid=abc123; Path=/; HttpOnly; Secure, kf_lang=zh-CN; Path=/; Max-Age=31536000');
    expect(result.body).toBe('ok');
  });

  it('works with any object that has fetch, not only Hono', async () => {
    const plain = fcHandler({ fetch: (req) => new Response(`${req.method} ${new URL(req.url).pathname}`, { status: 202, headers: { 'content-type': 'text/plain; charset=utf-8' } }) });
    expect(await plain(get('/ping'))).toEqual({
      statusCode: 202,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'GET /ping',
      isBase64Encoded: false,
    });
  });
});

describe('fcHandler: malformed events', () => {
  const { http: _http, ...contextWithoutHttp } = getEvents.requestContext;
  it.each<[string, Buffer | string | object, string]>([
    ['not JSON', Buffer.from('{"version":"v1",'), 'not JSON'],
    ['JSON but not an object', '[1,2,3]', 'not a JSON object'],
    ['no requestContext.http', { ...getEvents, requestContext: contextWithoutHttp }, 'requestContext.http.method'],
    ['no method', { ...getEvents, requestContext: { ...getEvents.requestContext, http: { path: '/v1/echo' } } }, 'requestContext.http.method'],
    ['a method with spaces', { ...getEvents, requestContext: { ...getEvents.requestContext, http: { method: 'GET /x' } } }, 'requestContext.http.method'],
    ['no path at all', { ...getEvents, rawPath: undefined, requestContext: { ...getEvents.requestContext, http: { method: 'GET' } } }, 'rawPath'],
    ['bad base64', postMessage('6L2s6LSm5rKh5Yiw6LSm!!', true), 'base64'],
    ['base64 of the wrong length', postMessage('6L2s6LSm5', true), 'base64'],
    ['GET with a body', get('/v1/echo', { body: '{"text":"hi"}' }), 'GET'],
    ['a header that is a number', { ...getEvents, headers: { 'Content-Length': 12 } }, 'headers'],
    ['a header value with a newline', { ...getEvents, headers: { 'X-Kefu-Trace': 'a\r\nSet-Cookie: x=1' } }, 'headers'],
    ['a body that is an object', { ...postMessage('', false), body: { text: 'hi' } }, 'body'],
  ])('answers %s with 400 MALFORMED_EVENT and never calls the app', async (_name, raw, reasonPart) => {
    const before = calls;
    const result = await handler(raw, { requestId: '1-ctx-malformed' });
    expect(calls).toBe(before);
    expect(result.statusCode).toBe(400);
    expect(result.isBase64Encoded).toBe(false);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(result.body) as { code: string; message: string; requestId: string };
    expect(body.code).toBe('MALFORMED_EVENT');
    expect(body.message).toContain('函数计算事件格式错误');
    expect(body.message).toContain(reasonPart);
    // The event's own id when it could be read, else the one from FC's context.
    expect(['1-ctx-malformed', '1-6540f1a2-0b5e6f1d2c3a4b5c6d7e8f90', '1-6540f1a3-1c2d3e4f5a6b7c8d9e0f1a2b']).toContain(body.requestId);
  });

  it('reports the id from the context when the event cannot even be parsed', async () => {
    const result = await handler('not json at all', { requestId: '1-ctx-unparsed' });
    expect(JSON.parse(result.body)).toEqual({ code: 'MALFORMED_EVENT', message: '函数计算事件格式错误: event is not JSON', requestId: '1-ctx-unparsed' });
  });
});
