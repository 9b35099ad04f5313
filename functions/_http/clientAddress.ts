import { isIP } from 'node:net';
import type { Context } from 'hono';
import type { AppEnv } from './AppDeps';

/**
 * What the platform adapter hands the app beside the request. On Function Compute the adapter
 * (fcHandler) passes the event's `requestContext.http.sourceIp`; the local Node server passes its
 * `incoming` request, whose socket knows the peer.
 */
export interface PlatformBindings {
  readonly sourceIp?: string;
}

/**
 * The client's address as the platform saw it, for throttling; undefined when the platform gave
 * none (a test calling `app.fetch` directly). Headers such as X-Forwarded-For are never read: any
 * client can write them. IPv6 addresses are reduced to their /64, the block one subscriber holds,
 * so rotating through it does not give an attacker fresh counters.
 */
export function clientAddress(c: Context<AppEnv>): string | undefined {
  const env: unknown = c.env;
  if (!isRecord(env)) return undefined;
  if (typeof env['sourceIp'] === 'string') return normaliseAddress(env['sourceIp']);
  const incoming = env['incoming'];
  const socket = isRecord(incoming) ? incoming['socket'] : undefined;
  const remote = isRecord(socket) ? socket['remoteAddress'] : undefined;
  return typeof remote === 'string' ? normaliseAddress(remote) : undefined;
}

/** An IPv4 address as is, an IPv6 address as its /64 (`2001:db8:0:1::/64`); anything else undefined. */
export function normaliseAddress(raw: string): string | undefined {
  const address = raw.trim().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1];
  if (mapped && isIP(mapped) === 4) return mapped;
  switch (isIP(address)) {
    case 4:
      return address;
    case 6: {
      const groups = expandIpv6(address);
      return groups ? `${groups.slice(0, 4).join(':')}::/64` : undefined;
    }
    default:
      return undefined;
  }
}

/** The eight 16-bit groups of a valid IPv6 address, lower-case, without leading zeros. */
function expandIpv6(address: string): string[] | undefined {
  let text = address.toLowerCase();
  // A trailing dotted IPv4 part stands for the last two groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  const groups = tail === undefined ? left : [...left, ...Array<string>(missing).fill('0'), ...right];
  if (groups.length !== 8) return undefined;
  return groups.map((g) => parseInt(g, 16).toString(16));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
