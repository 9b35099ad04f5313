import type { Context } from 'hono';
import { KefuError } from '../../shared/errors';
import { EmptyRequest, EntryConfig, FaqEntryInput, FaqSettings, NotifySettings, RoutingSettings, SkillGroupInput, FaqGapDismissRequest, FaqGapNewEntryRequest, FaqGapSimilarRequest, CannedRepliesRequest, CustomerApiRequest, InviteStaffRequest, StaffRoleRequest } from '../../shared/schemas';
import { faqInsight, faqGapActions } from '../../shared/faq';
import type { Role } from '../../shared/auth';
import type { AppEnv } from '../_http/AppDeps';
import { type RouteGroup, service } from '../_http/createFunctionApp';
import { checkMerchantUrl } from '../../shared/net';
import { PresenceSettings, ActionLinkSettings, checkActionLinks } from '../../shared/merchant';
import { readJson } from '../_http/readJson';
import { authenticate } from '../_http/authenticate';
import { intQuery } from '../_http/queryParams';
import { ScenarioInput } from '../../shared/nlp';

/** Who may change the merchant's knowledge base and settings. */
const managers: readonly Role[] = ['admin', 'supervisor'];

/** A user id as logins accept it; anything else cannot name a user, and is not sent to the store. */
const USER_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

function enumQuery<T extends string>(c: Context<AppEnv>, name: string, allowed: readonly T[], fallback: T): T {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new KefuError('VALIDATION_FAILED', `参数 ${name} 只能是 ${allowed.join(' 或 ')}`, { field: name, reason: 'enum' });
  }
  return raw as T;
}

/** `merchant`: the merchant's settings and FAQ administration (CRUD, import/export, insight). */
export const merchantRoutes: RouteGroup = (app, deps) => {
  const svc = service('merchant');

  app.get('/v1/merchant/faq', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    const enabled = enumQuery(c, 'enabled', ['true', 'false', 'all'], 'all');
    const category = c.req.query('category');
    const q = c.req.query('q');
    const offset = intQuery(c, 'offset', { min: 0, max: 1_000_000 }) ?? 0;
    const limit = intQuery(c, 'limit', { min: 1, max: 200 }) ?? 20;
    const page = await deps.faq.list(staff.tenant, {
      offset,
      limit,
      ...(q ? { q } : {}),
      ...(category ? { category } : {}),
      ...(enabled !== 'all' ? { enabled: enabled === 'true' } : {}),
    });
    return c.json({ ...page, offset, limit });
  });

  app.post('/v1/merchant/faq', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await deps.faq.create(staff.tenant, await readJson(c, FaqEntryInput)), 201);
  });

  // Static paths before `/:id`, so "export", "insight" and "gaps" are never taken for ids.
  app.get('/v1/merchant/faq/export', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    const format = enumQuery(c, 'format', ['json', 'csv'], 'json');
    const body = format === 'csv' ? await deps.faq.exportCsv(staff.tenant) : await deps.faq.exportJson(staff.tenant);
    return c.body(body, 200, {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="faq-${staff.tenant}.${format}"`,
    });
  });

  app.get('/v1/merchant/faq/insight', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await faqInsight(deps.faq, staff.tenant));
  });

  // Learning from gaps: the questions the bot could not settle, grouped, and closing them. Those
  // who may edit the knowledge base act on them; each change goes through the FAQ's write path.
  app.get('/v1/merchant/faq/gaps', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await faqGapActions.list(deps.faq, staff.tenant, Date.now()));
  });

  app.post('/v1/merchant/faq/gaps/new-entry', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await faqGapActions.acceptAsEntry(deps.faq, staff.tenant, await readJson(c, FaqGapNewEntryRequest)), 201);
  });

  app.post('/v1/merchant/faq/gaps/similar', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await faqGapActions.acceptAsSimilar(deps.faq, staff.tenant, await readJson(c, FaqGapSimilarRequest)));
  });

  app.post('/v1/merchant/faq/gaps/dismiss', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await faqGapActions.dismiss(deps.faq, staff.tenant, await readJson(c, FaqGapDismissRequest)));
  });

  app.post('/v1/merchant/faq/import', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    const type = c.req.header('content-type') ?? '';
    const format = enumQuery(c, 'format', ['json', 'csv'], /csv/i.test(type) ? 'csv' : 'json');
    const mode = enumQuery(c, 'mode', ['merge', 'replace'], 'merge');
    return c.json(await deps.faq.importFile(staff.tenant, format, await c.req.text(), { mode }));
  });

  app.get('/v1/merchant/faq/:id', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await deps.faq.get(staff.tenant, c.req.param('id')));
  });

  app.put('/v1/merchant/faq/:id', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await deps.faq.update(staff.tenant, c.req.param('id'), await readJson(c, FaqEntryInput)));
  });

  app.delete('/v1/merchant/faq/:id', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    await deps.faq.delete(staff.tenant, c.req.param('id'));
    return c.json({ id: c.req.param('id'), deleted: true });
  });

  for (const [action, enabled] of [['enable', true], ['disable', false]] as const) {
    app.post(`/v1/merchant/faq/:id/${action}`, svc, async (c) => {
      const staff = await authenticate(c, deps, managers);
      await readJson(c, EmptyRequest);
      return c.json(await deps.faq.setEnabled(staff.tenant, c.req.param('id'), enabled));
    });
  }

  app.get('/v1/merchant/settings/faq', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await deps.faq.settings(staff.tenant));
  });

  app.put('/v1/merchant/settings/faq', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await deps.faq.putSettings(staff.tenant, await readJson(c, FaqSettings)));
  });

  // Reply notifications: the subscription templates (商家平台 > 消息) the chat offers, their kind, the page.
  app.get('/v1/merchant/settings/notify', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await deps.replyNotifier.settings(staff.tenant));
  });

  app.put('/v1/merchant/settings/notify', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await deps.merchantSettings.setNotifySettings(staff.tenant, await readJson(c, NotifySettings)));
  });

  // Agents' presence: 在线 on login or not, automatic 小休 after idle minutes.
  app.get('/v1/merchant/settings/presence', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await deps.merchantSettings.presenceSettings(staff.tenant));
  });

  app.put('/v1/merchant/settings/presence', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await deps.merchantSettings.setPresenceSettings(staff.tenant, await readJson(c, PresenceSettings)));
  });

  // FAQ actions on H5: the web address of each action's mini-program page (https, public host).
  app.get('/v1/merchant/settings/action-links', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await deps.merchantSettings.actionLinks(staff.tenant));
  });

  app.put('/v1/merchant/settings/action-links', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await deps.merchantSettings.setActionLinks(staff.tenant, checkActionLinks(await readJson(c, ActionLinkSettings))));
  });

  // The same links for the user's chat (their own merchant's, from the token): the H5 page opens
  // them. Under /v1/merchant/ so the custom domain's merchant prefix reaches it (s.yaml).
  app.get('/v1/merchant/action-links', svc, async (c) => {
    const user = await authenticate(c, deps, ['user']);
    return c.json(await deps.merchantSettings.actionLinks(user.tenant));
  });

  app.get('/v1/merchant/groups', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json({ groups: await deps.routing.listGroups(staff.tenant) });
  });

  app.put('/v1/merchant/groups/:id', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    const id = c.req.param('id');
    if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(id)) throw new KefuError('VALIDATION_FAILED', '技能组 id 只能包含字母、数字和 _.:-', { field: 'id', reason: 'pattern' });
    return c.json(await deps.routing.putGroup(staff.tenant, id, await readJson(c, SkillGroupInput)));
  });

  app.delete('/v1/merchant/groups/:id', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    await deps.routing.deleteGroup(staff.tenant, c.req.param('id'));
    return c.json({ id: c.req.param('id'), deleted: true });
  });

  app.get('/v1/merchant/settings/routing', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await deps.routing.settings(staff.tenant));
  });

  app.put('/v1/merchant/settings/routing', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await deps.routing.putSettings(staff.tenant, await readJson(c, RoutingSettings)));
  });

  // The scenario taxonomy (Kefu's default as the seed, the merchant's edits per tenant), for scenario routing rules.
  app.get('/v1/merchant/scenarios', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json({ scenarios: await deps.routing.scenarios.list(staff.tenant) });
  });

  app.put('/v1/merchant/scenarios/:id', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json(await deps.routing.scenarios.put(staff.tenant, c.req.param('id'), await readJson(c, ScenarioInput)));
  });

  app.delete('/v1/merchant/scenarios/:id', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    await deps.routing.scenarios.remove(staff.tenant, c.req.param('id'));
    return c.json({ id: c.req.param('id'), deleted: true });
  });

  app.post('/v1/merchant/scenarios/:id/restore', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    await readJson(c, EmptyRequest);
    return c.json(await deps.routing.scenarios.restore(staff.tenant, c.req.param('id')));
  });

  /** Every agent's presence and load, for supervisors. */
  app.get('/v1/merchant/agents', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    return c.json({ agents: await deps.board.agents(staff.tenant) });
  });

  /**
   * The entry button's look, read by every mini-program launch: public (the mini-program shows the
   * button before anyone logs in), cached for 5 minutes so a merchant's change shows without a release.
   */
  app.get('/v1/entry-config', svc, async (c) => {
    const tenant = c.req.query('tenant') ?? '';
    if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(tenant) || !(await deps.accounts.tenantExists(tenant))) throw new KefuError('TENANT_NOT_FOUND');
    const config = await deps.merchantSettings.entryConfig(tenant);
    c.header('cache-control', 'public, max-age=300');
    return c.json(config);
  });

  // Staff accounts: the admin invites, disables and resets passwords (temporary ones, shown once).
  app.get('/v1/merchant/staff', svc, async (c) => {
    const staff = await authenticate(c, deps, ['admin']);
    return c.json({ staff: await deps.accounts.listStaff(staff.tenant) });
  });

  app.post('/v1/merchant/staff', svc, async (c) => {
    const admin = await authenticate(c, deps, ['admin']);
    const body = await readJson(c, InviteStaffRequest);
    return c.json(await deps.accounts.inviteStaff(admin.tenant, body), 201);
  });

  for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/v1/merchant/staff/:username/${action}`, svc, async (c) => {
      const admin = await authenticate(c, deps, ['admin']);
      // Only disabling oneself is refused (it would lock the merchant out); enabling oneself is a
      // no-op, since a disabled admin's session no longer gets this far.
      if (disabled && c.req.param('username') === admin.id) throw new KefuError('VALIDATION_FAILED', '不能停用自己的账号');
      // Disabling ends their sessions, which takes them offline (AccountService.onStaffSessionsEnded).
      return c.json(await deps.accounts.setStaffDisabled(admin.tenant, c.req.param('username'), disabled));
    });
  }

  // A new role ends the colleague's sessions; demoting oneself could leave the merchant without an admin.
  app.post('/v1/merchant/staff/:username/role', svc, async (c) => {
    const admin = await authenticate(c, deps, ['admin']);
    const body = await readJson(c, StaffRoleRequest);
    if (c.req.param('username') === admin.id) throw new KefuError('VALIDATION_FAILED', '不能修改自己的角色');
    return c.json(await deps.accounts.setStaffRole(admin.tenant, c.req.param('username'), body.role));
  });

  // 全部下线: every session of the colleague ends (a lost laptop); they can log in again.
  app.post('/v1/merchant/staff/:username/logout-all', svc, async (c) => {
    const admin = await authenticate(c, deps, ['admin']);
    await deps.accounts.endStaffSessions(admin.tenant, c.req.param('username'));
    return c.body(null, 204);
  });

  // Accounts locked by failed logins, and lifting a lock before its backoff runs out.
  app.get('/v1/merchant/login-locks', svc, async (c) => {
    const admin = await authenticate(c, deps, ['admin']);
    return c.json({ locks: await deps.accounts.loginLocks(admin.tenant) });
  });

  app.post('/v1/merchant/staff/:username/unlock', svc, async (c) => {
    const admin = await authenticate(c, deps, ['admin']);
    return c.json(await deps.accounts.unlockLogin(admin.tenant, c.req.param('username')));
  });

  // End users: a supervisor or admin blocks one (abuse), which ends their sessions and refuses logins.
  for (const [action, blocked] of [['block', true], ['unblock', false]] as const) {
    app.post(`/v1/merchant/users/:id/${action}`, svc, async (c) => {
      const staff = await authenticate(c, deps, managers);
      const id = c.req.param('id');
      if (!USER_ID.test(id)) throw new KefuError('NOT_FOUND', '没有这个用户');
      return c.json(await deps.accounts.setUserBlocked(staff.tenant, id, blocked));
    });
  }

  for (const [action, allowed] of [['grant-customer-data', true], ['revoke-customer-data', false]] as const) {
    app.post(`/v1/merchant/staff/:username/${action}`, svc, async (c) => {
      const admin = await authenticate(c, deps, ['admin']);
      return c.json(await deps.accounts.setCustomerDataPermission(admin.tenant, c.req.param('username'), allowed));
    });
  }

  app.post('/v1/merchant/staff/:username/reset-password', svc, async (c) => {
    const admin = await authenticate(c, deps, ['admin']);
    return c.json(await deps.accounts.resetStaffPassword(admin.tenant, c.req.param('username')));
  });

  // The merchant's customer-data API (profile, transactions, devices, logins) and its signing secret.
  app.put('/v1/merchant/customer-api', svc, async (c) => {
    const staff = await authenticate(c, deps, ['admin']);
    const body = await readJson(c, CustomerApiRequest);
    // MERCHANT_URL_INVALID for userinfo, ?, #, http, IP literals and local names; the fetch-time
    // guard (GuardedFetcher) still checks the addresses the name resolves to on every request.
    const url = checkMerchantUrl(body.url, { allowLocal: deps.config.merchantUrlAllowLocal }).href;
    await deps.merchantSettings.setCustomerApi(staff.tenant, { url, secret: body.secret });
    // The secret is write-only: never sent back.
    return c.json({ url });
  });

  app.put('/v1/merchant/canned-replies', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    const body = await readJson(c, CannedRepliesRequest);
    await deps.merchantSettings.setCannedReplies(staff.tenant, body.replies);
    return c.json(body);
  });

  // The console's own read: the public one above may come from the browser's 5-minute cache, and a
  // form filled from it saved old values back over the merchant's last change.
  app.get('/v1/merchant/entry-config', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    c.header('cache-control', 'no-store');
    return c.json(await deps.merchantSettings.entryConfig(staff.tenant));
  });

  app.put('/v1/merchant/entry-config', svc, async (c) => {
    const staff = await authenticate(c, deps, managers);
    const config = await readJson(c, EntryConfig);
    return c.json(await deps.merchantSettings.setEntryConfig(staff.tenant, config));
  });
};
