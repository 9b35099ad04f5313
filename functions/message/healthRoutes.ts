import type { RouteGroup } from '../_http/createFunctionApp';
import { service } from '../_http/createFunctionApp';

/**
 * `GET /v1/health` behind the custom domain: what the chat clients probe to move back from the
 * backup domain to the primary (shared/client/ApiClient). Served by the message function, the one
 * every chat call needs, so an answer means the chat can work there again. It answers without
 * touching the store, so a probe costs little and says nothing about the deployment.
 */
export const healthRoutes: RouteGroup = (app) => {
  app.get('/v1/health', service('message'), (c) => c.json({ ok: true }));
};
