import { functionHandler } from '../_runtime/functionHandler';
import { messageRoutes } from './messageRoutes';
import { eventsRoutes } from '../events/eventsRoutes';
import { healthRoutes } from './healthRoutes';

/**
 * Function Compute entry (handler: index.handler). It also serves the events function's long-poll,
 * GET /v1/conversations/:id/events: behind the one custom domain every /v1/conversations/* path
 * reaches this function, since FC routes by exact path or trailing-`*` prefix only (s.yaml); and the
 * clients' health probe, GET /v1/health.
 */
export const handler = functionHandler('message', [messageRoutes, eventsRoutes, healthRoutes]);
