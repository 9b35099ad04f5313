/**
 * Which backend origins a mini-program build may compile in. Alipay's client only talks to the
 * domains in the app's server-domain whitelist (服务器域名白名单), only over HTTPS, and never to an IP
 * address (platform-docs/alipay-open-docs: mini/api/基础API/网络/网络 API 使用须知.md and
 * mini/api/基础API/网络/my.request 常见问题.md). A release build that names anything else would pass
 * every test here and fail on every phone, so the build refuses it; `--dev` (the developer IDE with
 * domain checking turned off) is the one place plain HTTP and 127.0.0.1 make sense.
 */

import { MiniBuildError } from './MiniBuildError';

export interface MiniOriginRules {
  /** The flag the value came from, named in the message (`--api`, `--backup`). */
  readonly flag: string;
  /** Local IDE build: plain HTTP, IP addresses and single-label hosts such as localhost are allowed. */
  readonly dev: boolean;
}

const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Returns the origin as the components will use it (`https://host[:port]`, lower-case host, no
 * trailing slash), or throws MiniBuildError saying what is wrong and what is allowed.
 *
 * A path is refused rather than dropped: the components append `/v1/...` to the origin, and the
 * backend's custom domain routes `/v1/*` at its root, so `https://host/kefu` would silently call the
 * wrong URLs. A lone trailing slash carries no path and is normalised away.
 */
export function checkMiniOrigin(value: string, rules: MiniOriginRules): string {
  const { flag, dev } = rules;
  const hint = dev ? '' : `；本机开发者工具调试请加 --dev`;
  const hintEn = dev ? '' : '; for the local developer IDE add --dev';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MiniBuildError(
      `${flag} "${value}" 不是网址，应写成 https://kefu.example.com 这样的源${hint}。`,
      `${flag} "${value}" is not a URL; give an origin such as https://kefu.example.com${hintEn}.`,
    );
  }
  if (url.protocol !== 'https:' && !(dev && url.protocol === 'http:')) {
    throw new MiniBuildError(
      `${flag} 必须是 https:// 开头的域名（支付宝只调用服务器域名白名单里的 HTTPS 域名），收到 "${value}"${hint}。`,
      `${flag} must be an https:// domain (Alipay only calls whitelisted HTTPS domains), got "${value}"${hintEn}.`,
    );
  }
  const host = url.hostname;
  if (!dev && (ipv4.test(host) || host.startsWith('['))) {
    throw new MiniBuildError(
      `${flag} 不能用 IP 地址（支付宝 my.request 不支持 IP，白名单只收域名），收到 "${value}"${hint}。`,
      `${flag} cannot be an IP address (Alipay's my.request does not call IPs; the whitelist takes domains), got "${value}"${hintEn}.`,
    );
  }
  if (!dev && !host.includes('.')) {
    throw new MiniBuildError(
      `${flag} 必须是能加进服务器域名白名单的公网域名，"${host}" 不是${hint}。`,
      `${flag} must be a public domain that can be whitelisted; "${host}" is not${hintEn}.`,
    );
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new MiniBuildError(
      `${flag} 只写源（协议、域名和可选端口），不带路径、查询串或账号：组件会在后面加 /v1/…，收到 "${value}"。`,
      `${flag} takes an origin only (scheme, host, optional port), no path, query or credentials: the components append /v1/..., got "${value}".`,
    );
  }
  return url.origin;
}
