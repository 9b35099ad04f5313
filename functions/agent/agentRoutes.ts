import { KefuError } from '../../shared/errors';
import { EmptyRequest, SendTextRequest } from '../../shared/schemas';
import type { RouteGroup } from '../_http/createFunctionApp';
import { service } from '../_http/createFunctionApp';
import { readJson } from '../_http/readJson';
import { authenticate, staffRoles } from '../_http/authenticate';
import { intQuery } from '../_http/queryParams';

/** `agent`: the workbench: inbox, claim, reply, resolve. */
export const agentRoutes: RouteGroup = (app, deps) => {
  const svc = service('agent');

  app.get('/v1/agent/inbox', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    const box = c.req.query('box') ?? 'waiting';
    if (box !== 'waiting' && box !== 'mine') {
      throw new KefuError('VALIDATION_FAILED', '参数 box 只能是 waiting 或 mine', { field: 'box', reason: 'enum' });
    }
    const limit = intQuery(c, 'limit', { min: 1, max: 100 }) ?? 50;
    return c.json({ box, conversations: await deps.conversations.inbox(staff, box, limit) });
  });

  app.post('/v1/agent/conversations/:id/claim', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    await readJson(c, EmptyRequest);
    return c.json(await deps.conversations.claim(staff, c.req.param('id')));
  });

  app.post('/v1/agent/conversations/:id/messages', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    const body = await readJson(c, SendTextRequest);
    return c.json(await deps.conversations.reply(staff, c.req.param('id'), body.clientMessageId, body.text), 201);
  });

  app.get('/v1/agent/conversations/:id/analysis', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    return c.json({ analyses: await deps.conversations.analyses(staff, c.req.param('id')) });
  });

  app.post('/v1/agent/conversations/:id/resolve', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    await readJson(c, EmptyRequest);
    return c.json(await deps.conversations.resolve(staff, c.req.param('id')));
  });
};
