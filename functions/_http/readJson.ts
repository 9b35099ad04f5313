import type { Context } from 'hono';
import type { Static, TSchema } from '@sinclair/typebox';
import { KefuError, isKefuError } from '../../shared/errors';
import { refusedField, validationMessage, validatorFor } from '../../shared/schemas/ajv';

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
  const incoming = nodeIncoming(c);
  // A chunked body cut off mid-chunk never ends nor fails its stream: the connection closing is
  // what tells. On the Node server that is the incoming request's own 'close' (a listener on it is
  // free, while the request's signal would build an AbortController for every request); on other
  // platforms the request's signal.
  const signal = incoming ? undefined : (c.req.raw.signal as AbortSignal | undefined);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    const abort = () => reject(new KefuError('BODY_ABORTED', undefined, { reason: 'aborted' }));
    if (incoming) {
      // 'close' also follows a complete body; only a close before the end is a hang-up.
      onAbort = () => {
        if (!incoming.readableEnded) abort();
      };
      if (incoming.destroyed) onAbort();
      else incoming.once('close', onAbort);
    } else {
      onAbort = abort;
      if (signal?.aborted) abort();
      else signal?.addEventListener('abort', abort, { once: true });
    }
  });
  aborted.catch(() => undefined);
  try {
    return await Promise.race([c.req.text(), aborted]);
  } catch (err) {
    if (isKefuError(err) || !isClientAbort(err, incoming ? undefined : c.req.raw.signal)) throw err;
    throw new KefuError('BODY_ABORTED', undefined, { reason: 'aborted' });
  } finally {
    if (onAbort) {
      if (incoming) incoming.off('close', onAbort);
      else signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** The Node request under @hono/node-server (`c.env.incoming`); undefined elsewhere (FC, tests calling app.fetch). */
function nodeIncoming(c: Context): IncomingLike | undefined {
  const env: unknown = c.env;
  const incoming = typeof env === 'object' && env !== null ? (env as { incoming?: unknown }).incoming : undefined;
  return typeof incoming === 'object' && incoming !== null && typeof (incoming as IncomingLike).once === 'function' ? (incoming as IncomingLike) : undefined;
}

interface IncomingLike {
  readonly readableEnded: boolean;
  readonly destroyed: boolean;
  once(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
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
  const field = refusedField(first);
  throw new KefuError('VALIDATION_FAILED', validationMessage(field, first), {
    field,
    reason: first?.keyword ?? 'invalid',
  });
}
