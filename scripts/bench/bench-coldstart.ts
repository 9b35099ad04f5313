/**
 * `npm run bench:coldstart [-- --json]`: for each function bundle of `npm run build:functions`, its
 * size, and in a fresh Node process the time to load it and to answer a first request (an FC3 HTTP
 * event to one of its routes, or one timer sweep for `jobs`), median of 5 runs. Targets: the
 * message function loads and answers in <= 200 ms; no bundle over 2 MB (each function's index.js
 * and each lazily loaded SDK bundle beside it).
 *
 * The functions run as deployed: on Tablestore (a local emulator of its protocol, so the time
 * includes loading the SDK and one round trip on loopback, not the cloud's network), in production
 * mode. The message function's first request is a real one: a signed-in user opening a
 * conversation; the others call one of their routes without a session.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { buildFunctions } from '../build/build-functions';
import { SessionTokens } from '../../shared/auth';
import { initTablestoreTable } from '../../shared/store/drivers';
import { startTablestoreEmulator } from '../../mock/tablestore/TablestoreEmulator';

const run = promisify(execFile);

const RUNS = 5;
const MESSAGE_TARGET_MS = 200;
const SIZE_TARGET_BYTES = 2 * 1024 * 1024;

/** A first request per function: a real route of it (most answer 401 without a session). */
const firstRequest: Record<string, { method: string; path: string; signedIn?: boolean; then?: { path: string; body: object } } | 'timer'> = {
  auth: { method: 'GET', path: '/v1/auth/methods' },
  message: { method: 'POST', path: '/v1/conversations', signedIn: true, then: { path: '/v1/conversations/{id}/messages', body: { clientMessageId: 'bench-1', text: '花唄怎麼還款' } } },
  events: { method: 'GET', path: '/v1/conversations/c1/events' },
  agent: { method: 'GET', path: '/v1/agent/inbox' },
  merchant: { method: 'GET', path: '/v1/entry-config' },
  faq: { method: 'POST', path: '/v1/faq/match' },
  understand: { method: 'POST', path: '/v1/understand' },
  stats: { method: 'GET', path: '/v1/stats/live' },
  jobs: 'timer',
};

/**
 * Runs in the child: load the bundle, send one event, print the timings as JSON. With `then` (the
 * message function), it also times the user's first text in the conversation just opened: the part
 * of a cold start that loads what understanding needs (pinyin, traditional Chinese, the ranker).
 */
const childScript = `
const t0 = process.hrtime.bigint();
const mod = require(process.argv[1]);
const t1 = process.hrtime.bigint();
const spec = JSON.parse(process.argv[2]);
const http = (method, path, body) => ({ version: 'v1', rawPath: path, headers: { ...(method === 'GET' ? {} : { 'content-type': 'application/json' }), ...(spec.token ? { authorization: 'Bearer ' + spec.token } : {}) }, ...(method === 'GET' ? {} : { body: JSON.stringify(body || {}) }), isBase64Encoded: false, queryParameters: {}, requestContext: { requestId: 'bench', http: { method, path } } });
const event = spec === 'timer' ? { triggerName: 'jobs', payload: JSON.stringify({ sweeps: 1 }) } : http(spec.method, spec.path);
const statusOf = (res) => typeof res === 'object' && res ? res.statusCode + ' ' + (JSON.parse(res.body || '{}').code || '') : 'ok';
(async () => {
  const res = await mod.handler(Buffer.from(JSON.stringify(event)), { requestId: 'bench' });
  const t2 = process.hrtime.bigint();
  const out = { loadMs: Number(t1 - t0) / 1e6, firstMs: Number(t2 - t1) / 1e6, status: statusOf(res) };
  if (spec.then) {
    const id = JSON.parse(res.body).id;
    const next = await mod.handler(Buffer.from(JSON.stringify(http('POST', spec.then.path.replace('{id}', id), spec.then.body))), { requestId: 'bench2' });
    out.thenMs = Number(process.hrtime.bigint() - t2) / 1e6;
    out.thenStatus = statusOf(next);
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
})();
`;

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const out = mkdtempSync(path.join(os.tmpdir(), 'kefu-coldstart-'));
  const keys = { instance: 'kefu-bench', accessKeyId: 'LTAI-bench', accessKeySecret: randomBytes(18).toString('base64') };
  const tablestore = await startTablestoreEmulator({ ...keys, localTransactionsFor: ['kefu_rows'] });
  try {
    await initTablestoreTable({ ...keys, endpoint: tablestore.url });
    const secret = randomBytes(36).toString('base64');
    const { token } = await new SessionTokens(secret, 3600).issue({ tenant: 'demo', id: 'u001', role: 'user' });
    const names = await buildFunctions(out);
    const env = {
      NODE_ENV: 'production',
      KEFU_STORE: 'tablestore',
      KEFU_TABLESTORE_ENDPOINT: tablestore.url,
      KEFU_TABLESTORE_INSTANCE: keys.instance,
      KEFU_TABLESTORE_ACCESS_KEY_ID: keys.accessKeyId,
      KEFU_TABLESTORE_ACCESS_KEY_SECRET: keys.accessKeySecret,
      KEFU_TOKEN_SECRET: secret,
      KEFU_LOG_LEVEL: 'silent',
      KEFU_OCR: 'off',
    };
    const rows = [];
    for (const name of names) {
      const file = path.join(out, name, 'index.js');
      const spec = firstRequest[name] ?? { method: 'GET', path: '/' };
      const arg = JSON.stringify(spec === 'timer' ? spec : { ...spec, ...(spec.signedIn ? { token } : {}) });
      const runs: { loadMs: number; firstMs: number; status: number | string; thenMs?: number; thenStatus?: string }[] = [];
      // Children run one at a time, while this process serves the emulator.
      for (let i = 0; i < RUNS; i++) runs.push(JSON.parse((await run(process.execPath, ['-e', childScript, file, arg], { env, encoding: 'utf8' })).stdout) as (typeof runs)[number]);
      const folder = path.join(out, name);
      const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
        .map((f) => path.join(folder, f))
        .filter((f) => statSync(f).isFile())
        .sort((a, b) => Number(b.endsWith('index.bundle.js')) - Number(a.endsWith('index.bundle.js'))).map((f) => ({ file: path.relative(path.join(out, name), f), bytes: statSync(f).size }));
      rows.push({ name, bytes: files[0]!.bytes, largestFile: files.reduce((a, b) => (b.bytes > a.bytes ? b : a)), folderBytes: files.reduce((n, f) => n + f.bytes, 0), loadMs: Math.round(median(runs.map((r) => r.loadMs))), firstRequestMs: Math.round(median(runs.map((r) => r.firstMs))), totalMs: Math.round(median(runs.map((r) => r.loadMs + r.firstMs))), status: runs[0]!.status, ...(runs[0]!.thenMs !== undefined ? { firstTextMs: Math.round(median(runs.map((r) => r.thenMs ?? 0))), firstTextStatus: runs[0]!.thenStatus } : {}) });
    }
    const message = rows.find((r) => r.name === 'message');
    const summary = {
      runs: RUNS,
      functions: rows,
      messageTotalMs: message?.totalMs,
      messageTargetMs: MESSAGE_TARGET_MS,
      messageMet: (message?.totalMs ?? Infinity) <= MESSAGE_TARGET_MS,
      largestBytes: Math.max(...rows.map((r) => r.largestFile.bytes)),
      sizeTargetBytes: SIZE_TARGET_BYTES,
      sizeMet: rows.every((r) => r.largestFile.bytes <= SIZE_TARGET_BYTES),
    };
    if (json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return;
    }
    const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |\n`;
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
    process.stdout.write(line(['function', 'index bundle', 'largest file', 'folder (with SDKs)', 'load (median)', 'first request', 'total', 'answer']));
    process.stdout.write(line(['---', '---', '---', '---', '---', '---', '---', '---']));
    for (const r of rows) process.stdout.write(line([r.name, mb(r.bytes), `${r.largestFile.file} ${mb(r.largestFile.bytes)}`, mb(r.folderBytes), `${r.loadMs} ms`, `${r.firstRequestMs} ms`, `${r.totalMs} ms`, r.status]));
    if (message?.firstTextMs !== undefined) process.stdout.write(`\nmessage, then the user's first text in that conversation (understanding loads pinyin, traditional Chinese and the ranker): ${message.firstTextMs} ms more (${message.firstTextStatus}).`);
    process.stdout.write(`\nmessage loads and answers in ${summary.messageTotalMs} ms (target <= ${MESSAGE_TARGET_MS} ms): ${summary.messageMet ? 'met' : 'NOT met'}.\n`);
    process.stdout.write(`largest bundle file ${mb(summary.largestBytes)} (target <= 2 MB): ${summary.sizeMet ? 'met' : 'NOT met'}.\n`);
  } finally {
    await tablestore.close();
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:coldstart failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
