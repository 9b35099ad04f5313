import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { errorCatalogue } from '../../shared/errors';
import type { PlatformBindings } from '../_http/clientAddress';
import type { FcHttpEvent, FcHttpResult } from './FcHttpEvent';

/** Anything with a web-standard `fetch`: a Hono app, or a plain object in a test. */
export interface FetchApp {
  fetch(request: Request, bindings?: PlatformBindings): Response | Promise<Response>;
}

/**
 * The FC 3.0 handler signature. The Node.js runtime hands the event over as a Buffer of JSON;
 * text and already-parsed objects are accepted for `s local invoke`, tests and other callers.
 */
export type FcHandler = (event: Buffer | string | object, context?: unknown) => Promise<FcHttpResult>;

// Content types sent back as UTF-8 text. Everything else is base64 so FC passes the bytes through.
const TEXT_TYPE = /^(?:text\/|application\/(?:json|xml|javascript|ecmascript|x-www-form-urlencoded|x-ndjson)\b|[\w.-]+\/[\w.+-]+\+(?:json|xml)\b)/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
// A Host we are willing to put into a URL: a name or IPv4 with an optional port, or an IPv6 literal.
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const METHOD = /^[A-Za-z]+$/;

/** Why an event was rejected; the text ends up in the 400 body, so it names the field at fault. */
class MalformedEvent extends Error {}

/**
 * Wraps a web-standard app as a Function Compute 3.0 HTTP-trigger handler: the event becomes a
 * `Request`, the app's `Response` becomes the result FC maps back to HTTP.
 *
 * The FC request id reaches the app as `x-fc-request-id` (unless the client already sent one), so
 * error bodies and logs carry the id FC's own logs use. A malformed event is answered with
 * 400 MALFORMED_EVENT instead of a throw: a throw would reach the client as FC's bodiless 502,
 * with nothing to switch on.
 *
 * @param app - the function's app; only its `fetch` is called.
 * @returns the `handler` to export from the function's `index.ts`.
 */
export function fcHandler(app: FetchApp): FcHandler {
  return async (rawEvent, context) => {
    let request: Request;
    let bindings: PlatformBindings = {};
    let requestId = requestIdOf(context) ?? randomUUID();
    try {
      const event = decodeEvent(rawEvent);
      const eventRequestId = event.requestContext.requestId;
      if (typeof eventRequestId === 'string' && eventRequestId) requestId = eventRequestId;
      request = toRequest(event, requestId);
      // The address FC saw, passed beside the request rather than as a header a client could forge.
      const sourceIp = event.requestContext.http.sourceIp;
      if (typeof sourceIp === 'string' && sourceIp) bindings = { sourceIp };
    } catch (err) {
      // Whatever fails while reading the event (a header value the Headers class refuses, say) is
      // the event's fault, not the app's.
      const reason = err instanceof MalformedEvent ? err.message : 'unreadable event';
      return malformedEventResult(reason, requestId);
    }
    return toResult(await app.fetch(request, bindings));
  };
}

function malformedEventResult(reason: string, requestId: string): FcHttpResult {
  const { status, zh } = errorCatalogue.MALFORMED_EVENT;
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-fc-request-id': requestId },
    body: JSON.stringify({ code: 'MALFORMED_EVENT', message: `${zh}: ${reason}`, requestId }),
    isBase64Encoded: false,
  };
}

/** FC's context object carries the request id too; it is the only id left when the event is unreadable. */
function requestIdOf(context: unknown): string | undefined {
  if (isRecord(context) && typeof context['requestId'] === 'string' && context['requestId']) return context['requestId'];
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeEvent(raw: unknown): FcHttpEvent {
  let value: unknown = raw;
  if (Buffer.isBuffer(raw)) value = raw.toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new MalformedEvent('event is not JSON');
    }
  }
  if (!isRecord(value)) throw new MalformedEvent('event is not a JSON object');
  const context = value['requestContext'];
  const http = isRecord(context) ? context['http'] : undefined;
  const method = isRecord(http) ? http['method'] : undefined;
  if (typeof method !== 'string' || !METHOD.test(method)) throw new MalformedEvent('requestContext.http.method is missing');
  const rawPath = value['rawPath'] ?? (isRecord(http) ? encodePath(http['path']) : undefined);
  if (typeof rawPath !== 'string' || !rawPath.startsWith('/')) throw new MalformedEvent('rawPath is missing or does not start with /');
  if (value['body'] !== undefined && value['body'] !== null && typeof value['body'] !== 'string') throw new MalformedEvent('body is not a string');
  if (value['isBase64Encoded'] !== undefined && typeof value['isBase64Encoded'] !== 'boolean') throw new MalformedEvent('isBase64Encoded is not a boolean');
  for (const field of ['headers', 'queryParameters'] as const) {
    const map = value[field];
    if (map === undefined || map === null) continue;
    if (!isRecord(map) || !Object.values(map).every(isStringOrStrings)) throw new MalformedEvent(`${field} must map names to strings`);
  }
  // Every field read below has just been checked, so the cast only names the shape.
  return { ...value, rawPath } as unknown as FcHttpEvent;
}

/** Only for events without `rawPath`: the decoded path, re-encoded the way a URL carries it. */
function encodePath(path: unknown): string | undefined {
  return typeof path === 'string' ? encodeURI(path) : undefined;
}

function isStringOrStrings(value: unknown): value is string | string[] {
  return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
}

function valuesOf(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}

function toRequest(event: FcHttpEvent, requestId: string): Request {
  const method = event.requestContext.http.method.toUpperCase();
  const headers = new Headers();
  try {
    // FC already joined repeated headers with commas, which is what HTTP means by repeating one,
    // so the joined string is passed on as is.
    for (const [name, value] of Object.entries(event.headers ?? {})) for (const v of valuesOf(value)) headers.append(name, v);
  } catch {
    throw new MalformedEvent('headers contain an invalid name or value');
  }
  if (!headers.has('x-fc-request-id')) headers.set('x-fc-request-id', requestId);

  const host = [headers.get('host'), event.requestContext.domainName].find((h) => typeof h === 'string' && HOST.test(h)) ?? 'localhost';
  // Concatenated rather than resolved against a base, so a rawPath like `//other.host/x` stays a
  // path and cannot change the origin the app sees.
  const url = new URL(`https://${host}${event.rawPath}`);
  // FC joins a repeated query key into one comma-separated string. It is not split again: a comma
  // inside one value (a user's search text) is indistinguishable from the join, and corrupting
  // free text is worse than making the rare list parameter split its own value.
  for (const [name, value] of Object.entries(event.queryParameters ?? {})) for (const v of valuesOf(value)) url.searchParams.append(name, v);

  const text = event.body ?? '';
  if (text === '') return new Request(url, { method, headers });
  if (method === 'GET' || method === 'HEAD') throw new MalformedEvent(`a ${method} request cannot carry a body`);
  return new Request(url, { method, headers, body: event.isBase64Encoded ? decodeBase64(text) : Buffer.from(text, 'utf8') });
}

/** Strict: Buffer.from(…, 'base64') silently skips bad characters, which would hand the app garbage. */
function decodeBase64(text: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) throw new MalformedEvent('body is not valid base64 although isBase64Encoded is true');
  return Buffer.from(compact, 'base64');
}

async function toResult(response: Response): Promise<FcHttpResult> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  // The result holds one string per header name, so several cookies are joined with ", " as FC
  // joins every repeated header; getSetCookie() keeps each cookie whole, forEach would not.
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies.join(', ');

  const bytes = Buffer.from(await response.arrayBuffer());
  const asText = bytes.length === 0 || (isTextual(response.headers) && isUtf8(bytes));
  return {
    statusCode: response.status,
    headers,
    body: asText ? bytes.toString('utf8') : bytes.toString('base64'),
    isBase64Encoded: !asText,
  };
}

/**
 * Whether the body may travel as a UTF-8 string: a text type (or no type at all, checked for valid
 * UTF-8 by the caller), not compressed, and not declared in another charset.
 */
function isTextual(headers: Headers): boolean {
  const encoding = headers.get('content-encoding');
  if (encoding && encoding.toLowerCase() !== 'identity') return false;
  const type = headers.get('content-type');
  if (!type) return true;
  const charset = /;\s*charset="?([^";\s]+)/i.exec(type)?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') return false;
  return TEXT_TYPE.test(type.trim());
}
