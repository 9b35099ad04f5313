/**
 * `npm run bench:routing [-- --json]`: a seeded discrete-event simulation of Poisson arrivals and
 * exponential handling times through the real routing code (a Kefu from createKefu, as deployed, on
 * SQLite in memory, with a virtual clock):
 *
 * 1. one group, c agents of capacity 1, FIFO: mean wait next to the Erlang C formula at 70 %, 85 %
 *    and 95 % utilisation;
 * 2. 10 % VIP traffic at 90 % utilisation: mean, p95 and p99 wait per tier;
 * 3. routing decisions per second through the real SQLite store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Store } from '../../shared/store';
import { createSqliteStore } from '../../shared/store/drivers';
import type { Principal } from '../../shared/auth';
import { defaultRoutingSettings } from '../../shared/routing';
import { benchKefu } from './benchKefu';

const T = 'bench';

/** Mulberry32: a small seeded generator, so every run simulates the same arrivals. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const exponential = (rnd: () => number, mean: number) => -Math.log(1 - rnd()) * mean;

/** Erlang C: mean time in queue for c servers, arrival rate lambda, service rate mu. */
export function erlangCWait(c: number, lambda: number, mu: number): number {
  const a = lambda / mu;
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const top = term * (a / c) * (c / (c - a));
  const pWait = top / (sum + top);
  return pWait / (c * mu - lambda);
}

interface Scenario {
  readonly agents: number;
  readonly utilisation: number;
  readonly meanHandlingSeconds: number;
  readonly arrivals: number;
  readonly vipShare: number;
  readonly vipLeadSeconds: number;
  readonly seed: number;
}

interface WaitStats {
  readonly n: number;
  readonly meanSeconds: number;
  readonly p95Seconds: number;
  readonly p99Seconds: number;
}

function stats(waits: number[]): WaitStats {
  const sorted = [...waits].sort((a, b) => a - b);
  const q = (p: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10;
  const mean = waits.reduce((a, b) => a + b, 0) / Math.max(1, waits.length);
  return { n: waits.length, meanSeconds: Math.round(mean * 10) / 10, p95Seconds: q(0.95), p99Seconds: q(0.99) };
}

/** Runs one scenario through the real routing code; waits (assignedAt - arrival) per VIP tier. */
export async function simulate(s: Scenario): Promise<{ normal: WaitStats; vip: WaitStats; all: WaitStats }> {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const clock = () => new Date(now);
  // SQLite in memory: its B-tree keeps every operation logarithmic over long simulations.
  const store = createSqliteStore({ file: ':memory:' });
  const { accounts, conversations: kefu, routing } = benchKefu(store, clock);
  const agents = Array.from({ length: s.agents }, (_, i) => `agent${i}`);
  for (const a of agents) await accounts.putStaff(T, { username: a, displayName: a, role: 'agent', password: 'Bench@2026', maxConcurrent: 1 });
  await routing.putGroup(T, 'g', { name: '全部', members: agents });
  await routing.putGroup(T, 'x', { name: '专家', members: [agents[0]!] });
  await routing.putSettings(T, { ...defaultRoutingSettings, categoryGroups: {}, defaultGroup: 'g', expertGroup: 'x', vipLeadSeconds: s.vipLeadSeconds, historyDays: 0 });
  for (const a of agents) await routing.setPresence(T, a, 'online');

  const rnd = random(s.seed);
  const mu = 1 / s.meanHandlingSeconds;
  const lambda = s.utilisation * s.agents * mu;
  // Event list: arrivals are generated one ahead; completions are scheduled on assignment.
  const completions: { at: number; conversationId: string; agentId: string }[] = [];
  const arrivedAt = new Map<string, { at: number; vip: boolean; index: number }>();
  const assigned = new Set<string>();
  const waits = { normal: [] as number[], vip: [] as number[] };
  const warmup = Math.floor(s.arrivals / 10);
  let nextArrival = now + exponential(rnd, 1 / lambda) * 1000;
  let arrivals = 0;
  // Sessions stay alive: agents poll the workbench all the time (a touch every 20 s is plenty).
  let touchedAt = -Infinity;
  const keepAlive = async () => {
    if (now - touchedAt < 20_000) return;
    touchedAt = now;
    for (const a of agents) await routing.touch(T, a);
  };

  const collectAssignments = async () => {
    const rows = (await store.tenant(T).range<{ conversationId: string }>('assigned', [], { limit: 1000 })).rows;
    for (const row of rows) {
      const id = row.value.conversationId;
      if (assigned.has(id)) continue;
      assigned.add(id);
      const arrival = arrivedAt.get(id)!;
      if (arrival.index >= warmup) (arrival.vip ? waits.vip : waits.normal).push((now - arrival.at) / 1000);
      const at = now + exponential(rnd, s.meanHandlingSeconds) * 1000;
      const i = completions.findIndex((c) => c.at > at);
      completions.splice(i < 0 ? completions.length : i, 0, { at, conversationId: id, agentId: String(row.key[0]) });
    }
  };

  while (arrivals < s.arrivals || completions.length) {
    const completion = completions[0];
    if (arrivals < s.arrivals && (!completion || nextArrival <= completion.at)) {
      now = nextArrival;
      await keepAlive();
      const vip = rnd() < s.vipShare;
      const user: Principal = { tenant: T, id: `u${arrivals}`, role: 'user' };
      if (vip) await accounts.putUser(T, { id: user.id, name: user.id, vipTier: 1 });
      const c = await kefu.users.create(user);
      arrivedAt.set(c.id, { at: now, vip, index: arrivals });
      arrivals++;
      await kefu.users.sendText(user, c.id, 'm', '转人工');
      nextArrival = now + exponential(rnd, 1 / lambda) * 1000;
    } else if (completion) {
      completions.shift();
      now = completion.at;
      await keepAlive();
      await kefu.assignment.resolve({ tenant: T, id: completion.agentId, role: 'agent' }, completion.conversationId);
    }
    await collectAssignments();
  }
  await store.close();
  return { normal: stats(waits.normal), vip: stats(waits.vip), all: stats([...waits.normal, ...waits.vip]) };
}

/** Handoffs routed and assigned per second through the real SQLite store. */
async function decisionsPerSecond(count: number): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-routing-'));
  const store: Store = createSqliteStore({ file: path.join(dir, 'kefu.sqlite') });
  try {
    const { accounts, conversations: kefu, routing } = benchKefu(store);
    const agents = Array.from({ length: 20 }, (_, i) => `agent${i}`);
    for (const a of agents) await accounts.putStaff(T, { username: a, displayName: a, role: 'agent', password: 'Bench@2026', maxConcurrent: 5 });
    await routing.putGroup(T, 'g', { name: '全部', members: agents });
    await routing.putGroup(T, 'x', { name: '专家', members: [agents[0]!] });
    await routing.putSettings(T, { ...defaultRoutingSettings, categoryGroups: {}, defaultGroup: 'g', expertGroup: 'x' });
    for (const a of agents) await routing.setPresence(T, a, 'online');
    const users = Array.from({ length: count }, (_, i): Principal => ({ tenant: T, id: `u${i}`, role: 'user' }));
    const opened = [];
    for (const u of users) opened.push(await kefu.users.create(u));
    const started = performance.now();
    for (let i = 0; i < count; i++) await kefu.users.sendText(users[i]!, opened[i]!.id, 'm', '转人工');
    return Math.round(count / ((performance.now() - started) / 1000));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const log = (line: string) => {
    if (!json) process.stdout.write(`${line}\n`);
  };
  const agents = 10;
  const handling = 180;
  const erlang = [];
  log('1. one group, 10 agents x capacity 1, FIFO, mean handling 180 s (simulated vs Erlang C)');
  log(`${'utilisation'.padEnd(12)} ${'arrivals'.padStart(8)} ${'sim mean wait s'.padStart(16)} ${'Erlang C s'.padStart(11)} ${'diff %'.padStart(7)}`);
  // Long runs: near saturation a mean wait converges slowly (busy periods are long).
  for (const [utilisation, arrivals] of [[0.7, 50_000], [0.85, 150_000], [0.95, 300_000]] as const) {
    process.stderr.write(`simulating ${utilisation * 100} % ...\n`);
    const sim = await simulate({ agents, utilisation, meanHandlingSeconds: handling, arrivals, vipShare: 0, vipLeadSeconds: 0, seed: 42 });
    const mu = 1 / handling;
    const theory = erlangCWait(agents, utilisation * agents * mu, mu);
    const diff = Math.round(((sim.all.meanSeconds - theory) / theory) * 1000) / 10;
    erlang.push({ utilisation, arrivals, simMeanWaitSeconds: sim.all.meanSeconds, erlangCSeconds: Math.round(theory * 10) / 10, diffPercent: diff });
    log(`${`${utilisation * 100} %`.padEnd(12)} ${String(arrivals).padStart(8)} ${String(sim.all.meanSeconds).padStart(16)} ${(Math.round(theory * 10) / 10).toString().padStart(11)} ${String(diff).padStart(7)}`);
  }
  process.stderr.write('simulating VIP traffic ...\n');
  const vipLead = defaultRoutingSettings.vipLeadSeconds;
  const vip = await simulate({ agents, utilisation: 0.9, meanHandlingSeconds: handling, arrivals: 30_000, vipShare: 0.1, vipLeadSeconds: vipLead, seed: 7 });
  log(`\n2. 10 % VIP (tier 1, lead ${vipLead} s) at 90 % utilisation`);
  log(`${'tier'.padEnd(8)} ${'n'.padStart(6)} ${'mean s'.padStart(8)} ${'p95 s'.padStart(8)} ${'p99 s'.padStart(8)}`);
  for (const [name, st] of [['VIP', vip.vip], ['normal', vip.normal]] as const) {
    log(`${name.padEnd(8)} ${String(st.n).padStart(6)} ${String(st.meanSeconds).padStart(8)} ${String(st.p95Seconds).padStart(8)} ${String(st.p99Seconds).padStart(8)}`);
  }
  const ratio = Math.round((vip.vip.meanSeconds / vip.normal.meanSeconds) * 1000) / 1000;
  log(`VIP mean / normal mean: ${ratio} (target <= 0.2)`);
  process.stderr.write('measuring decisions per second on SQLite ...\n');
  const perSecond = await decisionsPerSecond(2000);
  log(`\n3. routing decisions (handoff -> routed -> assigned) on SQLite: ${perSecond} per second`);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ erlangC: erlang, vip: { leadSeconds: vipLead, utilisation: 0.9, vip: vip.vip, normal: vip.normal, vipToNormalMean: ratio }, decisionsPerSecond: perSecond, targets: { erlangDiffPercent: 10, vipToNormalMean: 0.2 } })}\n`,
    );
  }
}

if (require.main === module) void main();
