import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { startTablestoreEmulator } from '../../mock/tablestore/TablestoreEmulator';
import { FaqService } from '../../shared/faq';
import { createTablestoreStore, initTablestoreTable } from '../../shared/store/drivers';
import { faqCommand } from '../../bin/commands/faqCommand';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-faq-admin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runWith({}, ...args);
}

/** The command with these settings over the environment's (KEFU_STORE and the rest). */
async function runWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c: Buffer) => out.push(c.toString('utf8')));
  stderr.on('data', (c: Buffer) => err.push(c.toString('utf8')));
  const code = await faqCommand(args, { stdin: new PassThrough(), stdout, stderr }, env);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('kefu faq import / export (local store)', () => {
  const dataDir = path.join(dir, 'data');

  it('imports a CSV with progress, and exports it back', async () => {
    const rows = ['id,category,question,similar,answer', ...Array.from({ length: 1500 }, (_, i) => `e${i},other,问题${i},说法${i}甲|说法${i}乙,答案${i}`)];
    const file = path.join(dir, 'kb.csv');
    writeFileSync(file, `\uFEFF${rows.join('\r\n')}\r\n`);
    const imported = await run('import', '--file', file, '--tenant', 'shop1', '--data-dir', dataDir);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('校验 1000/1500');
    expect(imported.stderr).toContain('写入 1500/1500');
    expect(JSON.parse(imported.stdout)).toMatchObject({ created: 1500, updated: 0, total: 1500 });

    const exported = await run('export', '--format', 'csv', '--tenant', 'shop1', '--data-dir', dataDir);
    expect(exported.code).toBe(0);
    const lines = exported.stdout.trim().split('\r\n');
    expect(lines).toHaveLength(1501);
    expect(lines.find((l) => l.startsWith('e7,'))).toMatch(/^e7,other,问题7,说法7甲\|说法7乙,答案7,,true,/);
    // Another merchant's knowledge base is untouched.
    expect((await run('export', '--format', 'json', '--tenant', 'shop2', '--data-dir', dataDir)).stdout.trim()).toBe('[]');
  });

  it('lists every bad line of a malformed file and imports nothing', async () => {
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, 'id,category,question,answer\nok1,other,好问题,好答案\nbad1,other,,没有问题\nok1,other,重复,重复\n');
    const result = await run('import', '--file', file, '--tenant', 'shop3', '--data-dir', dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[IMPORT_INVALID]');
    expect(result.stderr).toMatch(/第 3 行: 问题不能为空/);
    expect(result.stderr).toMatch(/第 4 行: id ok1 与第 2 行重复/);
    expect((await run('export', '--format', 'json', '--tenant', 'shop3', '--data-dir', dataDir)).stdout.trim()).toBe('[]');
  });

  it('explains a bad option instead of failing obscurely', async () => {
    const result = await run('import', '--file', path.join(dir, 'missing.csv'), '--data-dir', dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('无法读取');
    expect((await run('import', '--file', 'x.csv', '--mode', 'wipe', '--data-dir', dataDir)).stderr).toContain('--mode 只能是 merge 或 replace');
  });

  it('works on the configured store: KEFU_STORE=tablestore writes Tablestore and no SQLite file, KEFU_STORE=memory is refused', async () => {
    const keys = { instance: 'kefu-cli-faq', accessKeyId: 'LTAI-cli', accessKeySecret: randomBytes(18).toString('base64') };
    const server = await startTablestoreEmulator({ ...keys, localTransactionsFor: ['kefu_rows'] });
    const tablestoreDir = path.join(dir, 'tablestore-data');
    try {
      const tablestore = { endpoint: server.url, instance: keys.instance, accessKeyId: keys.accessKeyId, accessKeySecret: keys.accessKeySecret };
      await initTablestoreTable(tablestore);
      const env = { KEFU_STORE: 'tablestore', KEFU_TABLESTORE_ENDPOINT: server.url, KEFU_TABLESTORE_INSTANCE: keys.instance, KEFU_TABLESTORE_ACCESS_KEY_ID: keys.accessKeyId, KEFU_TABLESTORE_ACCESS_KEY_SECRET: keys.accessKeySecret };
      const file = path.join(dir, 'ts.json');
      writeFileSync(file, JSON.stringify([{ id: 't1', category: 'other', question: '云端问题', answer: '云端答案' }]));
      const imported = await runWith(env, 'import', '--file', file, '--tenant', 'cloud', '--data-dir', tablestoreDir);
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({ created: 1, total: 1 });
      // Nothing went to the embedded store the command used to open whatever KEFU_STORE said.
      expect(existsSync(path.join(tablestoreDir, 'kefu.sqlite'))).toBe(false);
      const store = createTablestoreStore(tablestore);
      try {
        const { entries } = await new FaqService(store).list('cloud');
        expect(entries.map((e) => [e.id, e.question])).toEqual([['t1', '云端问题']]);
      } finally {
        await store.close();
      }
      const exported = await runWith(env, 'export', '--format', 'json', '--tenant', 'cloud', '--data-dir', tablestoreDir);
      expect((JSON.parse(exported.stdout) as { id: string }[]).map((e) => e.id)).toEqual(['t1']);
    } finally {
      await server.close();
    }

    const memory = await runWith({ KEFU_STORE: 'memory' }, 'export', '--tenant', 'shop1', '--data-dir', path.join(dir, 'memory-data'));
    expect(memory.code).toBe(1);
    expect(memory.stderr).toContain('[CONFIG_INVALID] KEFU_STORE=memory');
    expect(memory.stdout).toBe('');
    expect(existsSync(path.join(dir, 'memory-data', 'kefu.sqlite'))).toBe(false);
  });
});
