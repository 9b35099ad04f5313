import { type RouteGroup, service } from '../_http/createFunctionApp';
import { readJson } from '../_http/readJson';
import { authenticate, staffRoles } from '../_http/authenticate';
import { intQuery } from '../_http/queryParams';
import { KefuError } from '../../shared/errors';
import { LeaveMessageAnswer, LeaveMessageInput } from '../../shared/leaveMessage';

/**
 * 留言: the user leaves a message instead of waiting (or outside service hours), staff list the
 * tickets (the console's 留言 tab) and answer one, the answer going into the same conversation
 * (and from there to the user's Alipay messages when they allowed reply notices). On the message
 * function's `/v1/conversations` paths; registered before `/v1/conversations/:id`.
 */
export const leaveMessageRoutes: RouteGroup = (app, deps) => {
  const svc = service('message');

  app.get('/v1/conversations/leave-messages', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    const status = c.req.query('status') === 'answered' ? 'answered' : 'open';
    const limit = intQuery(c, 'limit', { min: 1, max: 100 }) ?? 50;
    return c.json({ tickets: await deps.leaveMessages.list(staff, status, limit) });
  });

  app.post('/v1/conversations/:id/leave-message', svc, async (c) => {
    const user = await authenticate(c, deps, ['user']);
    const body = await readJson(c, LeaveMessageInput);
    if (body.contact === 'phone' && !body.phone) throw new KefuError('VALIDATION_FAILED', undefined, { field: 'phone', reason: 'required' });
    c.set('issue', body.text);
    return c.json(await deps.leaveMessageDesk.leave(user, c.req.param('id'), body), 201);
  });

  // The reply to a 留言: the agent takes the conversation when it still waits, then answers in it.
  app.post('/v1/conversations/:id/leave-message/answer', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    const body = await readJson(c, LeaveMessageAnswer);
    return c.json(await deps.leaveMessageDesk.answer(staff, c.req.param('id'), body), 201);
  });
};
