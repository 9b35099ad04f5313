/**
 * `npm run bench:api [-- --json] [-- --duration=5] [-- --cpu-prof[=dir]]`: user messages through
 * the real HTTP stack and sqlite store at increasing concurrency, and a bare node:http server
 * returning a constant as the ceiling, in the same run on the same machine. Each server runs in
 * its own process. Two more levels repeat the last one with 20 console inbox long-polls open
 * (`box=waiting`, then `box=all`), each re-polling with the returned version the moment it is
 * answered, as the workbench does: what open consoles cost the message path, against the same
 * connections without pollers measured just before each.
 * `--cpu-prof` runs the kefu server under `node --cpu-prof` and prints where its CPU went.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import { createInterface } from 'node:readline';
import path from 'node:path';
import autocannon from 'autocannon';
import { summariseCpuProfile } from './cpuProfileSummary';

interface Target {
  readonly url: string;
  readonly users: { token: string; conversationId: string }[];
  readonly staff: { token: string; role: string }[];
  readonly child: ChildProcess;
}

interface Measured {
  readonly connections: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly requests: number;
}

type Box = 'waiting' | 'all';

interface PollerLevel extends Measured {
  readonly box: Box;
  readonly pollers: number;
  /** Long-polls answered per second (an inbox change, or the poll's timeout). */
  readonly pollsPerSecond: number;
  readonly pollErrors: number;
  /** msg/s of the same connections without pollers, measured just before (the reference). */
  readonly referenceRps: number;
  readonly referenceRequests: number;
  /** msg/s relative to the reference. */
  readonly ratio: number;
}

const json = process.argv.includes('--json');
const durationArg = process.argv.find((a) => a.startsWith('--duration='));
const duration = durationArg ? Number(durationArg.split('=')[1]) : 5;
const levels = [10, 50, 100];
const POLLERS = 20;
const POLLER_RATIO_TARGET = 0.8;
const profArg = process.argv.find((a) => a === '--cpu-prof' || a.startsWith('--cpu-prof='));
const profDir = profArg ? (profArg.includes('=') ? path.resolve(profArg.split('=')[1]!) : mkdtempSync(path.join(os.tmpdir(), 'kefu-prof-'))) : undefined;
const root = path.resolve(__dirname, '../..');

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

function startTarget(kind: 'kefu' | 'baseline'): Promise<Target> {
  const script = path.resolve(__dirname, 'apiBenchTarget.ts');
  // Under --cpu-prof, node itself with tsx as a loader, so the profile is of the server process
  // (the tsx binary would profile only its launcher); cwd is the repo so `--import tsx` resolves.
  const child =
    profDir && kind === 'kefu'
      ? spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--import', 'tsx', script, kind], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
      : spawn(path.join(root, 'node_modules/.bin/tsx'), [script, kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      const ready = JSON.parse(line) as Omit<Target, 'child'>;
      resolve({ ...ready, child });
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

/**
 * Message numbers across the whole run: a counter per level restarted at 1 and, with users handed
 * out from the first again, made every level after the first replay the first level's messages
 * (same conversation, client id and text): idempotent replays, cheaper than new messages.
 */
let sequence = 0;

async function load(target: Target, connections: number, kefu: boolean): Promise<Measured> {
  let nextUser = 0;
  const result = await autocannon({
    url: target.url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/',
        setupRequest: (request, context: { user?: { token: string; conversationId: string } }) => {
          // One user and conversation per connection, as in real traffic: users do not share chats.
          context.user ??= target.users[nextUser++ % Math.max(target.users.length, 1)];
          const user = context.user;
          sequence++;
          if (!kefu || !user) return { ...request, path: '/', body: '{"text":"x"}' };
          return {
            ...request,
            path: `/v1/conversations/${user.conversationId}/messages`,
            headers: { ...request.headers, 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
            body: JSON.stringify({ clientMessageId: `b${sequence}`, text: `昨天下午三点给朋友转了350块,对方说没收到 ${sequence}` }),
          };
        },
      },
    ],
  });
  return {
    connections,
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

/**
 * Long-polls `box` until `signal` aborts: the first poll answers at once with the inbox's version,
 * each next one waits for a change after it. Resolves when every poller has its first answer.
 */
function startPollers(target: Target, box: Box, count: number, signal: AbortSignal): { ready: Promise<void>; done: Promise<void>; stats: { answers: number; errors: number } } {
  // box=all is the supervisor's view; waiting is every staff member's.
  const tokens = target.staff.filter((s) => box === 'waiting' || s.role === 'supervisor' || s.role === 'admin').map((s) => s.token);
  if (tokens.length === 0) throw new Error(`no staff session may poll box=${box}`);
  const stats = { answers: 0, errors: 0 };
  const firsts: Promise<void>[] = [];
  const loops: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    let first!: () => void;
    firsts.push(new Promise<void>((resolve) => (first = resolve)));
    const headers = { authorization: `Bearer ${tokens[i % tokens.length]!}` };
    loops.push(
      (async () => {
        let version: string | undefined;
        while (!signal.aborted) {
          try {
            const since = version === undefined ? '' : `&since=${encodeURIComponent(version)}`;
            const res = await fetch(`${target.url}/v1/agent/inbox?box=${box}${since}`, { headers, signal });
            if (!res.ok) throw new Error(`inbox answered ${res.status}: ${await res.text()}`);
            version = ((await res.json()) as { version: string }).version;
            if (since) stats.answers++;
            first();
          } catch (err) {
            if (signal.aborted) break;
            stats.errors++;
            if (stats.errors === 1) progress(`poller error: ${err instanceof Error ? err.message : String(err)}`);
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
        first();
      })(),
    );
  }
  return { ready: Promise.all(firsts).then(() => undefined), done: Promise.all(loops).then(() => undefined), stats };
}

/**
 * The level with pollers, against the same connections without them measured just before: on
 * shared cores and a server still warming up, the earlier 100-connection level is no fair reference.
 */
async function loadWithPollers(target: Target, box: Box, connections: number): Promise<PollerLevel> {
  progress(`kefu: ${connections} connections without pollers (the reference) for ${duration}s`);
  const without = await load(target, connections, true);
  progress(`kefu: ${connections} connections with ${POLLERS} box=${box} inbox long-polls for ${duration}s`);
  const stop = new AbortController();
  const pollers = startPollers(target, box, POLLERS, stop.signal);
  await pollers.ready;
  const answeredBefore = pollers.stats.answers;
  const measured = await load(target, without.connections, true);
  const answered = pollers.stats.answers - answeredBefore;
  stop.abort();
  await pollers.done;
  return {
    ...measured,
    box,
    pollers: POLLERS,
    pollsPerSecond: Math.round(answered / duration),
    pollErrors: pollers.stats.errors,
    referenceRps: without.rps,
    referenceRequests: without.requests,
    ratio: Math.round((measured.rps / without.rps) * 1000) / 1000,
  };
}

/** Stops a target and waits for it to exit (under --cpu-prof the profile is written on exit). */
function stopTarget(target: Target): Promise<void> {
  if (target.child.exitCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => target.child.once('exit', () => resolve()));
  target.child.kill('SIGTERM');
  return exited;
}

function reportProfile(requests: number): void {
  if (!profDir) return;
  // tsx's loader runs in a worker thread that writes its own small profile: the server's is the
  // largest file.
  const sizeOf = (f: string) => statSync(path.join(profDir, f)).size;
  const profiles = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).sort((a, b) => sizeOf(a) - sizeOf(b));
  const newest = profiles[profiles.length - 1];
  if (!newest) {
    progress(`no .cpuprofile was written to ${profDir}`);
    return;
  }
  progress(`\n${summariseCpuProfile(path.join(profDir, newest), root, requests)}`);
}

async function main(): Promise<void> {
  const runs: { kefu: Measured[]; baseline: Measured[] } = { kefu: [], baseline: [] };
  const polled: PollerLevel[] = [];
  for (const kind of ['baseline', 'kefu'] as const) {
    progress(`starting ${kind} server...`);
    const target = await startTarget(kind);
    try {
      for (const connections of levels) {
        progress(`${kind}: ${connections} connections for ${duration}s`);
        runs[kind].push(await load(target, connections, kind === 'kefu'));
      }
      if (kind === 'kefu') {
        for (const box of ['waiting', 'all'] as const) polled.push(await loadWithPollers(target, box, levels[levels.length - 1]!));
      }
    } finally {
      await stopTarget(target);
    }
  }
  // Every request the profiled server answered: messages (with the references) and polls.
  reportProfile([...runs.kefu, ...polled].reduce((sum, m) => sum + m.requests, 0) + polled.reduce((sum, p) => sum + p.referenceRequests + p.pollsPerSecond * duration, 0));
  const at100 = (list: Measured[]) => list[list.length - 1]!;
  const k = at100(runs.kefu);
  const b = at100(runs.baseline);
  const summary = {
    kefu: { rps: k.rps, p50Ms: k.p50Ms, p99Ms: k.p99Ms, errors: k.errors },
    baseline: { rps: b.rps, p50Ms: b.p50Ms, p99Ms: b.p99Ms },
    ratio: Math.round((k.rps / b.rps) * 1000) / 1000,
    connections: k.connections,
    durationSeconds: duration,
    levels: runs,
    pollers: polled,
    pollerRatios: Object.fromEntries(polled.map((p) => [p.box, p.ratio])),
    target: { ratio: 0.25, p99Ms: 50, errors: 0, pollerRatio: POLLER_RATIO_TARGET },
    ...(profDir ? { cpuProfileDir: profDir } : {}),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const rows = levels.map((c, i) => {
    const kk = runs.kefu[i]!;
    const bb = runs.baseline[i]!;
    return [c, kk.rps, kk.p50Ms, kk.p99Ms, kk.errors, bb.rps, bb.p50Ms, bb.p99Ms, (kk.rps / bb.rps).toFixed(3)];
  });
  const head = ['conns', 'kefu msg/s', 'p50 ms', 'p99 ms', 'errors', 'baseline rps', 'p50 ms', 'p99 ms', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r: (string | number)[]) => r.map((v, i) => String(v).padStart(widths[i]!)).join('  ');
  process.stdout.write(`${fmt(head)}\n${rows.map(fmt).join('\n')}\n`);
  const pass = summary.ratio >= 0.25 && k.p99Ms <= 50 && k.errors === 0;
  process.stdout.write(`\nat ${k.connections} connections: ratio ${summary.ratio} (target >= 0.25), p99 ${k.p99Ms} ms (<= 50), errors ${k.errors} (0): ${pass ? 'met' : 'NOT met'}\n`);
  const pollHead = ['conns', 'pollers', 'kefu msg/s', 'p50 ms', 'p99 ms', 'errors', 'polls/s', 'poll errors', 'without msg/s', 'ratio'];
  const pollRows = polled.map((p) => [p.connections, `${p.pollers} ${p.box}`, p.rps, p.p50Ms, p.p99Ms, p.errors, p.pollsPerSecond, p.pollErrors, p.referenceRps, p.ratio.toFixed(3)]);
  const pollWidths = pollHead.map((h, i) => Math.max(h.length, ...pollRows.map((r) => String(r[i]).length)));
  const pollFmt = (r: (string | number)[]) => r.map((v, i) => String(v).padStart(pollWidths[i]!)).join('  ');
  process.stdout.write(`\n${pollFmt(pollHead)}\n${pollRows.map(pollFmt).join('\n')}\n`);
  for (const p of polled) {
    const met = p.ratio >= POLLER_RATIO_TARGET && p.errors === 0 && p.pollErrors === 0;
    // A level whose messages changed no poller's inbox measured pollers waiting, not woken: say so.
    const idle = p.pollsPerSecond === 0 ? ' (no poll was answered: no message changed these inboxes, the pollers only waited)' : '';
    process.stdout.write(`with ${p.pollers} box=${p.box} long-polls: ${p.ratio}x the msg/s without (target >= ${POLLER_RATIO_TARGET}): ${met ? 'met' : 'NOT met'}${idle}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:api failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
