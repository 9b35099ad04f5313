import { runRoutingJobs } from '../../shared/routing';
import type { AppDeps } from '../_http/AppDeps';

/**
 * One sweep of the jobs function: interrupted store batches, the routing timers (automatic replies, re-offers, presence) and
 * the proactive messages and reply pushes that are due (first tries and retries with backoff). The FC timer and the local
 * dev server's interval both run exactly this.
 */
export async function runJobs(deps: AppDeps) {
  const tenants = await deps.accounts.listTenants();
  // First, batches a crash cut off between store partitions (Tablestore; see
  // shared/store/tablestoreBatch.ts) are finished, so the sweeps below read complete queues.
  let recovered = 0;
  for (const tenant of tenants) {
    // One merchant's store trouble must not hold up the sweep for the others: tried next sweep.
    recovered += await deps.store
      .tenant(tenant)
      .recover()
      .catch((err: unknown) => (deps.logger.warn({ err, tenant }, 'store recovery failed; retried next sweep'), 0));
  }
  const routing = await runRoutingJobs(deps);
  const pushes = { sent: 0, failed: 0, gaveUp: 0 };
  const proactive = { sent: 0, optedOut: 0, deduplicated: 0, failed: 0 };
  for (const tenant of tenants) {
    // Proactive messages first: a push for one of them can then go out in the same sweep.
    const p = await deps.proactive.deliverDue(tenant);
    for (const k of Object.keys(proactive) as (keyof typeof proactive)[]) proactive[k] += p[k];
    await deps.proactive.sweepReplayMarks(tenant);
    const r = await deps.replyNotifier.deliver(tenant);
    pushes.sent += r.sent;
    pushes.failed += r.failed;
    pushes.gaveUp += r.gaveUp;
  }
  return { ...routing, pushes, proactive, recovered };
}
