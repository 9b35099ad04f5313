import { randomUUID } from 'node:crypto';
import { errorCatalogue } from '../../shared/errors';
import type { FcHttpEvent, FcHttpResult } from './FcHttpEvent';

export interface FetchApp {
  fetch(request: Request): Response | Promise<Response>;
}

export type FcHandler = (event: unknown, context?: unknown) => Promise<FcHttpResult>;

const TEXT_TYPE = /^(?:text\/|application\/(?:json|[\w.+-]+\+json|xml|[\w.+-]+\+xml|javascript|x-www-form-urlencoded))/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

class MalformedEvent extends Error {}

/**
 * The one adapter between Function Compute 3.0 and our web-standard apps: an HTTP-trigger event
 * becomes a `Request`, the app's `Response` becomes the FC result. A malformed event is answered
 * with 400 MALFORMED_EVENT, never a throw (a throw would be a 502 with no body for the client).
 */
export function fcHandler(app: FetchApp): FcHandler {
  return async (rawEvent, context) => {
    let request: Request;
    let requestId = requestIdOf(context) ?? randomUUID();
    try {
      const event = decodeEvent(rawEvent);
      requestId = event.requestContext.requestId ?? requestId;
      request = toRequest(event, requestId);
    } catch (err) {
      // Anything that fails while reading the event (a URL the WHATWG parser rejects, say) is the
      // event's fault, not the app's.
      const reason = err instanceof MalformedEvent ? err.message : 'unreadable event';
      return {
        statusCode: errorCatalogue.MALFORMED_EVENT.status,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ code: 'MALFORMED_EVENT', message: `${errorCatalogue.MALFORMED_EVENT.zh}: ${reason}`, requestId }),
        isBase64Encoded: false,
      };
    }
    return toResult(await app.fetch(request));
  };
}

function requestIdOf(context: unknown): string | undefined {
  if (context && typeof context === 'object' && 'requestId' in context) {
    const id = (context).requestId;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

/** The runtime hands the event over as a Buffer of JSON; tests and other callers may pass text or an object. */
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
  if (!value || typeof value !== 'object') throw new MalformedEvent('event is not an object');
  const event = value as Partial<FcHttpEvent>;
  if (typeof event.rawPath !== 'string' || !event.rawPath.startsWith('/')) throw new MalformedEvent('rawPath missing');
  if (typeof event.requestContext?.http?.method !== 'string') throw new MalformedEvent('requestContext.http.method missing');
  if (event.body !== undefined && typeof event.body !== 'string') throw new MalformedEvent('body is not a string');
  for (const field of ['headers', 'queryParameters'] as const) {
    const map = event[field];
    if (map !== undefined && (typeof map !== 'object' || map === null || Object.values(map).some((v) => typeof v !== 'string'))) {
      throw new MalformedEvent(`${field} must map names to strings`);
    }
  }
  return event as FcHttpEvent;
}

function toRequest(event: FcHttpEvent, requestId: string): Request {
  const method = event.requestContext.http.method.toUpperCase();
  const headers = new Headers();
  try {
    for (const [name, value] of Object.entries(event.headers ?? {})) headers.set(name, value);
  } catch {
    throw new MalformedEvent('invalid header');
  }
  if (!headers.has('x-fc-request-id')) headers.set('x-fc-request-id', requestId);
  const host = headers.get('host') ?? event.requestContext.domainName ?? 'localhost';
  const url = new URL(event.rawPath, `https://${host}`);
  for (const [name, value] of Object.entries(event.queryParameters ?? {})) url.searchParams.append(name, value);

  let body: Buffer | undefined;
  if (event.body !== undefined && event.body !== '') {
    if (method === 'GET' || method === 'HEAD') throw new MalformedEvent(`${method} with a body`);
    if (event.isBase64Encoded) {
      const compact = event.body.replace(/\s+/g, '');
      if (compact.length % 4 !== 0 || !BASE64.test(compact)) throw new MalformedEvent('body is not valid base64');
      body = Buffer.from(compact, 'base64');
    } else {
      body = Buffer.from(event.body, 'utf8');
    }
  }
  return new Request(url, { method, headers, ...(body ? { body } : {}) });
}

async function toResult(response: Response): Promise<FcHttpResult> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  // Headers yields each cookie on its own; FC's headers map holds one string per name, joined by
  // commas as it does for every multi-value header.
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies.join(', ');
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  const asText = bytes.length === 0 || TEXT_TYPE.test(type) || (!type && isUtf8(bytes));
  return {
    statusCode: response.status,
    headers,
    body: asText ? bytes.toString('utf8') : bytes.toString('base64'),
    isBase64Encoded: !asText,
  };
}

function isUtf8(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}
