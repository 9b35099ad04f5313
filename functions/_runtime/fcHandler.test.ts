import { Hono } from 'hono';
import { fcHandler } from './fcHandler';
import type { FcHttpEvent } from './FcHttpEvent';

/** A complete event as the FC 3.0 documentation shows it, with overrides. */
function event(overrides: Partial<FcHttpEvent> & { method?: string } = {}): FcHttpEvent {
  const { method = 'GET', ...rest } = overrides;
  return {
    version: 'v1',
    rawPath: '/v1/echo',
    body: '',
    isBase64Encoded: false,
    headers: { 'Accept-Language': 'zh-CN,zh;q=0.9', 'User-Agent': 'AlipayClient/10.5', Host: 'kefu-abc.cn-hangzhou.fcapp.run' },
    queryParameters: {},
    requestContext: {
      accountId: '123456789',
      domainName: 'kefu-abc.cn-hangzhou.fcapp.run',
      domainPrefix: 'kefu-abc',
      http: { method, path: '/v1/echo', protocol: 'HTTP/1.1', sourceIp: '11.11.11.11', userAgent: 'AlipayClient/10.5' },
      requestId: '1-64f6cd87-abcdef',
      time: '2026-11-24T06:41:11Z',
      timeEpoch: '1795000000000',
    },
    ...rest,
  };
}

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]);

const app = new Hono();
app.all('/v1/echo', async (c) =>
  c.json({
    method: c.req.method,
    url: c.req.url,
    query: c.req.queries(),
    lang: c.req.header('accept-language'),
    requestId: c.req.header('x-fc-request-id'),
    body: c.req.method === 'GET' ? null : await c.req.text(),
  }),
);
app.get('/v1/image', () => new Response(png, { headers: { 'content-type': 'image/png' } }));
app.get('/v1/cookies', (c) => {
  c.header('set-cookie', 'a=1; Path=/', { append: true });
  c.header('set-cookie', 'b=2; Path=/', { append: true });
  return c.text('ok');
});
const handler = fcHandler(app);

describe('fcHandler (FC 3.0 HTTP trigger)', () => {
  it('maps a GET with query parameters and headers to a Request, and JSON back as text', async () => {
    const result = await handler(Buffer.from(JSON.stringify(event({ queryParameters: { after: '3', q: '退款' } }))));
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(false);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(result.body) as Record<string, unknown>;
    expect(body).toMatchObject({ method: 'GET', lang: 'zh-CN,zh;q=0.9', requestId: '1-64f6cd87-abcdef', body: null });
    expect(body['query']).toEqual({ after: ['3'], q: ['退款'] });
    expect(body['url']).toBe('https://kefu-abc.cn-hangzhou.fcapp.run/v1/echo?after=3&q=%E9%80%80%E6%AC%BE');
  });

  it('decodes a base64 body (UTF-8 Chinese JSON) and passes a plain body as is', async () => {
    const json = JSON.stringify({ text: '转账没到账' });
    const b64 = await handler(event({ method: 'POST', body: Buffer.from(json).toString('base64'), isBase64Encoded: true, headers: { 'content-type': 'application/json' } }));
    expect((JSON.parse(b64.body) as { body: string }).body).toBe(json);
    const plain = await handler(JSON.stringify(event({ method: 'POST', body: json })));
    expect((JSON.parse(plain.body) as { body: string }).body).toBe(json);
  });

  it('returns a binary response base64-encoded, byte for byte', async () => {
    const result = await handler(event({ rawPath: '/v1/image' }));
    expect(result.isBase64Encoded).toBe(true);
    expect(Buffer.from(result.body, 'base64').equals(png)).toBe(true);
    expect(result.headers['content-type']).toBe('image/png');
  });

  it('keeps every set-cookie value', async () => {
    const result = await handler(event({ rawPath: '/v1/cookies' }));
    expect(result.headers['set-cookie']).toContain('a=1; Path=/');
    expect(result.headers['set-cookie']).toContain('b=2; Path=/');
  });

  it('uses the context request id when the event has none', async () => {
    const e = event();
    const { requestId: _drop, ...ctx } = e.requestContext;
    const result = await handler({ ...e, requestContext: ctx }, { requestId: 'ctx-42' });
    expect((JSON.parse(result.body) as { requestId: string }).requestId).toBe('ctx-42');
  });

  it.each([
    ['not JSON', Buffer.from('{nope')],
    ['not an object', '42'],
    ['no method', { ...event(), requestContext: { http: {} } }],
    ['no rawPath', { ...event(), rawPath: undefined }],
    ['bad base64', event({ method: 'POST', body: '@@@not base64@@@', isBase64Encoded: true })],
    ['GET with a body', event({ body: 'hello' })],
    ['non-string header', { ...event(), headers: { a: 1 } }],
  ])('answers a malformed event (%s) with 400 MALFORMED_EVENT', async (_name, raw) => {
    const result = await handler(raw, { requestId: 'ctx-1' });
    expect(result.statusCode).toBe(400);
    expect(result.isBase64Encoded).toBe(false);
    const body = JSON.parse(result.body) as Record<string, unknown>;
    expect(body['code']).toBe('MALFORMED_EVENT');
    expect(typeof body['message']).toBe('string');
    expect(typeof body['requestId']).toBe('string');
  });
});
