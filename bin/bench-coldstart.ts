/**
 * `npm run bench:coldstart [-- --json]`: for each function bundle of `npm run build:functions`, its
 * size, and in a fresh Node process the time to load it and to answer a first request (an FC3 HTTP
 * event to one of its routes, or one timer sweep for `jobs`), median of 5 runs. Targets: the
 * message function loads and answers in <= 200 ms; no bundle over 2 MB. The store is the in-memory
 * one, so the figures are the code's own cost, not a database's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFunctions } from './build-functions';

const RUNS = 5;
const MESSAGE_TARGET_MS = 200;
const SIZE_TARGET_BYTES = 2 * 1024 * 1024;

/** A first request per function: a real route of it (most answer 401 without a session). */
const firstRequest: Record<string, { method: string; path: string } | 'timer'> = {
  auth: { method: 'GET', path: '/v1/auth/methods' },
  message: { method: 'POST', path: '/v1/conversations' },
  push: { method: 'GET', path: '/v1/conversations/c1/events' },
  agent: { method: 'GET', path: '/v1/agent/inbox' },
  merchant: { method: 'GET', path: '/v1/entry-config' },
  faq: { method: 'POST', path: '/v1/faq/match' },
  parse: { method: 'POST', path: '/v1/parse' },
  stats: { method: 'GET', path: '/v1/stats/live' },
  jobs: 'timer',
};

/** Runs in the child: load the bundle, send one event, print the timings as JSON. */
const childScript = `
const t0 = process.hrtime.bigint();
const mod = require(process.argv[1]);
const t1 = process.hrtime.bigint();
const spec = JSON.parse(process.argv[2]);
const event = spec === 'timer'
  ? { triggerName: 'jobs', payload: JSON.stringify({ sweeps: 1 }) }
  : { version: 'v1', rawPath: spec.path, headers: spec.method === 'GET' ? {} : { 'content-type': 'application/json' }, ...(spec.method === 'GET' ? {} : { body: '{}' }), isBase64Encoded: false, queryParameters: {}, requestContext: { requestId: 'bench', http: { method: spec.method, path: spec.path } } };
Promise.resolve(mod.handler(Buffer.from(JSON.stringify(event)), { requestId: 'bench' })).then((res) => {
  const t2 = process.hrtime.bigint();
  const status = typeof res === 'object' && res ? res.statusCode + ' ' + (JSON.parse(res.body || '{}').code || '') : 'ok';
  process.stdout.write(JSON.stringify({ loadMs: Number(t1 - t0) / 1e6, firstMs: Number(t2 - t1) / 1e6, status }));
  process.exit(0);
});
`;

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const out = mkdtempSync(path.join(os.tmpdir(), 'kefu-coldstart-'));
  try {
    const names = await buildFunctions(out);
    const rows = names.map((name) => {
      const file = path.join(out, name, 'index.js');
      const runs = Array.from({ length: RUNS }, () => {
        const env = { NODE_ENV: 'production', KEFU_STORE: 'memory', KEFU_TOKEN_SECRET: 'b'.repeat(48), KEFU_LOG_LEVEL: 'silent', KEFU_OCR: 'off' };
        return JSON.parse(execFileSync(process.execPath, ['-e', childScript, file, JSON.stringify(firstRequest[name] ?? { method: 'GET', path: '/' })], { env, encoding: 'utf8' })) as { loadMs: number; firstMs: number; status: number | string };
      });
      const bytes = statSync(file).size;
      return { name, bytes, loadMs: Math.round(median(runs.map((r) => r.loadMs))), firstRequestMs: Math.round(median(runs.map((r) => r.firstMs))), totalMs: Math.round(median(runs.map((r) => r.loadMs + r.firstMs))), status: runs[0]!.status };
    });
    const message = rows.find((r) => r.name === 'message');
    const summary = {
      runs: RUNS,
      functions: rows,
      messageTotalMs: message?.totalMs,
      messageTargetMs: MESSAGE_TARGET_MS,
      messageMet: (message?.totalMs ?? Infinity) <= MESSAGE_TARGET_MS,
      largestBytes: Math.max(...rows.map((r) => r.bytes)),
      sizeTargetBytes: SIZE_TARGET_BYTES,
      sizeMet: rows.every((r) => r.bytes <= SIZE_TARGET_BYTES),
    };
    if (json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return;
    }
    const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |\n`;
    process.stdout.write(line(['function', 'bundle', 'load (median)', 'first request', 'total', 'answer']));
    process.stdout.write(line(['---', '---', '---', '---', '---', '---']));
    for (const r of rows) process.stdout.write(line([r.name, `${(r.bytes / 1024 / 1024).toFixed(2)} MB`, `${r.loadMs} ms`, `${r.firstRequestMs} ms`, `${r.totalMs} ms`, r.status]));
    process.stdout.write(`\nmessage loads and answers in ${summary.messageTotalMs} ms (target <= ${MESSAGE_TARGET_MS} ms): ${summary.messageMet ? 'met' : 'NOT met'}.\n`);
    process.stdout.write(`largest bundle ${(summary.largestBytes / 1024 / 1024).toFixed(2)} MB (target <= 2 MB): ${summary.sizeMet ? 'met' : 'NOT met'}.\n`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:coldstart failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
