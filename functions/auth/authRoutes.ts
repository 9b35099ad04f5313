import { KefuError, isKefuError } from '../../shared/errors';
import { AlipayLoginRequest, DevLoginRequest, StaffLoginRequest } from '../../shared/schemas';
import { type RouteGroup, service } from '../_http/createFunctionApp';
import { readJson } from '../_http/readJson';
import { authenticate, authenticateSession, staffRoles } from '../_http/authenticate';
import { clientAddress } from '../_http/clientAddress';
import { errorResponse } from '../_http/errorResponse';

/**
 * `auth`: console login for staff, the dev-only user login, token refresh, log out everywhere,
 * login methods, who-am-I.
 */
export const authRoutes: RouteGroup = (app, deps) => {
  const svc = service('auth');

  app.post('/v1/auth/login', svc, async (c) => {
    const body = await readJson(c, StaffLoginRequest);
    try {
      return c.json(await deps.accounts.staffLogin(body.tenant, body.username, body.password, clientAddress(c)));
    } catch (err) {
      // A lock tells the client when to come back (RFC 9110 Retry-After, in seconds).
      if (!isKefuError(err) || err.code !== 'TOO_MANY_ATTEMPTS') throw err;
      const res = errorResponse(err.code, c.get('requestId'), err.message, err.details);
      const seconds = err.details?.['retryAfterSeconds'];
      res.headers.set('retry-after', String(typeof seconds === 'number' ? seconds : 1));
      return res;
    }
  });

  // The mini-program's auth code (my.getAuthCode, auth_base) -> the Alipay user -> our session.
  app.post('/v1/auth/alipay', svc, async (c) => {
    const body = await readJson(c, AlipayLoginRequest);
    // Like the dev login: a deployment without an Alipay app has no such login (docs/api.md reads this).
    if (!deps.alipay) throw new KefuError('LOGIN_UNAVAILABLE', '未配置支付宝登录');
    return c.json(await deps.alipayLogin.login(body.tenant, body.authCode));
  });

  app.post('/v1/auth/dev-login', svc, async (c) => {
    // Checked before reading the body, so a disabled endpoint reveals nothing about its input.
    if (!deps.config.devLogin) throw new KefuError('DEV_LOGIN_DISABLED');
    const body = await readJson(c, DevLoginRequest);
    return c.json(await deps.accounts.devUserLogin(body.tenant, body.userId, body.name));
  });

  // Before the token expires the client trades it for a new one (sliding session).
  app.post('/v1/auth/refresh', svc, async (c) => {
    const { principal, epoch } = await authenticateSession(c, deps, ['user', ...staffRoles]);
    return c.json(await deps.accounts.refresh(principal, epoch));
  });

  // Ends every session of the caller, this one included (a lost phone, a shared computer).
  app.post('/v1/auth/logout-all', svc, async (c) => {
    const principal = await authenticate(c, deps, ['user', ...staffRoles]);
    // A staff member without a session is offline at once (AccountService.onStaffSessionsEnded).
    await deps.accounts.logoutEverywhere(principal);
    return c.body(null, 204);
  });

  // What a chat client may use on this deployment: which login, whether voice and images can be
  // sent. Public, so the client can ask before it has a session.
  app.get('/v1/auth/methods', svc, (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json({ login: [...(deps.alipay ? ['alipay'] : []), ...(deps.config.devLogin ? ['dev'] : [])], media: true });
  });

  app.get('/v1/auth/me', svc, async (c) => {
    const principal = await authenticate(c, deps, ['user', ...staffRoles]);
    return c.json({ principal });
  });
};
