import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import { call } from './helpers/testServer';

const root = path.resolve(__dirname, '..');
const MESSAGES = 120;

function start(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  // node itself runs the server (tsx as a loader, not its CLI, which would put a wrapper process
  // in between and the kill would miss the server).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'helpers/devServerChild.ts'), dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, url: (JSON.parse(line) as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`dev server exited with ${code}`)));
  });
}

/**
 * The server is killed with SIGKILL while users' messages are in flight (no shutdown, no flush),
 * then started again on the same SQLite file; the clients send every message again, as the chat's
 * outbox does for those it has no answer for. Every message the server acknowledged is there,
 * every message exists exactly once, and the log has no gap.
 */
describe('kill -9 while messages are in flight (SQLite)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kefu-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no acknowledged message and duplicates none after a restart', async () => {
    let server = await start(dataDir);
    const token = (await call(server.url, 'POST', '/v1/auth/dev-login', { body: { tenant: 'demo', userId: 'killer' } })).json['token'] as string;
    const id = (await call(server.url, 'POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
    const acked = new Map<string, { id: string; seq: number }>();
    const send = async (url: string, i: number) => {
      const res = await call(url, 'POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: `k${i}`, text: `第${i}条:昨天转了${i}块钱没到账` } });
      if (res.status === 201) acked.set(`k${i}`, { id: res.json['id'] as string, seq: res.json['seq'] as number });
      return res.status;
    };
    // Twelve users' worth of concurrency; the kill lands once about a third is acknowledged.
    let next = 0;
    const worker = async () => {
      while (next < MESSAGES) {
        const i = next++;
        if (acked.size >= MESSAGES / 3 && server.child.exitCode === null) server.child.kill('SIGKILL');
        await send(server.url, i).catch(() => 0);
      }
    };
    await Promise.all(Array.from({ length: 12 }, worker));
    await new Promise<void>((resolve) => (server.child.exitCode !== null || server.child.signalCode !== null ? resolve() : server.child.once('exit', () => resolve())));
    expect(server.child.signalCode).toBe('SIGKILL');
    const before = new Map(acked);
    expect(before.size).toBeGreaterThan(0);
    expect(before.size).toBeLessThan(MESSAGES);

    server = await start(dataDir);
    try {
      for (let i = 0; i < MESSAGES; i++) expect(await send(server.url, i)).toBe(201);
      // Acknowledged before the kill: the same message (id and place) is answered again.
      for (const [cmid, m] of before) expect(acked.get(cmid)).toEqual(m);
      // Staff read the whole log (a user's view leaves out the ticket events, so its seqs skip).
      const admin = (await call(server.url, 'POST', '/v1/auth/login', { body: { tenant: 'demo', username: 'admin', password: 'Kefu@2026' } })).json['token'] as string;
      const events: { seq: number; type: string; message?: { clientMessageId?: string; sender: { role: string } } }[] = [];
      for (let after = 0; ; ) {
        const page = await call(server.url, 'GET', `/v1/conversations/${id}/events?after=${after}&timeout=0`, { token: admin });
        const got = page.json['events'] as typeof events;
        if (!got.length) break;
        events.push(...got);
        after = page.json['cursor'] as number;
      }
      const mine = events.flatMap((e) => (e.type === 'message' && e.message?.sender.role === 'user' ? [e.message.clientMessageId] : []));
      expect(mine).toHaveLength(MESSAGES);
      expect(new Set(mine).size).toBe(MESSAGES);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      const conversation = await call(server.url, 'GET', `/v1/conversations/${id}`, { token });
      expect(conversation.json['lastSeq']).toBe(events.length);
    } finally {
      server.child.kill('SIGTERM');
    }
  }, 120_000);
});
