/**
 * `npm run bench:store [-- --json] [-- --duration=5] [-- --latency=3]`: user messages for one
 * merchant through the whole message path (understanding, FAQ bot, the conversation kernel) on the
 * Tablestore driver against the emulator, which answers every call after `--latency` ms as a
 * service across the network does. 1, 10 and 50 conversations write at once, each one message
 * after the other; per level: messages/s, p99 and how many ended in STORE_BUSY (the merchant's
 * writes contending). With one partition per merchant, 50 conversations cannot go faster than one.
 * The emulator runs in a process of its own, as the service is elsewhere: in-process it would take
 * the CPU the message path is measured on.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/log';
import { createKefu } from '../../shared/app';
import { initTablestoreTable } from '../../shared/store/drivers';
import { isKefuError } from '../../shared/errors';
import { seedDemoTenant } from '../../mock/seed/seedDemoTenant';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const json = process.argv.includes('--json');
const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const duration = arg('duration', 5);
const latencyMs = arg('latency', 3);
const levels = [1, 10, 50];

interface Level {
  readonly conversations: number;
  readonly messages: number;
  readonly msgPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly storeBusy: number;
  readonly otherErrors: number;
  /** CPU the message path (this process) used per message, and its share of one core: near 100 % the app, not the store, is the limit. */
  readonly cpuMsPerMessage: number;
  readonly cpuPercent: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function main(): Promise<void> {
  const keys = { instance: 'kefu-bench', accessKeyId: `LTAI-bench-${randomBytes(4).toString('hex')}`, accessKeySecret: randomBytes(18).toString('base64') };
  const tablestore = await startEmulator({ ...keys, localTransactionsFor: ['kefu_rows'], latencyMs });
  try {
    await initTablestoreTable({ ...keys, endpoint: tablestore.url });
    const config = loadConfig({}, {
      KEFU_STORE: 'tablestore',
      KEFU_TABLESTORE_ENDPOINT: tablestore.url,
      KEFU_TABLESTORE_INSTANCE: keys.instance,
      KEFU_TABLESTORE_ACCESS_KEY_ID: keys.accessKeyId,
      KEFU_TABLESTORE_ACCESS_KEY_SECRET: keys.accessKeySecret,
      KEFU_OCR: 'off',
    });
    // The log is not what this measures.
    const logger = createLogger({ service: 'kefu', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
    const kefu = createKefu(config, { logger, tokenSecret: randomBytes(32).toString('hex') });
    await seedDemoTenant(kefu);
    /** n conversations, each sending one message after another for `seconds`. */
    const level = async (n: number, seconds: number, name: string): Promise<Level> => {
      const users = await Promise.all(Array.from({ length: n }, async (_, i) => (await kefu.accounts.devUserLogin('demo', `store-bench-${name}-${n}-${i}`)).principal));
      const opened = await Promise.all(users.map((u) => kefu.conversations.users.create(u)));
      const latencies: number[] = [];
      let storeBusy = 0;
      let otherErrors = 0;
      const cpu = process.cpuUsage();
      const end = Date.now() + seconds * 1000;
      await Promise.all(
        users.map(async (user, i) => {
          for (let m = 0; Date.now() < end; m++) {
            const started = performance.now();
            try {
              await kefu.conversations.users.sendText(user, opened[i]!.id, `s${m}`, `昨天下午三点给朋友转了${m + 1}块,对方说没收到`);
              latencies.push(performance.now() - started);
            } catch (err) {
              if (isKefuError(err) && err.code === 'STORE_BUSY') storeBusy++;
              else otherErrors++;
            }
          }
        }),
      );
      const sorted = latencies.sort((a, b) => a - b);
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      return {
        conversations: n,
        messages: sorted.length,
        msgPerSecond: Math.round((sorted.length / seconds) * 10) / 10,
        p50Ms: Math.round(quantile(sorted, 0.5)),
        p99Ms: Math.round(quantile(sorted, 0.99)),
        storeBusy,
        otherErrors,
        cpuMsPerMessage: Math.round((cpuMs / Math.max(sorted.length, 1)) * 100) / 100,
        cpuPercent: Math.round(cpuMs / (seconds * 10)),
      };
    };
    // Warm-up (not counted): compiles the message path and opens the store's connections, so the
    // first level is not slowed by what only the first messages pay.
    process.stderr.write('warming up for 2s...\n');
    await level(10, 2, 'warm');
    const results: Level[] = [];
    for (const n of levels) {
      process.stderr.write(`${n} conversation(s) for ${duration}s...\n`);
      results.push(await level(n, duration, 'run'));
    }
    await kefu.store.close();
    const one = results[0]!.msgPerSecond;
    const fifty = results[results.length - 1]!.msgPerSecond;
    const summary = { latencyMs, durationSeconds: duration, levels: results, scaling50: Math.round((fifty / Math.max(one, 0.1)) * 100) / 100, target: { scaling50: 10, storeBusy: 0 } };
    if (json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return;
    }
    const head = ['conversations', 'msg/s', 'p50 ms', 'p99 ms', 'STORE_BUSY', 'other errors', 'app CPU ms/msg', 'app CPU %'];
    const rows = results.map((r) => [r.conversations, r.msgPerSecond, r.p50Ms, r.p99Ms, r.storeBusy, r.otherErrors, r.cpuMsPerMessage, r.cpuPercent]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
    const fmt = (r: (string | number)[]) => r.map((v, i) => String(v).padStart(widths[i]!)).join('  ');
    process.stdout.write(`${fmt(head)}\n${rows.map(fmt).join('\n')}\n`);
    const busy = results.reduce((s, r) => s + r.storeBusy, 0);
    const met = summary.scaling50 >= 10 && busy === 0;
    process.stdout.write(`\nat ${latencyMs} ms per call: 50 conversations ${summary.scaling50}x one (target >= 10), STORE_BUSY ${busy} (0): ${met ? 'met' : 'NOT met'}\n`);
  } finally {
    await tablestore.close();
  }
}

/** The emulator as a child process (node with tsx as its loader, so a kill reaches the emulator itself). */
function startEmulator(options: object): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../mock/tablestore/emulatorChild.ts'), '-', JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ url: (JSON.parse(line) as { url: string }).url, close }));
    child.once('exit', (code) => reject(new Error(`the Tablestore emulator exited with ${code}`)));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:store failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
