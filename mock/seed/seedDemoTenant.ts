import { type AccountService, TenantOnboarding } from '../../shared/accounts';
import type { FaqService } from '../../shared/faq';
import { defaultFaq } from './defaultFaq';
import { DEMO_PASSWORD, DEMO_REPLY_TEMPLATE, DEMO_TENANT, demoGroups, demoPinnedTiers, demoScenarioRules, demoStaff, demoUsers } from './demoTenant';
import { defaultRoutingSettings, type RoutingService } from '../../shared/routing';
import { writeNotifySettings } from '../../shared/push';
import { defaultNotifySettings } from '../../shared/schemas';
import type { Store } from '../../shared/store';

/**
 * Seeds the demo merchant once, through the same onboarding as `kefu tenant create`. Returns false
 * when it already exists, so a restart keeps whatever the developer changed since.
 */
export async function seedDemoTenant(deps: { accounts: AccountService; faq: FaqService; routing: RoutingService; store: Store }): Promise<boolean> {
  const { accounts, faq, routing, store } = deps;
  if (await accounts.tenantExists(DEMO_TENANT)) return false;
  const admin = demoStaff.find((s) => s.role === 'admin')!;
  await new TenantOnboarding(accounts, store).create(
    { id: DEMO_TENANT, name: '演示商户', admin: admin.username, adminName: admin.displayName },
    {
      // The demo's logins are published (README, dev banner); a real merchant gets a temporary one.
      adminPassword: DEMO_PASSWORD,
      // The seed is the only writer of its id: a start after an interrupted seed redoes it at once.
      resume: true,
      // Onboarding writes the merchant row after this, so an interrupted seed is redone next start.
      prepare: async () => {
        for (const staff of demoStaff.filter((s) => s !== admin)) {
          await accounts.putStaff(DEMO_TENANT, { ...staff, skills: [...staff.skills], password: DEMO_PASSWORD });
        }
        for (const user of demoUsers) await accounts.putUser(DEMO_TENANT, user);
        for (const g of demoGroups) await routing.putGroup(DEMO_TENANT, g.id, g);
        await routing.putSettings(DEMO_TENANT, { ...defaultRoutingSettings, pinnedTiers: demoPinnedTiers, scenarioRules: demoScenarioRules });
        await faq.importFile(DEMO_TENANT, 'json', JSON.stringify(defaultFaq), { mode: 'replace' });
        // Reply notices are offered in the mini-program only when the merchant chose a template.
        await writeNotifySettings(store, DEMO_TENANT, { ...defaultNotifySettings, replyTemplateIds: [DEMO_REPLY_TEMPLATE] });
      },
    },
  );
  return true;
}
