import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo, LookupFunction } from 'node:net';
import { GuardedFetcher, checkMerchantUrl } from '../../shared/net';
import { isKefuError } from '../../shared/errors';
import { loadConfig } from '../../shared/config';
import { startTestServer, staffLogin, type TestServer } from '../helpers/testServer';

const secret = 'merchant-shared-secret-made-for-this-test-run';

/** A resolver that answers every name with the given addresses, as a hostile DNS would. */
function resolveTo(...addresses: string[]): LookupFunction {
  return ((_host: string, options: { all?: boolean }, cb: (...a: unknown[]) => void) => {
    const list = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (options.all) cb(null, list);
    else cb(null, list[0]!.address, list[0]!.family);
  }) as unknown as LookupFunction;
}

/** What the fetch rejected with: its catalogue code and details. */
async function refusal(p: Promise<unknown>): Promise<{ code: string; reason?: unknown }> {
  try {
    await p;
  } catch (err) {
    if (isKefuError(err)) return { code: err.code, ...(err.details?.['reason'] !== undefined ? { reason: err.details['reason'] } : {}) };
    throw err;
  }
  throw new Error('the fetch was not refused');
}

/** A stand-in merchant on 127.0.0.1 with one route per hostile behaviour. */
function hostileMerchant(state: { hits: string[]; bigBytesSent: number; bigClosedEarly: boolean }) {
  return http.createServer((req, res) => {
    state.hits.push(`${req.headers.host} ${req.url}`);
    // Routed by the first path segment, so `{url}/customers/{id}` of the panel lands here too.
    switch (`/${(req.url ?? '').split(/[/?]/)[1] ?? ''}`) {
      case '/ok':
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ host: req.headers.host }));
        return;
      case '/redirect':
        res.writeHead(302, { location: `http://127.0.0.1:${(req.socket.address() as AddressInfo).port}/secret` }).end();
        return;
      case '/html':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>{}</html>');
        return;
      case '/declared-big':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(5 * 1024 * 1024) });
        res.write('[');
        return;
      case '/error':
        res.writeHead(500, { 'content-type': 'application/json' }).end('{}');
        return;
      case '/stall':
        return; // never answers
      case '/big': {
        // 5 MB of JSON, streamed in 64 KB pieces with a pause between them, so what the server
        // managed to send before Kefu hung up says how far Kefu read.
        res.writeHead(200, { 'content-type': 'application/json' });
        const piece = Buffer.alloc(64 * 1024, 0x20);
        res.write('[');
        state.bigBytesSent = 1;
        res.on('close', () => (state.bigClosedEarly = state.bigBytesSent < 5 * 1024 * 1024));
        const timer = setInterval(() => {
          if (res.destroyed || state.bigBytesSent >= 5 * 1024 * 1024) {
            clearInterval(timer);
            if (!res.destroyed) res.end(']');
            return;
          }
          res.write(piece);
          state.bigBytesSent += piece.length;
        }, 3);
        return;
      }
      default:
        res.writeHead(404).end();
    }
  });
}

async function listenHostileMerchant(state: Parameters<typeof hostileMerchant>[0]): Promise<{ merchant: http.Server; port: number }> {
  const merchant = hostileMerchant(state);
  await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
  return { merchant, port: (merchant.address() as AddressInfo).port };
}

async function closeMerchant(merchant: http.Server): Promise<void> {
  merchant.closeAllConnections();
  await new Promise((r) => merchant.close(r));
}

describe('merchant URLs at save time: PUT /v1/merchant/customer-api refuses every SSRF form', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ KEFU_OCR: 'off' });
  });
  afterAll(() => server.stop());

  const refused = [
    'http://api.merchant.example/kefu',
    'https://127.0.0.1/kefu',
    'https://2130706433/kefu',
    'https://0x7f000001/kefu',
    'https://0177.0.0.1/kefu',
    'https://127.1/kefu',
    'https://0.0.0.0/kefu',
    'https://10.0.0.8/kefu',
    'https://169.254.169.254/latest/meta-data',
    'https://[::1]/kefu',
    'https://[::ffff:127.0.0.1]/kefu',
    'https://[fd00:ec2::254]/kefu',
    'https://localhost/kefu',
    'https://LOCALHOST./kefu',
    'https://api.localhost/kefu',
    'https://metadata.google.internal/kefu',
    'https://intranet/kefu',
    'https://user:pass@api.merchant.example/kefu',
    'https://api.merchant.example@127.0.0.1/kefu',
    'https://api.merchant.example/kefu#',
    'https://api.merchant.example/kefu?cut=',
    'https://api.merchant.example\\@127.0.0.1/kefu',
  ];

  it.each(refused)('refuses %s with 400 MERCHANT_URL_INVALID', async (url) => {
    const admin = await staffLogin(server, 'admin');
    const res = await server.call('PUT', '/v1/merchant/customer-api', { token: admin, body: { url, secret } });
    expect({ status: res.status, code: res.json['code'] }).toEqual({ status: 400, code: 'MERCHANT_URL_INVALID' });
    expect(await server.deps.store.tenant('demo').get('merchantConfig', ['customerApi'])).toBeUndefined();
  });

  it('accepts an https URL on a public name, normalised', async () => {
    const admin = await staffLogin(server, 'admin');
    const res = await server.call('PUT', '/v1/merchant/customer-api', { token: admin, body: { url: 'https://API.Merchant.example:8443/kefu', secret } });
    expect(res.json).toEqual({ url: 'https://api.merchant.example:8443/kefu' });
  });

  it('lets the explicit dev switch allow http and loopback only', () => {
    const local = { allowLocal: true };
    expect(checkMerchantUrl('http://127.0.0.1:8080/kefu', local).host).toBe('127.0.0.1:8080');
    expect(checkMerchantUrl('http://localhost:8080/kefu', local).hostname).toBe('localhost');
    for (const url of ['http://10.0.0.8/kefu', 'https://169.254.169.254/', 'http://127.0.0.1/kefu#x', 'http://127.0.0.1/kefu?x', 'http://u@127.0.0.1/']) {
      let code: unknown;
      try {
        checkMerchantUrl(url, local);
      } catch (err) {
        code = isKefuError(err) ? err.code : err;
      }
      expect({ url, code }).toEqual({ url, code: 'MERCHANT_URL_INVALID' });
    }
  });

  it('never lets production turn the dev switch on', () => {
    let code: unknown;
    try {
      loadConfig({}, { NODE_ENV: 'production', KEFU_TOKEN_SECRET: 'x'.repeat(40), KEFU_MERCHANT_URL_ALLOW_LOCAL: 'true' });
    } catch (err) {
      code = isKefuError(err) ? [err.code, err.details?.['key']] : err;
    }
    expect(code).toEqual(['CONFIG_INVALID', 'KEFU_MERCHANT_URL_ALLOW_LOCAL']);
    expect(loadConfig({}, {}).merchantUrlAllowLocal).toBe(false);
  });

  it('shows 暂无数据 rather than an error when a stored URL is refused at fetch time', async () => {
    // As if saved before the check existed: the fetch-time guard must refuse it on its own.
    await server.deps.store.tenant('demo').put('merchantConfig', ['customerApi'], { url: 'https://2130706433/kefu', secret });
    const agent = await staffLogin(server, 'xiaowang');
    const res = await server.call('GET', '/v1/agent/customers/u020', { token: agent });
    expect({ status: res.status, json: res.json }).toEqual({ status: 200, json: { available: false } });
  });
});

describe('merchant URLs at fetch time: GuardedFetcher', () => {
  let merchant: http.Server;
  let port: number;
  const state = { hits: [] as string[], bigBytesSent: 0, bigClosedEarly: false };

  beforeAll(async () => {
    ({ merchant, port } = await listenHostileMerchant(state));
  });
  afterAll(async () => {
    await closeMerchant(merchant);
  });
  beforeEach(() => (state.hits = []));

  it.each([
    ['127.0.0.1'],
    ['169.254.169.254'],
    ['::ffff:127.0.0.1'],
    ['::ffff:169.254.169.254'],
    ['fd00:ec2::254'],
    ['::1'],
    ['0.0.0.0'],
    ['10.1.2.3'],
    ['172.16.5.4'],
    ['192.168.1.1'],
    ['100.64.0.1'],
    ['224.0.0.1'],
    ['fe80::1'],
    ['fc00::1'],
  ])('refuses a public-looking name that resolves to %s', async (address) => {
    const fetcher = new GuardedFetcher({ lookup: resolveTo(address) });
    expect(await refusal(fetcher.getJson(`https://api.merchant.example:${port}/ok`))).toEqual({ code: 'OUTBOUND_URL_REFUSED', reason: 'address' });
    expect(state.hits).toEqual([]);
  });

  it('refuses a name when any one of its addresses is refused', async () => {
    const fetcher = new GuardedFetcher({ lookup: resolveTo('93.184.215.14', '127.0.0.1') });
    expect(await refusal(fetcher.getJson(`https://api.merchant.example:${port}/ok`))).toEqual({ code: 'OUTBOUND_URL_REFUSED', reason: 'address' });
  });

  it.each(['https://2130706433', 'https://0x7f000001', 'https://127.1', 'https://0.0.0.0', 'https://[::ffff:7f00:1]'])('refuses the IP literal %s without a resolver', async (origin) => {
    expect(await refusal(new GuardedFetcher().getJson(`${origin}:${port}/ok`))).toEqual({ code: 'OUTBOUND_URL_REFUSED', reason: 'address' });
  });

  it('refuses http and userinfo outside the dev switch', async () => {
    expect(await refusal(new GuardedFetcher().getJson('http://api.merchant.example/ok'))).toEqual({ code: 'OUTBOUND_URL_REFUSED', reason: 'scheme' });
    expect(await refusal(new GuardedFetcher().getJson('https://u:p@api.merchant.example/ok'))).toEqual({ code: 'OUTBOUND_URL_REFUSED', reason: 'userinfo' });
  });

  it('with the dev switch, connects to the checked loopback address with the name as Host; metadata stays refused', async () => {
    const fetcher = new GuardedFetcher({ allowLocal: true, lookup: resolveTo('127.0.0.1') });
    expect(await fetcher.getJson(`http://api.merchant.example:${port}/ok`)).toEqual({ host: `api.merchant.example:${port}` });
    for (const address of ['169.254.169.254', '::ffff:127.0.0.1', '10.0.0.8']) {
      expect(await refusal(new GuardedFetcher({ allowLocal: true, lookup: resolveTo(address) }).getJson(`http://api.merchant.example:${port}/ok`))).toEqual({ code: 'OUTBOUND_URL_REFUSED', reason: 'address' });
    }
  });

  it('over https (the production path), connects to the checked address with the name as SNI and Host, and verifies the certificate', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=api.merchant.example', '-addext', 'subjectAltName=DNS:api.merchant.example'], { stdio: 'ignore' });
      const cert = readFileSync(path.join(dir, 'cert.pem'));
      const tls = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert }, (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sni: (req.socket as TLSSocket).servername, host: req.headers.host }));
      });
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      const tlsPort = (tls.address() as AddressInfo).port;
      try {
        const url = `https://api.merchant.example:${tlsPort}/ok`;
        // Loopback is allowed here only through the dev switch; without it the same call is refused.
        expect(await new GuardedFetcher({ allowLocal: true, lookup: resolveTo('127.0.0.1'), ca: cert }).getJson(url)).toEqual({ sni: 'api.merchant.example', host: `api.merchant.example:${tlsPort}` });
        expect(await refusal(new GuardedFetcher({ lookup: resolveTo('127.0.0.1'), ca: cert }).getJson(url))).toEqual({ code: 'OUTBOUND_URL_REFUSED', reason: 'address' });
        // Node's own trust store: a self-signed merchant is not trusted.
        expect(await refusal(new GuardedFetcher({ allowLocal: true, lookup: resolveTo('127.0.0.1') }).getJson(url))).toEqual({ code: 'OUTBOUND_UNREACHABLE', reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      } finally {
        tls.closeAllConnections();
        await new Promise((r) => tls.close(r));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not follow a redirect (to loopback or anywhere)', async () => {
    const fetcher = new GuardedFetcher({ allowLocal: true });
    expect(await refusal(fetcher.getJson(`http://127.0.0.1:${port}/redirect`))).toEqual({ code: 'OUTBOUND_REDIRECT_REFUSED' });
    expect(state.hits).toEqual([`127.0.0.1:${port} /redirect`]);
  });

  it('cuts a 5 MB answer at 1 MB', async () => {
    const fetcher = new GuardedFetcher({ allowLocal: true });
    expect(await refusal(fetcher.getJson(`http://127.0.0.1:${port}/big`))).toEqual({ code: 'OUTBOUND_RESPONSE_TOO_LARGE' });
    await new Promise((r) => setTimeout(r, 100));
    // Kefu hung up: the server never got to send the rest.
    expect(state.bigClosedEarly).toBe(true);
    expect(state.bigBytesSent).toBeLessThan(3 * 1024 * 1024);
    expect(await refusal(fetcher.getJson(`http://127.0.0.1:${port}/declared-big`))).toEqual({ code: 'OUTBOUND_RESPONSE_TOO_LARGE' });
  });

  it('refuses a non-JSON content type, an error status and a stalled answer (timeout)', async () => {
    const fetcher = new GuardedFetcher({ allowLocal: true, timeoutMs: 300 });
    expect(await refusal(fetcher.getJson(`http://127.0.0.1:${port}/html`))).toEqual({ code: 'OUTBOUND_NOT_JSON' });
    expect(await refusal(fetcher.getJson(`http://127.0.0.1:${port}/error`))).toEqual({ code: 'OUTBOUND_HTTP_ERROR' });
    const started = Date.now();
    expect(await refusal(fetcher.getJson(`http://127.0.0.1:${port}/stall`))).toEqual({ code: 'OUTBOUND_UNREACHABLE', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('the customer panel when the merchant misbehaves (dev switch on)', () => {
  let server: TestServer;
  let merchant: http.Server;
  let port: number;
  const state = { hits: [] as string[], bigBytesSent: 0, bigClosedEarly: false };
  beforeAll(async () => {
    server = await startTestServer({ KEFU_OCR: 'off', KEFU_MERCHANT_URL_ALLOW_LOCAL: 'true' });
    ({ merchant, port } = await listenHostileMerchant(state));
  });
  afterAll(async () => {
    await closeMerchant(merchant);
    await server.stop();
  });

  it.each(['redirect', 'html', 'big'])('shows 暂无数据 when the merchant answers %s', async (route) => {
    const admin = await staffLogin(server, 'admin');
    // The record is read from {url}/customers/{id}; a prefix that routes to the hostile answers.
    const put = await server.call('PUT', '/v1/merchant/customer-api', { token: admin, body: { url: `http://127.0.0.1:${port}/${route}`, secret } });
    expect(put.status).toBe(200);
    const agent = await staffLogin(server, 'xiaowang');
    const res = await server.call('GET', '/v1/agent/customers/u020', { token: agent });
    expect({ status: res.status, json: res.json }).toEqual({ status: 200, json: { available: false } });
    expect(state.hits.some((h) => h.includes(`/${route}/customers/u020`))).toBe(true);
  });
});
