import { KefuError } from '../../shared/errors';
import type { RouteGroup } from '../_http/createFunctionApp';
import { service } from '../_http/createFunctionApp';
import { readMultipart } from '../_http/readMultipart';
import { authenticate } from '../_http/authenticate';

const TENANT = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}$/;
/** A host name or address with an optional port: nothing else may go into the URL we hand out. */
const HOST = /^[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$/;

/**
 * The merchant's own entry-button icon: `POST /v1/merchant/entry-icon` (multipart `file`, admins
 * and supervisors) stores a checked PNG/JPEG through the media store and answers the https URL the
 * entry settings keep in `icon`; `GET /v1/entry-icon/:tenant/:id` serves it to anyone, as
 * `/v1/entry-config` is public: the button shows before the user logs in.
 */
export const entryIconRoutes: RouteGroup = (app, deps) => {
  const svc = service('merchant');

  app.post('/v1/merchant/entry-icon', svc, async (c) => {
    const staff = await authenticate(c, deps, ['admin', 'supervisor']);
    const form = await readMultipart(c, '图标');
    const file = form['file'];
    if (!(file instanceof File)) throw new KefuError('VALIDATION_FAILED', '缺少 file');
    const record = await deps.media.uploadEntryIcon(staff, { bytes: new Uint8Array(await file.arrayBuffer()), ...(file.type ? { declaredType: file.type } : {}) });
    // The host the console called is the API's public one (the custom domain on Function Compute),
    // which is also the origin the mini-program already trusts; https, as the entry settings require.
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!HOST.test(host)) throw new KefuError('VALIDATION_FAILED', '无法确定图标的访问地址');
    const url = `https://${host}/v1/entry-icon/${encodeURIComponent(staff.tenant)}/${record.id}`;
    return c.json({ url, mime: record.mime, bytes: record.bytes }, 201);
  });

  app.get('/v1/entry-icon/:tenant/:id', svc, async (c) => {
    const tenant = c.req.param('tenant');
    if (!TENANT.test(tenant)) throw new KefuError('MEDIA_NOT_FOUND');
    const { bytes, mime } = await deps.media.entryIcon(tenant, c.req.param('id'));
    // An icon is never changed under its id (a new upload is a new id): cache it for good.
    return c.body(Uint8Array.from(bytes), 200, { 'content-type': mime, 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' });
  });
};
