import { KefuError } from '../../shared/errors';
import { type RouteGroup, service } from '../_http/createFunctionApp';
import { authenticate } from '../_http/authenticate';

/** Staff allowed to see a customer's personal data (profile, transactions, devices, logins). */
export const customerDataRoles = ['agent', 'supervisor', 'admin'] as const;

/**
 * `GET /v1/agent/customers/:userId`: what the workbench's customer panel and account-security view
 * show (shared/customer/CustomerPanel): permission-checked, audited, 暂无数据 when the merchant's
 * systems do not answer.
 */
export const customerRoutes: RouteGroup = (app, deps) => {
  app.get('/v1/agent/customers/:userId', service('agent'), async (c) => {
    const staff = await authenticate(c, deps, customerDataRoles);
    const userId = c.req.param('userId');
    if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(userId)) throw new KefuError('VALIDATION_FAILED', 'userId 不合法');
    return c.json(await deps.customerPanel.view(staff, userId));
  });
};
