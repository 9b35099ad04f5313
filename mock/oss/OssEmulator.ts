import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';

export interface OssEmulatorOptions {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly bucket: string;
  readonly clock?: () => number;
}

/**
 * A local stand-in for Alibaba Cloud OSS, for the object calls Kefu makes (PutObject, GetObject,
 * DeleteObject): it checks the V1 signature the SDK sends (`Authorization: OSS <id>:<signature>`,
 * HMAC-SHA1 over verb, Content-MD5, Content-Type, date, x-oss-* headers and `/bucket/object`), the
 * request time (15 minutes of skew at most) and Content-MD5, and answers OSS's XML errors
 * (SignatureDoesNotMatch, InvalidAccessKeyId, RequestTimeTooSkewed, NoSuchKey, NoSuchBucket,
 * InvalidDigest). Virtual-host requests (`<bucket>.oss-<region>.aliyuncs.com`) and path-style both work.
 */
export class OssEmulator {
  readonly app = new Hono();
  readonly objects = new Map<string, { bytes: Uint8Array; type: string }>();
  private readonly clock: () => number;

  constructor(readonly options: OssEmulatorOptions) {
    this.clock = options.clock ?? Date.now;
    this.app.all('*', (c) => this.handle(c));
  }

  private error(c: Context, status: 400 | 403 | 404, code: string, message: string) {
    c.header('content-type', 'application/xml');
    c.header('x-oss-request-id', randomUUID());
    return c.body(`<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${message}</Message>\n  <RequestId>${randomUUID()}</RequestId>\n  <HostId>${this.options.bucket}.oss-cn-hangzhou.aliyuncs.com</HostId>\n</Error>`, status);
  }

  private async handle(c: Context) {
    const url = new URL(c.req.url);
    const host = c.req.header('host') ?? '';
    let bucket: string;
    let object: string;
    if (/\.aliyuncs\.com$/.test(host)) {
      bucket = host.split('.')[0]!;
      object = decodeURIComponent(url.pathname.slice(1));
    } else {
      const [first, ...rest] = url.pathname.slice(1).split('/');
      bucket = first ?? '';
      object = decodeURIComponent(rest.join('/'));
    }
    const auth = /^OSS ([^:]+):(.+)$/.exec(c.req.header('authorization') ?? '');
    if (!auth) return this.error(c, 403, 'AccessDenied', 'Anonymous access is forbidden for this operation.');
    if (auth[1] !== this.options.accessKeyId) return this.error(c, 403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.');
    const date = c.req.header('x-oss-date') ?? c.req.header('date') ?? '';
    const ossHeaders = [...c.req.raw.headers.entries()]
      .filter(([k]) => k.startsWith('x-oss-'))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}:${v.trim()}`);
    const canonical = [c.req.method, c.req.header('content-md5') ?? '', c.req.header('content-type') ?? '', date, ...ossHeaders, `/${bucket}/${object}`].join('\n');
    const expected = createHmac('sha1', this.options.accessKeySecret).update(canonical).digest('base64');
    if (auth[2] !== expected) return this.error(c, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    const at = Date.parse(date);
    if (!Number.isFinite(at) || Math.abs(this.clock() - at) > 15 * 60_000) return this.error(c, 403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
    if (bucket !== this.options.bucket) return this.error(c, 404, 'NoSuchBucket', 'The specified bucket does not exist.');
    const key = object;
    switch (c.req.method) {
      case 'PUT': {
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        const md5 = c.req.header('content-md5');
        if (md5 && md5 !== createHash('md5').update(bytes).digest('base64')) return this.error(c, 400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.');
        this.objects.set(key, { bytes, type: c.req.header('content-type') ?? 'application/octet-stream' });
        c.header('etag', `"${createHash('md5').update(bytes).digest('hex').toUpperCase()}"`);
        c.header('x-oss-request-id', randomUUID());
        return c.body(null, 200);
      }
      case 'GET': {
        const found = this.objects.get(key);
        if (!found) return this.error(c, 404, 'NoSuchKey', 'The specified key does not exist.');
        return c.body(Uint8Array.from(found.bytes), 200, { 'content-type': found.type, 'x-oss-request-id': randomUUID() });
      }
      case 'DELETE':
        this.objects.delete(key);
        return c.body(null, 204);
      default:
        return this.error(c, 400, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    }
  }
}

export async function startOssEmulator(o: OssEmulatorOptions): Promise<{ emulator: OssEmulator; url: string; close(): Promise<void> }> {
  const emulator = new OssEmulator(o);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: emulator.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  return { emulator, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}
