/**
 * `npm run bench:api [-- --json] [-- --duration=5]`: user messages through the real HTTP stack and
 * sqlite store at increasing concurrency, and a bare node:http server returning a constant as the
 * ceiling, in the same run on the same machine. Each server runs in its own process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import autocannon from 'autocannon';

interface Target {
  readonly url: string;
  readonly users: { token: string; conversationId: string }[];
  readonly child: ChildProcess;
}

interface Measured {
  readonly connections: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

const json = process.argv.includes('--json');
const durationArg = process.argv.find((a) => a.startsWith('--duration='));
const duration = durationArg ? Number(durationArg.split('=')[1]) : 5;
const levels = [10, 50, 100];

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

function startTarget(kind: 'kefu' | 'baseline'): Promise<Target> {
  const tsx = path.resolve(__dirname, '../node_modules/.bin/tsx');
  const child = spawn(tsx, [path.resolve(__dirname, 'bench/apiBenchTarget.ts'), kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      const ready = JSON.parse(line) as Omit<Target, 'child'>;
      resolve({ ...ready, child });
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

async function load(target: Target, connections: number, kefu: boolean): Promise<Measured> {
  let sequence = 0;
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
  };
}

async function main(): Promise<void> {
  const runs: { kefu: Measured[]; baseline: Measured[] } = { kefu: [], baseline: [] };
  for (const kind of ['baseline', 'kefu'] as const) {
    progress(`starting ${kind} server...`);
    const target = await startTarget(kind);
    try {
      for (const connections of levels) {
        progress(`${kind}: ${connections} connections for ${duration}s`);
        runs[kind].push(await load(target, connections, kind === 'kefu'));
      }
    } finally {
      target.child.kill('SIGTERM');
    }
  }
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
    target: { ratio: 0.25, p99Ms: 50, errors: 0 },
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
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:api failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
