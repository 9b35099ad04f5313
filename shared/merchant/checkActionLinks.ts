import { isIP } from 'node:net';
import { KefuError } from '../errors';
import type { ActionLinkSettings } from './actionLinks';

// As for the merchant's APIs (checkMerchantUrl): names that only resolve on a local network.
const LOCAL_NAME = /(^|\.)(localhost|localdomain|local|internal|intranet|lan|home\.arpa)$/;

// Not MERCHANT_URL_INVALID: its text forbids a query, which a page address may have.
const URL_RULE = 'H5 地址须为 https 公网域名地址,不能含账号,不能是 IP 或内网主机名';

function refuse(index: number, reason: string): never {
  throw new KefuError('VALIDATION_FAILED', URL_RULE, { field: `links[${index}].url`, reason });
}

/**
 * The save-time check of the H5 addresses. The user's browser opens them, not Kefu, so a query
 * or fragment is fine (a campaign tag, a route of a single-page app); what is refused is what
 * would not be the merchant's public https page: other schemes (javascript:, http), user info
 * (`https://bank.com@evil.example`), IP literals and local names, whitespace and backslashes
 * that parsers read differently. One address per page. Returns the links with normalised URLs.
 */
export function checkActionLinks(settings: ActionLinkSettings): ActionLinkSettings {
  const seen = new Set<string>();
  const links = settings.links.map((link, i) => {
    if (seen.has(link.path)) throw new KefuError('VALIDATION_FAILED', `页面 ${link.path} 重复`, { field: `links[${i}].path`, reason: 'duplicate' });
    seen.add(link.path);
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    if (/[\\\s\u0000-\u001f\u007f]/.test(link.url)) refuse(i, 'characters');
    let url: URL;
    try {
      url = new URL(link.url);
    } catch {
      refuse(i, 'unparsable');
    }
    if (url.protocol !== 'https:') refuse(i, 'scheme');
    if (url.username || url.password || /^[a-z]+:\/\/[^/]*@/i.test(link.url)) refuse(i, 'userinfo');
    const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
    if (isIP(host) !== 0) refuse(i, 'ipLiteral');
    if (!host.includes('.') || LOCAL_NAME.test(host)) refuse(i, 'localName');
    return { path: link.path, url: url.href };
  });
  return { links };
}
