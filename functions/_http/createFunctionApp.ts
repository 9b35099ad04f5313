import { randomUUID } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { abortableBody, isChunked } from './abortableBody';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { cors } from 'hono/cors';
import { isKefuError } from '../../shared/errors';
import { serviceTypeOfCategory, serviceTypeOfText } from '../../shared/log';
import type { Category } from '../../shared/nlp';
import type { AppDeps, AppEnv } from './AppDeps';
import { errorResponse } from './errorResponse';

/** Registers one function's routes on an app. */
export type RouteGroup = (app: Hono<AppEnv>, deps: AppDeps) => void;

/** Marks the routes of a group with its function name, for the `function` of the log line. */
export function service(name: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('service', name);
    await next();
  };
}

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/**
 * The request id and CORS headers of every answer, set on the final response's own headers:
 * `c.header` after the route would copy the whole response first. A response whose headers are
 * immutable (a redirect) gets them through the copy.
 */
function stampHeaders(c: { readonly res: Response; header(name: string, value: string): void }, requestId: string): void {
  try {
    const headers = c.res.headers;
    headers.set('x-request-id', requestId);
    headers.set('access-control-allow-origin', '*');
  } catch {
    c.header('x-request-id', requestId);
    c.header('access-control-allow-origin', '*');
  }
}

/**
 * The business type of a request's words: from the category a route set, else classified. The
 * variable is unset (undefined) on routes that never set it, whatever its declared type.
 */
function serviceTypeOf(issue: string, category: string | undefined): string {
  if (category && Object.hasOwn(serviceTypeOfCategory, category)) return serviceTypeOfCategory[category as Category];
  return serviceTypeOfText(issue);
}

/**
 * The app of one function (or, in the dev server, of all of them): request id, access log, body
 * limit, and the mapping of every failure to `{ code, message, requestId }` with a 4xx/5xx from the
 * catalogue. Unknown routes are ROUTE_NOT_FOUND, known routes with another method METHOD_NOT_ALLOWED.
 */
export function createFunctionApp(name: string, deps: AppDeps, ...groups: RouteGroup[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    const given = c.req.header('x-request-id') ?? c.req.header('x-fc-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    const started = performance.now();
    c.set('requestId', requestId);
    c.set('service', name);
    c.set('principal', undefined);
    c.set('issue', '');
    await next();
    stampHeaders(c, requestId);
    const status = c.res.status;
    // One line per request with every record field given explicitly: cheaper than a child
    // logger per request, which was a tenth of a message's CPU. service_type is the business type
    // of the words the request carried (the user's question, a rating's comment): the category
    // the route's understanding step gave them (`issueCategory`), else classified here (~0.1 ms,
    // only when there are words), so every route that sets `issue` gets it.
    const issue = c.get('issue');
    const line = {
      request_id: requestId,
      user_id: c.get('principal')?.id ?? '-',
      service_type: serviceTypeOf(issue, c.get('issueCategory')),
      issue_description: issue,
      function: c.get('service'),
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    if (status >= 500) deps.logger.error(line, 'request failed');
    else deps.logger.info(line, 'request');
  });

  // Imports carry whole knowledge-base files and uploads carry pictures; every other body stays small.
  const tooLarge = (c: Context<AppEnv>, maxSize: number) => errorResponse('BODY_TOO_LARGE', c.get('requestId'), `请求体超过 ${maxSize} 字节`);
  const limited = (maxSize: number): MiddlewareHandler<AppEnv> => bodyLimit({ maxSize, onError: (c: Context<AppEnv>) => tooLarge(c, maxSize) });
  const small = limited(deps.config.bodyLimitBytes);
  const large = limited(deps.config.importLimitBytes);
  const bySize: MiddlewareHandler<AppEnv> = async (c, next) => {
    const isLarge = c.req.path.endsWith('/import') || c.req.path === '/v1/media';
    // A declared length is judged from the header alone, as hono's bodyLimit does, but without
    // reading `c.req.raw.body` first: on @hono/node-server that access alone builds a full
    // Request and a web stream over the socket for every request (a GET too), while the routes
    // read the body straight from the socket. Only a chunked body is read (whole) by the limit.
    if (!isChunked(c.req.raw)) {
      const maxSize = isLarge ? deps.config.importLimitBytes : deps.config.bodyLimitBytes;
      const length = c.req.method === 'GET' || c.req.method === 'HEAD' ? undefined : c.req.header('content-length');
      if (length !== undefined && parseInt(length || '0', 10) > maxSize) return tooLarge(c, maxSize);
      return next();
    }
    c.req.raw = abortableBody(c.req.raw);
    return isLarge ? large(c, next) : small(c, next);
  };
  app.use('*', bySize);

  // Sessions travel as bearer tokens, never cookies, so any origin may call: the H5 page and a
  // backup API domain are different origins. hono's cors answers preflights; every other answer
  // gets its allow-origin header from stampHeaders, because cors sets it on `c.res` before the
  // route runs, and hono then rebuilds each route's response to merge it in (on @hono/node-server
  // that turns the lightweight response into a full undici Response: a twentieth of a request).
  const preflight: MiddlewareHandler<AppEnv> = cors({ origin: '*', allowHeaders: ['authorization', 'content-type', 'x-request-id'], allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'], maxAge: 600 });
  const corsPreflight: MiddlewareHandler<AppEnv> = (c, next) => (c.req.method === 'OPTIONS' ? preflight(c, next) : next());
  app.use('*', corsPreflight);

  app.use(
    '*',
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) => {
        const res = errorResponse('METHOD_NOT_ALLOWED', c.get('requestId'));
        res.headers.set('allow', methods.join(', '));
        return res;
      },
    }),
  );

  for (const group of groups) group(app, deps);

  app.notFound((c) => errorResponse('ROUTE_NOT_FOUND', c.get('requestId') ?? randomUUID()));

  app.onError((err, c) => {
    const requestId = c.get('requestId') ?? randomUUID();
    if (isKefuError(err)) {
      // What the store said stays out of the answer (errorResponse) but goes to the log, as a
      // warning without a stack: an expected refusal, not a bug.
      if (err.code.startsWith('STORE_') || err.code === 'ID_TOO_LONG') {
        deps.logger.warn({ request_id: requestId, function: c.get('service') ?? name, code: err.code, details: err.details }, err.message);
      }
      if (err.status < 500) return errorResponse(err.code, requestId, err.message, err.details);
      // A server-side failure of a known kind (a bad deploy, say): the caller gets the catalogue's
      // words, the log gets what happened; the stack only where it says more than the code.
      if (!err.code.startsWith('STORE_')) deps.logger.error({ err, request_id: requestId, function: c.get('service') ?? name, details: err.details }, err.message);
      return errorResponse(err.code, requestId);
    }
    deps.logger.error({ err, request_id: requestId, user_id: c.get('principal')?.id ?? '-', function: c.get('service') ?? name }, 'unhandled error');
    return errorResponse('INTERNAL', requestId);
  });

  return app;
}
