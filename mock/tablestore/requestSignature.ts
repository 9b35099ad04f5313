import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { OtsError, invalid } from './OtsError';

const MAX_SKEW_MS = 15 * 60_000;

export interface ExpectedKeys {
  readonly instance: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

/**
 * Checks a request the way the service does: the `x-ots-*` headers, AccessKey, instance, STS token,
 * date skew (15 minutes), body MD5, and `x-ots-signature` (HMAC-SHA1 over path, method and the sorted
 * `x-ots-*` headers). `keys` is read on every call, so a caller may rotate what it accepts.
 */
export function checkSignature(c: Context, action: string, body: Buffer, keys: ExpectedKeys, now: number): void {
  const header = (name: string) => c.req.header(name);
  for (const name of ['x-ots-date', 'x-ots-apiversion', 'x-ots-accesskeyid', 'x-ots-contentmd5', 'x-ots-signature', 'x-ots-instancename']) {
    if (!header(name)) throw invalid(`Missing header: ${name}.`);
  }
  if (header('x-ots-apiversion') !== '2015-12-31') throw invalid(`Unsupported API version: ${header('x-ots-apiversion')}.`);
  if (header('x-ots-accesskeyid') !== keys.accessKeyId) throw new OtsError(403, 'OTSAuthFailed', 'The AccessKeyID does not exist.');
  if (header('x-ots-instancename') !== keys.instance) throw new OtsError(403, 'OTSAuthFailed', 'The instance is not found.');
  if (keys.securityToken !== undefined && header('x-ots-ststoken') !== keys.securityToken) {
    throw new OtsError(403, 'OTSAuthFailed', 'The security token you provided is invalid.');
  }
  const date = Date.parse(header('x-ots-date')!);
  if (Number.isNaN(date)) throw invalid(`Invalid date format: ${header('x-ots-date')}.`);
  if (Math.abs(now - date) > MAX_SKEW_MS) throw new OtsError(403, 'OTSAuthFailed', `Mismatch between system time and x-ots-date: ${header('x-ots-date')}.`);
  if (createHash('md5').update(body).digest('base64') !== header('x-ots-contentmd5')) {
    throw new OtsError(403, 'OTSAuthFailed', 'Mismatch between MD5 value of request body and x-ots-contentmd5 in header.');
  }
  const canonical = [...c.req.raw.headers.entries()]
    .filter(([k]) => k.startsWith('x-ots-') && k !== 'x-ots-signature')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}:${v.trim()}\n`)
    .join('');
  const expected = createHmac('sha1', keys.accessKeySecret).update(`/${action}\nPOST\n\n${canonical}`).digest();
  const given = Buffer.from(header('x-ots-signature')!, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new OtsError(403, 'OTSAuthFailed', 'Signature mismatch.');
}
