import { KefuError } from '../../shared/errors';
import { BUSINESS_EVENT_TYPES, BusinessEvent, ProactiveRulesRequest } from '../../shared/schemas';
import type { Role } from '../../shared/auth';
import type { RouteGroup } from '../_http/createFunctionApp';
import { service } from '../_http/createFunctionApp';
import { readJson, readText, validate } from '../_http/readJson';
import { authenticate } from '../_http/authenticate';

const managers: readonly Role[] = ['admin', 'supervisor'];

/**
 * Proactive service: business events from the merchant's systems (signed, no session), the event
 * secret (admins) and the rules that turn events into messages (admins and supervisors).
 */
export const proactiveEventRoutes: RouteGroup = (app, deps) => {
  const svc = service('merchant');

  // Headers: X-Kefu-Tenant, X-Kefu-Timestamp (Unix seconds), X-Kefu-Signature: sha256=<hex of
  // HMAC-SHA256(secret, "<timestamp>.<body>")>. The signature is checked before the body is read.
  app.post('/v1/events', svc, async (c) => {
    const tenant = c.req.header('x-kefu-tenant');
    if (!tenant || !/^[A-Za-z0-9_-]{1,64}$/.test(tenant)) throw new KefuError('EVENT_SIGNATURE_INVALID', '缺少或无效的 X-Kefu-Tenant');
    const type = c.req.header('content-type');
    if (type && !/^application\/json\b/i.test(type)) throw new KefuError('UNSUPPORTED_MEDIA_TYPE');
    const body = await readText(c);
    // The signature first (it writes nothing), then the whole body; only `record` takes the
    // request's replay mark, after its own checks, so a refused request can be corrected and re-sent.
    const mark = await deps.proactive.verify(tenant, { timestamp: c.req.header('x-kefu-timestamp'), signature: c.req.header('x-kefu-signature'), body });
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      throw new KefuError('INVALID_JSON');
    }
    const result = await deps.proactive.record(tenant, validate(BusinessEvent, raw), mark);
    return c.json(result, 202);
  });

  // A new secret, shown once; the previous one stops working at once.
  app.post('/v1/merchant/event-secret', svc, async (c) => {
    const admin = await authenticate(c, deps, ['admin']);
    return c.json({ secret: await deps.proactive.rotateSecret(admin.tenant) }, 201);
  });

  app.get('/v1/merchant/proactive-rules', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json({ rules: await deps.proactive.rules(staff.tenant), eventTypes: BUSINESS_EVENT_TYPES });
  });

  app.put('/v1/merchant/proactive-rules', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    const body = await readJson(c, ProactiveRulesRequest);
    return c.json({ rules: await deps.proactive.setRules(staff.tenant, body.rules) });
  });
};
