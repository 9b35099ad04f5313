import { KefuError } from '../../shared/errors';
import { EmptyRequest, EscalateRequest, HoldRequest, PresenceRequest, SendTextRequest, TicketEditRequest, TransferRequest } from '../../shared/schemas';
import type { RouteGroup } from '../_http/createFunctionApp';
import { service } from '../_http/createFunctionApp';
import { readJson } from '../_http/readJson';
import { authenticate, staffRoles } from '../_http/authenticate';
import { intQuery } from '../_http/queryParams';
import { customerRoutes } from './customerRoutes';

/** A user id as logins accept it; anything else names no user and is not sent to the store. */
const USER_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** `agent`: the workbench: presence, inbox, accept, reply, transfer, escalate, resolve. */
export const agentRoutes: RouteGroup = (app, deps) => {
  customerRoutes(app, deps);
  const svc = service('agent');

  app.get('/v1/agent/presence', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    return c.json((await deps.routing.presence(staff.tenant, staff.id)).value);
  });

  // The console calls this once per login: the merchant decides whether that means 在线 (and
  // with it automatic assignment); the answer carries the idle minutes after which it goes 小休.
  app.post('/v1/agent/presence/session', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    await readJson(c, EmptyRequest);
    const settings = await deps.merchantSettings.presenceSettings(staff.tenant);
    const current = (await deps.routing.presence(staff.tenant, staff.id)).value;
    // Staff who take no conversations (capacity 0, e.g. an admin) are not counted as 在线.
    const presence = settings.onlineOnLogin && current.capacity > 0 ? await deps.conversations.assignment.setPresence(staff, 'online') : current;
    return c.json({ presence, settings });
  });

  // The merchant's presence settings as the console needs them after a reload (idle minutes).
  app.get('/v1/agent/presence/settings', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    return c.json(await deps.merchantSettings.presenceSettings(staff.tenant));
  });

  app.put('/v1/agent/presence', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    const body = await readJson(c, PresenceRequest);
    return c.json(await deps.conversations.assignment.setPresence(staff, body.status));
  });

  app.post('/v1/agent/conversations/:id/transfer', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    const body = await readJson(c, TransferRequest);
    return c.json(await deps.conversations.assignment.transfer(staff, c.req.param('id'), body));
  });

  app.post('/v1/agent/conversations/:id/hold', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    const body = await readJson(c, HoldRequest);
    return c.json(await deps.conversations.agents.hold(staff, c.req.param('id'), body.onHold));
  });

  app.get('/v1/agent/alerts', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    return c.json({ alerts: await deps.conversations.timers.alerts(staff) });
  });

  app.post('/v1/agent/conversations/:id/escalate', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    const body = await readJson(c, EscalateRequest);
    return c.json(await deps.conversations.assignment.escalate(staff, c.req.param('id'), body.note));
  });

  app.get('/v1/agent/inbox', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    const box = c.req.query('box') ?? 'waiting';
    if (box !== 'waiting' && box !== 'mine' && box !== 'all') {
      throw new KefuError('VALIDATION_FAILED', '参数 box 只能是 waiting、mine 或 all', { field: 'box', reason: 'enum' });
    }
    const limit = intQuery(c, 'limit', { min: 1, max: 100 }) ?? 50;
    // `since` (the version the workbench shows) long-polls until the inbox changes.
    const since = c.req.query('since');
    const timeoutMs = intQuery(c, 'timeout', { min: 0, max: deps.config.longPollTimeoutMs }) ?? deps.config.longPollTimeoutMs;
    return c.json(await deps.conversations.queries.inboxView(staff, box, { limit, ...(since !== undefined ? { since } : {}), timeoutMs, signal: c.req.raw.signal }));
  });

  // Internal notes: any of the merchant's staff, never shown to the user.
  app.post('/v1/agent/conversations/:id/notes', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    const body = await readJson(c, SendTextRequest);
    return c.json(await deps.conversations.agents.addNote(staff, c.req.param('id'), body.clientMessageId, body.text), 201);
  });

  // Correct a ticket field (category, order number, amount, time) the machine filled.
  app.put('/v1/agent/conversations/:id/ticket', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    const body = await readJson(c, TicketEditRequest);
    return c.json(await deps.conversations.agents.editTicket(staff, c.req.param('id'), body.field, body.text.trim()));
  });

  // The display names of the users in the workbench's lists (ids=u001,u002): the nickname the
  // user chats under. Staff without customer-data permission get it masked (张*), like the rest.
  app.get('/v1/agent/user-names', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    const ids = [...new Set((c.req.query('ids') ?? '').split(',').filter((id) => USER_ID.test(id)))].slice(0, 100);
    return c.json({ names: await deps.accounts.userNames(staff, ids) });
  });

  // Where a conversation can be transferred to.
  app.get('/v1/agent/groups', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    return c.json({ groups: (await deps.routing.listGroups(staff.tenant)).map((g) => ({ id: g.id, name: g.name })) });
  });

  // Colleagues a conversation can be transferred to by name: every enabled colleague who takes
  // conversations, online with room first; the others are listed as such (the workbench shows them
  // greyed out, so nobody wonders where a colleague went). One who never went online has no presence.
  app.get('/v1/agent/colleagues', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    const [people, presence] = await Promise.all([deps.accounts.listStaff(staff.tenant), deps.routing.listPresence(staff.tenant)]);
    const presenceOf = new Map(presence.map((p) => [p.agentId, p]));
    const colleagues = people
      .filter((p) => p.id !== staff.id && !p.disabled && p.maxConcurrent > 0)
      .map((p) => {
        const now = presenceOf.get(p.id);
        return { id: p.id, name: p.displayName, status: now?.status ?? 'offline', active: now?.active ?? 0, capacity: now?.capacity ?? p.maxConcurrent, available: now ? deps.routing.isAvailable(now) : false };
      })
      .sort((a, b) => Number(b.available) - Number(a.available) || a.name.localeCompare(b.name, 'zh-CN'));
    return c.json({ colleagues });
  });

  // Canned replies for the composer (typed with "/"); the merchant edits them in settings.
  app.get('/v1/agent/canned-replies', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    return c.json({ replies: await deps.merchantSettings.cannedReplies(staff.tenant) });
  });

  app.post('/v1/agent/conversations/:id/claim', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    await readJson(c, EmptyRequest);
    return c.json(await deps.conversations.assignment.claim(staff, c.req.param('id')));
  });

  app.post('/v1/agent/conversations/:id/messages', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    const body = await readJson(c, SendTextRequest);
    // A user who left the chat gets an Alipay message: the reply push listens to the commit.
    return c.json(await deps.conversations.agents.reply(staff, c.req.param('id'), body.clientMessageId, body.text), 201);
  });

  app.get('/v1/agent/conversations/:id/understanding', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    return c.json({ messages: await deps.conversations.queries.understandings(staff, c.req.param('id')) });
  });

  // The first name of the route above, answered in its first shape for callers written against it.
  app.get('/v1/agent/conversations/:id/analysis', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    const messages = await deps.conversations.queries.understandings(staff, c.req.param('id'));
    return c.json({ analyses: messages.map((m) => ({ seq: m.seq, analysis: m.understanding })) });
  });

  app.post('/v1/agent/conversations/:id/resolve', svc, async (c) => {
    const staff = await authenticate(c, deps, staffRoles);
    await readJson(c, EmptyRequest);
    return c.json(await deps.conversations.assignment.resolve(staff, c.req.param('id')));
  });
};
