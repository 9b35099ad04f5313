import { checkFlowSettings, FlowSettingsRequest } from '../../shared/merchant/flowSettings';
import type { RouteGroup } from '../_http/createFunctionApp';
import { service } from '../_http/createFunctionApp';
import { readJson } from '../_http/readJson';
import { authenticate } from '../_http/authenticate';

/**
 * The merchant's self-service flows (issue 22 item 1): which of the six are switched off and the
 * merchant's card titles. Supervisors may read them (the settings page shows them); only an admin
 * changes what the bot answers with the users' own data. The bot reads them per message.
 */
export const flowSettingsRoutes: RouteGroup = (app, deps) => {
  const svc = service('merchant');

  app.get('/v1/merchant/flows', svc, async (c) => {
    const staff = await authenticate(c, deps, ['admin', 'supervisor']);
    return c.json(await deps.merchantSettings.flowSettings(staff.tenant));
  });

  app.put('/v1/merchant/flows', svc, async (c) => {
    const admin = await authenticate(c, deps, ['admin']);
    return c.json(await deps.merchantSettings.setFlowSettings(admin.tenant, checkFlowSettings(await readJson(c, FlowSettingsRequest))));
  });
};
