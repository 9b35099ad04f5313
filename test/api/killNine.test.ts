import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import { initTablestoreTable } from '../../shared/store/drivers';
import { call } from '../helpers/testServer';

const root = path.resolve(__dirname, '../..');

/** A child process that prints one JSON line `{ url }` once it listens. node itself runs it (tsx as a loader, not its CLI, which would put a wrapper process in between and the kill would miss it). */
function startChild(script: string, args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, url: (JSON.parse(line) as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`${path.basename(script)} exited with ${code}`)));
  });
}

const startServer = (dataDir: string, env?: Record<string, string>) => startChild(path.join(__dirname, '../helpers/devServerChild.ts'), [dataDir, ...(env ? [JSON.stringify(env)] : [])]);

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

interface Run {
  readonly messages: number;
  /** The server the users talk to (it may change when the killed process is the server). */
  server: { child: ChildProcess; url: string };
  /** The process the test kills with SIGKILL once about a third of the messages is acknowledged. */
  readonly victim: () => ChildProcess;
  /** Starts what was killed again on the same data. */
  readonly restart: () => Promise<void>;
}

/**
 * Users' messages in flight when a process dies by SIGKILL (no shutdown, no flush); then it is
 * started again on the same data and the clients send every message again, as the chat's outbox
 * does for those it has no answer for. Every message the server acknowledged is there, every
 * message exists exactly once, and the log has no gap.
 */
async function killAndResend(run: Run): Promise<void> {
  const token = (await call(run.server.url, 'POST', '/v1/auth/dev-login', { body: { tenant: 'demo', userId: 'killer' } })).json['token'] as string;
  const id = (await call(run.server.url, 'POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
  const acked = new Map<string, { id: string; seq: number }>();
  const send = async (i: number) => {
    const res = await call(run.server.url, 'POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: `k${i}`, text: `第${i}条:昨天转了${i}块钱没到账` } });
    if (res.status === 201) acked.set(`k${i}`, { id: res.json['id'] as string, seq: res.json['seq'] as number });
    return res.status;
  };
  // Twelve users' worth of concurrency; the kill lands once about a third is acknowledged. The
  // messages in flight then are the test; the rest wait for the restart (a store that is down
  // costs each of them the server's whole retry budget).
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (next < run.messages && !killed) {
      const i = next++;
      if (acked.size >= run.messages / 3) {
        killed = true;
        run.victim().kill('SIGKILL');
      }
      await send(i).catch(() => 0);
    }
  };
  await Promise.all(Array.from({ length: 12 }, worker));
  await exited(run.victim());
  expect(run.victim().signalCode).toBe('SIGKILL');
  const before = new Map(acked);
  expect(before.size).toBeGreaterThan(0);
  expect(before.size).toBeLessThan(run.messages);

  await run.restart();
  for (let i = 0; i < run.messages; i++) expect(await send(i)).toBe(201);
  // Acknowledged before the kill: the same message (id and place) is answered again.
  for (const [cmid, m] of before) expect(acked.get(cmid)).toEqual(m);
  // Staff read the whole log (a user's view leaves out the ticket events, so its seqs skip).
  const admin = (await call(run.server.url, 'POST', '/v1/auth/login', { body: { tenant: 'demo', username: 'admin', password: 'Kefu@2026' } })).json['token'] as string;
  const events: { seq: number; type: string; message?: { clientMessageId?: string; sender: { role: string } } }[] = [];
  for (let after = 0; ; ) {
    const page = await call(run.server.url, 'GET', `/v1/conversations/${id}/events?after=${after}&timeout=0`, { token: admin });
    const got = page.json['events'] as typeof events;
    if (!got.length) break;
    events.push(...got);
    after = page.json['cursor'] as number;
  }
  const mine = events.flatMap((e) => (e.type === 'message' && e.message?.sender.role === 'user' ? [e.message.clientMessageId] : []));
  expect(mine).toHaveLength(run.messages);
  expect(new Set(mine).size).toBe(run.messages);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  const conversation = await call(run.server.url, 'GET', `/v1/conversations/${id}`, { token });
  expect(conversation.json['lastSeq']).toBe(events.length);
}

describe('kill -9 while messages are in flight', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kefu-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('SQLite: the server killed loses no acknowledged message and duplicates none after a restart', async () => {
    const run: Run = {
      messages: 120,
      server: await startServer(path.join(dataDir, 'sqlite')),
      victim: () => run.server.child,
      restart: async () => {
        run.server = await startServer(path.join(dataDir, 'sqlite'));
      },
    };
    try {
      await killAndResend(run);
    } finally {
      run.server.child.kill('SIGTERM');
    }
  }, 120_000);

  // The emulator answers only once a write is in its write-ahead log and fsync'ed, as the
  // service's 2xx means the write is durable; it is killed mid-run and started on the same file
  // and port, while the server keeps running on it.
  it('Tablestore emulator: the store killed loses no acknowledged message and duplicates none after a restart', async () => {
    const keys = { instance: 'kefu-kill', accessKeyId: 'LTAI-kill', accessKeySecret: randomBytes(18).toString('base64') };
    const file = path.join(dataDir, 'tablestore', 'tables.json');
    const emulatorScript = path.join(root, 'mock/tablestore/emulatorChild.ts');
    let emulator = await startChild(emulatorScript, [file, JSON.stringify({ ...keys, localTransactionsFor: ['kefu_rows'] })]);
    const port = Number(new URL(emulator.url).port);
    // As `kefu store init` makes it (the emulator's table, like one made in the console, with local transactions).
    await initTablestoreTable({ ...keys, endpoint: emulator.url });
    const env = {
      KEFU_STORE: 'tablestore',
      KEFU_TABLESTORE_ENDPOINT: emulator.url,
      KEFU_TABLESTORE_INSTANCE: keys.instance,
      KEFU_TABLESTORE_ACCESS_KEY_ID: keys.accessKeyId,
      KEFU_TABLESTORE_ACCESS_KEY_SECRET: keys.accessKeySecret,
    };
    const run: Run = {
      messages: 300,
      server: await startServer(path.join(dataDir, 'ots-server'), env),
      victim: () => emulator.child,
      restart: async () => {
        emulator = await startChild(emulatorScript, [file, JSON.stringify({ ...keys, localTransactionsFor: ['kefu_rows'], port })]);
      },
    };
    try {
      await killAndResend(run);
    } finally {
      run.server.child.kill('SIGTERM');
      emulator.child.kill('SIGTERM');
    }
  }, 180_000);
});
