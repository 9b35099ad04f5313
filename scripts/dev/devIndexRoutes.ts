import type { RouteGroup } from '../../functions/_http/createFunctionApp';
import { service } from '../../functions/_http/createFunctionApp';

/** A health check and a small index of the local system, for a newcomer's first curl. */
export const devIndexRoutes: RouteGroup = (app, deps) => {
  app.get('/v1/health', service('local'), (c) => c.json({ ok: true, store: deps.config.store }));
  app.get('/', service('local'), (c) =>
    c.json({
      name: 'Kefu 客服系统 (local)',
      health: '/v1/health',
      devLogin: deps.config.devLogin ? 'POST /v1/auth/dev-login {tenant, userId}' : 'disabled',
      staffLogin: 'POST /v1/auth/login {tenant, username, password}',
    }),
  );
};
