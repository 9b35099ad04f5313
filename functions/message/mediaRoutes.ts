import { KefuError } from '../../shared/errors';
import type { RouteGroup } from '../_http/createFunctionApp';
import { service } from '../_http/createFunctionApp';
import { readMultipart } from '../_http/readMultipart';
import { authenticate, staffRoles } from '../_http/authenticate';
import { intQuery } from '../_http/queryParams';

/**
 * Uploads of the `message` function: `POST /v1/media` (multipart: `file`, `kind`, `conversationId`,
 * `durationMs`) stores a checked voice recording or picture and answers its id, which a message then
 * references; `GET /v1/media/:id/url` gives its owner or the merchant's staff a short-lived link;
 * `GET /v1/media/:id/content` serves the bytes behind such a link.
 */
export const mediaRoutes: RouteGroup = (app, deps) => {
  const svc = service('message');

  app.post('/v1/media', svc, async (c) => {
    const user = await authenticate(c, deps, ['user']);
    const form = await readMultipart(c, '文件');
    const file = form['file'];
    const conversationId = form['conversationId'];
    if (!(file instanceof File) || typeof conversationId !== 'string' || !conversationId) throw new KefuError('VALIDATION_FAILED', '缺少 file 或 conversationId');
    const kind = typeof form['kind'] === 'string' ? form['kind'] : undefined;
    const durationRaw = typeof form['durationMs'] === 'string' ? Number(form['durationMs']) : undefined;
    if (durationRaw !== undefined && (!Number.isFinite(durationRaw) || durationRaw < 0)) throw new KefuError('VALIDATION_FAILED', 'durationMs 不合法');
    const record = await deps.media.upload(user, {
      conversationId,
      bytes: new Uint8Array(await file.arrayBuffer()),
      ...(kind ? { kind } : {}),
      ...(file.type ? { declaredType: file.type } : {}),
      ...(durationRaw !== undefined ? { durationMs: durationRaw } : {}),
    });
    return c.json({ mediaId: record.id, kind: record.kind, mime: record.mime, bytes: record.bytes }, 201);
  });

  app.get('/v1/media/:id/url', svc, async (c) => {
    const principal = await authenticate(c, deps, ['user', ...staffRoles]);
    return c.json(await deps.media.link(principal, c.req.param('id')));
  });

  // No session here: the signature is the permission, so <img> and <audio> can load it.
  app.get('/v1/media/:id/content', svc, async (c) => {
    const exp = intQuery(c, 'exp', { min: 0, max: Number.MAX_SAFE_INTEGER });
    const tenant = c.req.query('tenant') ?? '';
    const sig = c.req.query('sig') ?? '';
    if (exp === undefined || !/^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}$/.test(tenant) || !sig) throw new KefuError('MEDIA_LINK_INVALID');
    const { bytes, mime } = await deps.media.content(tenant, c.req.param('id'), exp, sig);
    return c.body(Uint8Array.from(bytes), 200, { 'content-type': mime, 'cache-control': 'private, max-age=300', 'x-content-type-options': 'nosniff' });
  });
};
