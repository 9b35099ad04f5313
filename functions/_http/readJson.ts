import type { Context } from 'hono';
import type { Static, TSchema } from '@sinclair/typebox';
import { KefuError } from '../../shared/errors';
import { validatorFor } from '../../shared/schemas';

/**
 * Reads and validates a JSON body: INVALID_JSON when it does not parse, UNSUPPORTED_MEDIA_TYPE for
 * a declared non-JSON type, VALIDATION_FAILED naming the first bad field otherwise.
 */
export async function readJson<S extends TSchema>(c: Context, schema: S): Promise<Static<S>> {
  const type = c.req.header('content-type');
  if (type && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw new KefuError('UNSUPPORTED_MEDIA_TYPE');
  const text = await c.req.text();
  let body: unknown;
  try {
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new KefuError('INVALID_JSON');
  }
  return validate(schema, body);
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
