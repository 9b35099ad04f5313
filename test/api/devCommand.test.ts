import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { call } from '../helpers/testServer';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

function runDev(port: number, dataDir: string, extra: readonly string[] = []): Running {
  const child = spawn(tsx, [path.join(root, 'scripts/dev/dev.ts'), '--dev-login', ...extra], {
    cwd: root,
    env: { ...process.env, PORT: String(port), KEFU_DATA_DIR: dataDir, KEFU_LOG_LEVEL: 'warn' },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('npm run dev (scripts/dev/dev.ts)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kefu-dev-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints URLs and demo credentials, refuses a second instance clearly, stops on Ctrl-C and keeps data on restart', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = runDev(port, dataDir);
    await until(() => first.output().includes('Ctrl-C'), 'first start');
    const banner = first.output();
    expect(banner).toContain(base);
    expect(banner).toContain('tenant=demo');
    expect(banner).toContain('Kefu@2026');
    expect(banner).toMatch(/xiaowang|xiaoli|laozhang/);
    expect(banner).toContain('首次启动');

    const second = runDev(port, dataDir);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`端口 ${port} 已被占用`);
    expect(second.output()).not.toMatch(/\n\s+at /); // no stack trace

    const login = await call(base, 'POST', '/v1/auth/dev-login', { body: { tenant: 'demo', userId: 'u007' } });
    const token = login.json['token'] as string;
    const id = (await call(base, 'POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
    await call(base, 'POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: 'keep', text: '重启后还在吗' } });

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('已停止');

    const again = runDev(port, dataDir);
    try {
      await until(() => again.output().includes('Ctrl-C'), 'restart');
      expect(again.output()).not.toContain('首次启动');
      // The same token still works (the secret is kept) and the message is still there.
      const history = await call(base, 'GET', `/v1/conversations/${id}/messages`, { token });
      expect(history.status).toBe(200);
      expect(JSON.stringify(history.json)).toContain('重启后还在吗');
    } finally {
      again.child.kill('SIGINT');
      await again.exited;
    }
  }, 90_000);

  it('runs the whole system on the Tablestore emulator with --store tablestore, keeping data across restarts', async () => {
    const tsDir = mkdtempSync(path.join(os.tmpdir(), 'kefu-dev-ts-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = runDev(port, tsDir, ['--store', 'tablestore']);
    try {
      await until(() => first.output().includes('Ctrl-C') || first.output().includes('失败'), 'start on tablestore');
      expect(first.output()).toContain('Tablestore  本地替身');
      expect((await call(base, 'GET', '/v1/health')).json).toEqual({ ok: true, store: 'tablestore' });
      const token = (await call(base, 'POST', '/v1/auth/dev-login', { body: { tenant: 'demo', userId: 'u003' } })).json['token'] as string;
      const id = (await call(base, 'POST', '/v1/conversations', { token, body: {} })).json['id'] as string;
      const sent = await call(base, 'POST', `/v1/conversations/${id}/messages`, { token, body: { clientMessageId: 'ts1', text: '转账350块对方没收到' } });
      expect(sent.status).toBeLessThan(300);
      const agent = (await call(base, 'POST', '/v1/auth/login', { body: { tenant: 'demo', username: 'xiaowang', password: 'Kefu@2026' } })).json['token'] as string;
      expect((await call(base, 'GET', '/v1/agent/inbox', { token: agent })).status).toBe(200);
      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);

      const again = runDev(port, tsDir, ['--store=tablestore']);
      try {
        await until(() => again.output().includes('Ctrl-C'), 'restart on tablestore');
        expect(again.output()).not.toContain('首次启动');
        const history = await call(base, 'GET', `/v1/conversations/${id}/messages`, { token });
        expect(JSON.stringify(history.json)).toContain('转账350块对方没收到');
      } finally {
        again.child.kill('SIGINT');
        await again.exited;
      }
    } finally {
      first.child.kill('SIGINT');
      rmSync(tsDir, { recursive: true, force: true });
    }
  }, 120_000);
});
