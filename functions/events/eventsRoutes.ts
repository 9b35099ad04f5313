import type { RouteGroup } from '../_http/createFunctionApp';
import { service } from '../_http/createFunctionApp';
import { authenticate, staffRoles } from '../_http/authenticate';
import { intQuery } from '../_http/queryParams';

/**
 * `events`: the long-poll endpoint of a conversation's events. `GET /v1/conversations/:id/events?after=<seq>` answers at
 * once when events after the cursor exist, otherwise waits until one is written (woken by the
 * notifier) or `timeout` ms pass, then answers with an empty list and the same cursor.
 */
export const eventsRoutes: RouteGroup = (app, deps) => {
  app.get('/v1/conversations/:id/events', service('events'), async (c) => {
    const principal = await authenticate(c, deps, ['user', ...staffRoles]);
    const after = intQuery(c, 'after', { min: 0, max: Number.MAX_SAFE_INTEGER }) ?? 0;
    const timeoutMs = intQuery(c, 'timeout', { min: 0, max: deps.config.longPollTimeoutMs }) ?? deps.config.longPollTimeoutMs;
    const page = await deps.conversations.queries.events(principal, c.req.param('id'), after, { timeoutMs, signal: c.req.raw.signal });
    return c.json(page);
  });
};
