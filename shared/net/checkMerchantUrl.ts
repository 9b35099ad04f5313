import { isIP } from 'node:net';
import { KefuError } from '../errors';

export interface MerchantUrlPolicy {
  /**
   * A merchant stand-in on the developer's machine (KEFU_MERCHANT_URL_ALLOW_LOCAL): http, and the
   * loopback names `localhost`, `127.x.x.x`, `[::1]`. Every other address stays refused.
   */
  readonly allowLocal: boolean;
}

// Names that never denote a merchant's public API: the loopback name and suffixes reserved for
// hosts on the local network (RFC 6761, 6762, 8375) or commonly resolved to internal hosts.
const LOCAL_NAME = /(^|\.)(localhost|localdomain|local|internal|intranet|lan|home\.arpa)$/;

function refuse(reason: string): never {
  throw new KefuError('MERCHANT_URL_INVALID', undefined, { field: 'url', reason });
}

/**
 * The save-time check of a URL a merchant configures (customer-data API, later webhooks): https
 * on a public host name, nothing that could redirect Kefu's request elsewhere or cut off the path
 * Kefu appends. IP literals are refused in every spelling: WHATWG URL parsing already turns
 * `2130706433`, `0x7f000001`, `0177.0.0.1` and `127.1` into `127.0.0.1`, so the parsed host is
 * what is judged. This check is a courtesy to the merchant; the guard is GuardedFetcher, which
 * resolves the host and checks the address it connects to. Returns the normalised URL.
 */
export function checkMerchantUrl(raw: string, policy: MerchantUrlPolicy): URL {
  // A '?' or '#' would turn the path Kefu appends into a query or a fragment the merchant never sees.
  if (/[?#]/.test(raw)) refuse('queryOrFragment');
  // Backslashes are read as '/' by URL parsers but not by every proxy; spaces and controls likewise.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\\\s\u0000-\u001f\u007f]/.test(raw)) refuse('characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    refuse('unparsable');
  }
  if (url.protocol !== 'https:' && !(policy.allowLocal && url.protocol === 'http:')) refuse('scheme');
  if (url.username || url.password || /^[a-z]+:\/\/[^/]*@/i.test(raw)) refuse('userinfo');
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  const loopback = host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
  if (policy.allowLocal && loopback) return url;
  if (isIP(host) !== 0) refuse('ipLiteral');
  if (!host.includes('.') || LOCAL_NAME.test(host)) refuse('localName');
  return url;
}
