import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { Type } from '@sinclair/typebox';
import { TenantOnboarding } from '../../shared/accounts';
import { KefuError } from '../../shared/errors';
import type { AppDeps, AppEnv } from '../_http/AppDeps';
import { type RouteGroup, service } from '../_http/createFunctionApp';
import { readJson } from '../_http/readJson';

/** The header the operator's secret travels in; not a session, so never `Authorization`. */
export const OPERATOR_SECRET_HEADER = 'x-kefu-operator-secret';

/**
 * The operator API: creating and listing merchants, for whoever runs this Kefu deployment (not a
 * merchant's staff). Guarded by KEFU_OPERATOR_SECRET; without it configured the routes answer 403
 * OPERATOR_API_DISABLED, so a deployment that never set one has no way in. Served by the merchant
 * function (`/v1/operator/*` on the custom domain).
 */
export const operatorRoutes: RouteGroup = (app, deps) => {
  const svc = service('operator');
  const { onboarding } = deps;

  app.post('/v1/operator/tenants', svc, async (c) => {
    requireOperator(c, deps);
    const made = await onboarding.create(TenantOnboarding.check(await readJson(c, Type.Unknown())));
    // The temporary password is in this answer only: no cache may keep it.
    return c.json(made, 201, { 'cache-control': 'no-store' });
  });

  app.get('/v1/operator/tenants', svc, async (c) => {
    requireOperator(c, deps);
    return c.json({ tenants: await onboarding.list() });
  });
};

function requireOperator(c: Context<AppEnv>, deps: AppDeps): void {
  const secret = deps.config.operatorSecret;
  if (!secret) throw new KefuError('OPERATOR_API_DISABLED');
  const given = c.req.header(OPERATOR_SECRET_HEADER) ?? '';
  // Digests have one length, so the comparison takes the same time whatever was sent.
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  if (!timingSafeEqual(digest(given), digest(secret))) throw new KefuError('OPERATOR_SECRET_INVALID');
}
