import { KefuError } from '../../shared/errors';
import { type RouteGroup, service } from '../_http/createFunctionApp';
import { authenticate } from '../_http/authenticate';

const supervisors = ['supervisor', 'admin'] as const;
const DAY_MS = 24 * 3600_000;

/**
 * `stats`: the supervisor's dashboard. `GET /v1/stats/overview?from=&to=` gives the quality figures
 * of a period (default: the last 7 days) with their goals and definitions; `GET /v1/stats/live` the
 * queues (length, longest wait per group) and agents by presence right now.
 */
export const statsRoutes: RouteGroup = (app, deps) => {
  const svc = service('stats');

  app.get('/v1/stats/overview', svc, async (c) => {
    const staff = await authenticate(c, deps, supervisors);
    const now = new Date();
    const to = c.req.query('to') ? new Date(c.req.query('to')!) : now;
    const from = c.req.query('from') ? new Date(c.req.query('from')!) : new Date(to.getTime() - 7 * DAY_MS);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to || to.getTime() - from.getTime() > 366 * DAY_MS) {
      throw new KefuError('VALIDATION_FAILED', 'from/to 须为 ISO 时间,from 早于 to,跨度不超过一年');
    }
    return c.json(await deps.dashboard.overview(staff, from, to));
  });

  app.get('/v1/stats/live', svc, async (c) => {
    const staff = await authenticate(c, deps, supervisors);
    return c.json(await deps.board.live(staff.tenant));
  });
};
