import type { Context } from 'hono';
import type { Static, TSchema } from '@sinclair/typebox';
import { KefuError, isKefuError } from '../../shared/errors';
import { validatorFor } from '../../shared/schemas';

/**
 * Reads and validates a JSON body: INVALID_JSON when it does not parse, UNSUPPORTED_MEDIA_TYPE for
 * a declared non-JSON type, VALIDATION_FAILED naming the first bad field otherwise.
 */
export async function readJson<S extends TSchema>(c: Context, schema: S): Promise<Static<S>> {
  const type = c.req.header('content-type');
  if (type && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw new KefuError('UNSUPPORTED_MEDIA_TYPE');
  const text = await readText(c);
  let body: unknown;
  try {
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new KefuError('INVALID_JSON');
  }
  return validate(schema, body);
}

/**
 * The body as text. A client that hangs up before the body is complete (the connection reset or
 * closed mid-body) made no request at all: BODY_ABORTED, a 400 in the log rather than a server
 * error, answered if the connection can still carry an answer.
 */
export async function readText(c: Context): Promise<string> {
  const signal = c.req.raw.signal as AbortSignal | undefined;
  let onAbort: (() => void) | undefined;
  // A chunked body cut off mid-chunk never ends nor fails its stream: the request's signal, which
  // the server aborts when the connection closes, is what tells.
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(new KefuError('BODY_ABORTED', undefined, { reason: 'aborted' }));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    return await Promise.race([c.req.text(), aborted]);
  } catch (err) {
    if (isKefuError(err) || !isClientAbort(err, c.req.raw.signal)) throw err;
    throw new KefuError('BODY_ABORTED', undefined, { reason: 'aborted' });
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/** Node's http server reports a client gone mid-body as ECONNRESET "aborted" or a premature close. */
function isClientAbort(err: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return true;
  const e = err as { code?: unknown; message?: unknown; name?: unknown } | undefined;
  if (e?.code === 'ECONNRESET' || e?.code === 'ERR_STREAM_PREMATURE_CLOSE' || e?.name === 'AbortError') return true;
  return typeof e?.message === 'string' && /^(aborted|Client connection prematurely closed\.?)$/.test(e.message);
}

/** Validates any value against a schema, with the same VALIDATION_FAILED error as bodies. */
export function validate<S extends TSchema>(schema: S, value: unknown): Static<S> {
  const check = validatorFor(schema);
  if (check(value)) return value;
  const first = check.errors?.[0];
  const field = first ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(first.params['missingProperty'] ?? first.params['additionalProperty'] ?? '') : '';
  throw new KefuError('VALIDATION_FAILED', `参数 ${field || '(body)'} 不合法: ${first?.message ?? ''}`.trim(), {
    field,
    reason: first?.keyword ?? 'invalid',
  });
}
