import { runRoutingJobs } from '../../shared/routing/runRoutingJobs';
import type { AppDeps } from '../_http/AppDeps';

/**
 * One sweep of the jobs function: the routing timers (automatic replies, re-offers, presence) and
 * the reply pushes that are due (first tries and retries with backoff). The FC timer and the local
 * dev server's interval both run exactly this.
 */
export async function runJobs(deps: AppDeps) {
  const routing = await runRoutingJobs(deps);
  const pushes = { sent: 0, failed: 0, gaveUp: 0 };
  for (const tenant of await deps.accounts.listTenants()) {
    const r = await deps.replyNotifier.deliver(tenant);
    pushes.sent += r.sent;
    pushes.failed += r.failed;
    pushes.gaveUp += r.gaveUp;
  }
  return { ...routing, pushes };
}
