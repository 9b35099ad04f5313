import type { AppDeps } from '../_http/AppDeps';
import { deployedDeps, type MakeDeps } from './deployedDeps';
import { RoleCredentials } from './RoleCredentials';

/** What the timer trigger's payload may set: sweeps per invocation and the pause between them. */
interface TimerPayload {
  sweeps?: number;
  intervalMs?: number;
}

/** FC3 hands an event function the event as a Buffer (or string); the timer's is JSON. */
export type FcEventHandler = (event: Buffer | string, context: unknown) => Promise<string>;

/**
 * The deployed entry of a timer function. An FC timer fires at most once a minute, while a waiting
 * user's automatic reply is due after 30 s: one invocation runs several sweeps (6, 10 s apart, by
 * default) so thresholds are met within seconds. The payload `{"sweeps", "intervalMs"}` overrides.
 */
export function timerHandler(job: (deps: AppDeps) => Promise<unknown>, makeDeps: MakeDeps = deployedDeps, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): FcEventHandler {
  // As in functionHandler: the store is reused across invocations, its role credentials are not.
  const role = new RoleCredentials();
  let deps: AppDeps | undefined;
  return async (event, context) => {
    role.update(context);
    deps ??= makeDeps(role);
    const payload = parsePayload(event);
    const sweeps = Math.min(Math.max(payload.sweeps ?? 6, 1), 60);
    const intervalMs = Math.min(Math.max(payload.intervalMs ?? 10_000, 0), 60_000);
    const reports: unknown[] = [];
    for (let i = 0; i < sweeps; i++) {
      if (i > 0) await sleep(intervalMs);
      reports.push(await job(deps));
    }
    return JSON.stringify({ sweeps: reports });
  };
}

function parsePayload(event: Buffer | string): TimerPayload {
  try {
    const outer = JSON.parse(event.toString()) as { payload?: string } & TimerPayload;
    const inner = typeof outer.payload === 'string' && outer.payload ? (JSON.parse(outer.payload) as TimerPayload) : outer;
    return { ...(typeof inner.sweeps === 'number' ? { sweeps: inner.sweeps } : {}), ...(typeof inner.intervalMs === 'number' ? { intervalMs: inner.intervalMs } : {}) };
  } catch {
    // A timer event we cannot read still runs the default sweeps: the job must not be skipped.
    return {};
  }
}
