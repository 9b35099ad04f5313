import { CreateConversationRequest, FaqFeedbackRequest, FaqSelectRequest, MAX_SUBSCRIBE_TEMPLATES, ProactiveOptOutRequest, RatingRequest, SendUserMessageRequest, SubscriptionUpdateRequest } from '../../shared/schemas';
import { KefuError } from '../../shared/errors';
import { type RouteGroup, service } from '../_http/createFunctionApp';
import { readJson } from '../_http/readJson';
import { authenticate, staffRoles } from '../_http/authenticate';
import { intQuery } from '../_http/queryParams';
import { mediaRoutes } from './mediaRoutes';
import { leaveMessageRoutes } from './leaveMessageRoutes';

/** `message`: the user's side of a conversation: open it, write (text, voice, pictures), read history. */
export const messageRoutes: RouteGroup = (app, deps) => {
  const svc = service('message');
  mediaRoutes(app, deps);
  // 留言 first: its staff list is a fixed path that `/v1/conversations/:id` would match too.
  leaveMessageRoutes(app, deps);

  app.post('/v1/conversations', svc, async (c) => {
    const user = await authenticate(c, deps, ['user']);
    const body = await readJson(c, CreateConversationRequest);
    return c.json(await deps.conversations.users.create(user, body.channel), 201);
  });

  app.get('/v1/conversations', svc, async (c) => {
    const user = await authenticate(c, deps, ['user']);
    const limit = intQuery(c, 'limit', { min: 1, max: 100 }) ?? 20;
    return c.json({ conversations: await deps.conversations.queries.listForUser(user, limit) });
  });

  app.get('/v1/conversations/:id', svc, async (c) => {
    const principal = await authenticate(c, deps, ['user', ...staffRoles]);
    return c.json(await deps.conversations.queries.get(principal, c.req.param('id')));
  });

  app.post('/v1/conversations/:id/messages', svc, async (c) => {
    const user = await authenticate(c, deps, ['user']);
    const body = await readJson(c, SendUserMessageRequest);
    const conversationId = c.req.param('id');
    if ('mediaId' in body) {
      const media = await deps.media.messageBody(user, body.mediaId, conversationId);
      return c.json((await deps.conversations.users.sendMedia(user, conversationId, body.clientMessageId, media)).message, 201);
    }
    c.set('issue', body.text);
    const sent = await deps.conversations.users.sendText(user, conversationId, body.clientMessageId, body.text, 'intent' in body ? body.intent : undefined);
    // The request log takes the category from the understanding step instead of classifying again.
    if (sent.category) c.set('issueCategory', sent.category);
    return c.json(sent.message, 201);
  });

  app.get('/v1/conversations/:id/messages', svc, async (c) => {
    const principal = await authenticate(c, deps, ['user', ...staffRoles]);
    const before = intQuery(c, 'before', { min: 1, max: Number.MAX_SAFE_INTEGER });
    const limit = intQuery(c, 'limit', { min: 1, max: 100 });
    const page = await deps.conversations.queries.messages(principal, c.req.param('id'), {
      ...(before !== undefined ? { before } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
    return c.json(page);
  });

  // After the conversation: 1-5 stars, tags, comment, complaint flag; once.
  app.post('/v1/conversations/:id/rating', svc, async (c) => {
    const user = await authenticate(c, deps, ['user']);
    const body = await readJson(c, RatingRequest);
    if (body.comment) c.set('issue', body.comment);
    return c.json(await deps.conversations.users.rate(user, c.req.param('id'), body));
  });

  // Place in the queue and an estimated wait while the user waits for a human.
  app.get('/v1/conversations/:id/queue', svc, async (c) => {
    const principal = await authenticate(c, deps, ['user', ...staffRoles]);
    // With `known` (the position on screen) it long-polls until the position changes.
    const known = intQuery(c, 'known', { min: 0, max: 1_000_000 });
    const timeoutMs = intQuery(c, 'timeout', { min: 0, max: deps.config.longPollTimeoutMs }) ?? deps.config.longPollTimeoutMs;
    return c.json(await deps.conversations.timers.queueStatus(principal, c.req.param('id'), { ...(known !== undefined ? { known } : {}), timeoutMs, signal: c.req.raw.signal }));
  });

  // 猜你想问: shown when the chat opens; a tap is a faq-select with source "predicted".
  app.get('/v1/conversations/:id/predicted-questions', svc, async (c) => {
    const user = await authenticate(c, deps, ['user']);
    // From the user's recent events first (what the merchant told us and what its systems know).
    return c.json({ questions: await deps.predictedQuestions.forConversation(user, c.req.param('id')) });
  });

  app.post('/v1/conversations/:id/faq-feedback', svc, async (c) => {
    const user = await authenticate(c, deps, ['user']);
    const body = await readJson(c, FaqFeedbackRequest);
    return c.json(await deps.conversations.users.faqFeedback(user, c.req.param('id'), body.clientMessageId, body.faqId, body.resolved), 201);
  });

  app.post('/v1/conversations/:id/faq-select', svc, async (c) => {
    const user = await authenticate(c, deps, ['user']);
    const body = await readJson(c, FaqSelectRequest);
    return c.json(await deps.conversations.users.selectFaq(user, c.req.param('id'), body.clientMessageId, body.faqId, body.source ?? 'suggest'), 201);
  });

  // The user's choice about proactive messages (reminders after payments, refunds ...).
  app.put('/v1/me/proactive', svc, async (c) => {
    const user = await authenticate(c, deps, ['user']);
    const body = await readJson(c, ProactiveOptOutRequest);
    await deps.proactive.setOptOut(user.tenant, user.id, body.optOut);
    return c.json({ optOut: body.optOut });
  });

  app.get('/v1/me/proactive', svc, async (c) => {
    const user = await authenticate(c, deps, ['user']);
    return c.json({ optOut: await deps.proactive.optedOut(user.tenant, user.id) });
  });

  // "有回复时通知我": the merchant's reply templates to offer, and what this user accepted.
  app.get('/v1/me/subscriptions', svc, async (c) => {
    const user = await authenticate(c, deps, ['user']);
    return c.json(await deps.replyNotifier.subscriptionStatus(user.tenant, user.id));
  });

  // What my.requestSubscribeMessage returned after the user's tap.
  app.post('/v1/me/subscriptions', svc, async (c) => {
    const user = await authenticate(c, deps, ['user']);
    const body = await readJson(c, SubscriptionUpdateRequest);
    // One my.requestSubscribeMessage call takes at most 3 ids, accepted and rejected together.
    if (body.accepted.length + (body.rejected?.length ?? 0) > MAX_SUBSCRIBE_TEMPLATES) {
      throw new KefuError('VALIDATION_FAILED', `一次最多订阅 ${MAX_SUBSCRIBE_TEMPLATES} 个消息模板`, { field: 'accepted', reason: 'maxItems' });
    }
    return c.json(await deps.replyNotifier.recordSubscriptions(user.tenant, user.id, body));
  });
};
