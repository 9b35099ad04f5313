import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { KefuError, isKefuError, type ErrorCode } from '../errors';

export interface GuardedFetcherOptions {
  /** Allow http and loopback (127.0.0.1, ::1) — KEFU_MERCHANT_URL_ALLOW_LOCAL, never in production. */
  readonly allowLocal?: boolean;
  /** The whole exchange, connect to last byte (default 3 s). */
  readonly timeoutMs?: number;
  /** The answer is read up to this many bytes, then the connection is dropped (default 1 MiB). */
  readonly maxBytes?: number;
  /** Name resolution (dns.lookup by default); tests map names to chosen addresses with it. */
  readonly lookup?: LookupFunction;
  /** Certificate authorities to trust instead of Node's (tests with a local https merchant). */
  readonly ca?: string | Buffer;
}

const LOOPBACK = ['127.0.0.1', '::1'];

/**
 * The one way Kefu calls a URL a merchant configured (customer-data API, later webhooks and order
 * APIs), built on Node's http/https with request-filtering-agent's agents rather than global fetch:
 * undici does not take an http.Agent, and the agent is where the check belongs. The agent checks
 * every address the host resolves to at connect time, inside the socket's own lookup, and the
 * socket then connects to one of those checked addresses, so there is no window for DNS rebinding;
 * Host and SNI stay the URL's name. Refused: loopback, private, link-local, CGNAT, 0.0.0.0/8,
 * multicast, broadcast, unique-local, IPv4-mapped IPv6 and every other non-unicast range of
 * ipaddr.js, which covers the metadata addresses 169.254.169.254 and fd00:ec2::254.
 * Redirects are never followed (a 3xx is OUTBOUND_REDIRECT_REFUSED), the answer must be
 * application/json, and it is streamed and dropped beyond `maxBytes`. Nothing asks for
 * compression, so the limit counts the bytes that are parsed.
 */
export class GuardedFetcher {
  readonly allowLocal: boolean;
  private readonly httpsAgent: https.Agent;
  private readonly httpAgent: http.Agent | undefined;
  private readonly lookup: LookupFunction;

  constructor(private readonly o: GuardedFetcherOptions = {}) {
    this.allowLocal = o.allowLocal ?? false;
    const filter = { allowIPAddressList: this.allowLocal ? LOOPBACK : [], allowPrivateIPAddress: false, allowMetaIPAddress: false };
    // No keep-alive: every request resolves and checks its host again.
    this.httpsAgent = new RequestFilteringHttpsAgent({ ...filter, keepAlive: false, ...(o.ca ? { ca: o.ca } : {}) });
    this.httpAgent = this.allowLocal ? new RequestFilteringHttpAgent({ ...filter, keepAlive: false }) : undefined;
    const resolve = o.lookup ?? dns.lookup;
    // Fails closed if a socket ever asks for a single address: one answer checked out of several
    // would let a name with both a public and a private address through.
    this.lookup = ((hostname: string, options: dns.LookupOptions, callback: (err: NodeJS.ErrnoException | null, ...rest: unknown[]) => void) => {
      if (!options.all) return callback(Object.assign(new Error(`DNS lookup of ${hostname} for one address is not allowed`), { code: 'ESINGLELOOKUP' }));
      resolve(hostname, options, callback);
    }) as LookupFunction;
  }

  /** GET the URL and parse the JSON answer; every failure is a KefuError with an OUTBOUND_* code. */
  getJson(target: string | URL, headers: Record<string, string> = {}): Promise<unknown> {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return Promise.reject(new KefuError('OUTBOUND_URL_REFUSED', undefined, { reason: 'unparsable' }));
    }
    const agent = url.protocol === 'https:' ? this.httpsAgent : url.protocol === 'http:' ? this.httpAgent : undefined;
    if (!agent) return Promise.reject(new KefuError('OUTBOUND_URL_REFUSED', undefined, { reason: 'scheme' }));
    if (url.username || url.password) return Promise.reject(new KefuError('OUTBOUND_URL_REFUSED', undefined, { reason: 'userinfo' }));
    const maxBytes = this.o.maxBytes ?? 1024 * 1024;
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (code: ErrorCode, details: Record<string, unknown>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req?.destroy();
        reject(new KefuError(code, undefined, details));
      };
      const failWith = (err: Error) => {
        if (isKefuError(err)) return fail(err.code, err.details ?? {});
        // request-filtering-agent's refusal: "DNS lookup <ip>(family:…, host:…) is not allowed…".
        if (/^DNS lookup .* is not allowed/.test(err.message)) return fail('OUTBOUND_URL_REFUSED', { reason: 'address' });
        fail('OUTBOUND_UNREACHABLE', { reason: (err as NodeJS.ErrnoException).code ?? 'network' });
      };
      const timer = setTimeout(() => fail('OUTBOUND_UNREACHABLE', { reason: 'timeout' }), this.o.timeoutMs ?? 3000);
      // autoSelectFamily makes the socket ask for every address of the name, so the agent refuses
      // the host when any of them is refused (Node's default, stated so a changed default cannot
      // weaken it); it reaches net.connect through the agent though @types/node does not list it.
      const options: http.RequestOptions & { autoSelectFamily: boolean } = {
        method: 'GET',
        agent,
        headers: { ...headers, accept: 'application/json', 'accept-encoding': 'identity' },
        autoSelectFamily: true,
        lookup: this.lookup,
      };
      let req: http.ClientRequest | undefined;
      try {
        // The agent refuses an IP-literal host synchronously, by throwing from here.
        req = client.request(url, options);
      } catch (err) {
        return failWith(err instanceof Error ? err : new Error(String(err)));
      }
      req.on('error', failWith);
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) return fail('OUTBOUND_REDIRECT_REFUSED', { status });
        if (status < 200 || status >= 300) return fail('OUTBOUND_HTTP_ERROR', { status });
        const type = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (type !== 'application/json') return fail('OUTBOUND_NOT_JSON', { contentType: type.slice(0, 100) });
        if (Number(res.headers['content-length'] ?? 0) > maxBytes) return fail('OUTBOUND_RESPONSE_TOO_LARGE', { maxBytes });
        const chunks: Buffer[] = [];
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > maxBytes) return fail('OUTBOUND_RESPONSE_TOO_LARGE', { maxBytes });
          chunks.push(chunk);
        });
        res.on('error', () => fail('OUTBOUND_UNREACHABLE', { reason: 'aborted' }));
        res.on('end', () => {
          if (settled) return;
          let body: unknown;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            return fail('OUTBOUND_NOT_JSON', { reason: 'unparsable' });
          }
          settled = true;
          clearTimeout(timer);
          resolve(body);
        });
      });
      req.end();
    });
  }
}
