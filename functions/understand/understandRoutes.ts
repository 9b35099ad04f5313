import { Type } from '@sinclair/typebox';
import { KefuError } from '../../shared/errors';
import { understand, parseIsoInstant, toUnderstandingOutput } from '../../shared/nlp';
import type { RouteGroup } from '../_http/createFunctionApp';
import { service } from '../_http/createFunctionApp';
import { readJson } from '../_http/readJson';
import { authenticate, staffRoles } from '../_http/authenticate';

const UnderstandRequest = Type.Object(
  {
    id: Type.Optional(Type.String({ maxLength: 128 })),
    // Length limits are understanding's own (TEXT_EMPTY / TEXT_TOO_LONG), so HTTP and CLI share codes.
    text: Type.String(),
    /** ISO 8601 reference time with an offset; defaults to now. */
    now: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/**
 * `understand`: the understanding step for one text: the same JSON as one line of `kefu understand`.
 * `/v1/parse` is its first name, still answered the same, so existing callers keep working.
 */
export const understandRoutes: RouteGroup = (app, deps) => {
  for (const route of ['/v1/understand', '/v1/parse']) {
    app.post(route, service('understand'), async (c) => {
      await authenticate(c, deps, ['user', ...staffRoles]);
      const body = await readJson(c, UnderstandRequest);
      const now = body.now === undefined ? new Date() : parseIsoInstant(body.now);
      if (!now) throw new KefuError('INVALID_NOW');
      c.set('issue', body.text);
      return c.json(toUnderstandingOutput(body.id ?? null, understand(body.text, { now })));
    });
  }
};
