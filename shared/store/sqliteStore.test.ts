import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteStore } from './sqliteStore';
import { describeStoreContract } from './storeContract';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('sqlite', () => createSqliteStore({ file: path.join(dir, `contract-${n++}.sqlite`) }));

describe('sqlite store on disk', () => {
  it('keeps data across close and reopen, in WAL mode, creating missing folders', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'kefu.sqlite');
    const first = createSqliteStore({ file });
    await first.tenant('demo').put('item', ['a'], { text: '保存' });
    await first.close();
    const second = createSqliteStore({ file });
    expect((await second.tenant('demo').get('item', ['a']))?.value).toEqual({ text: '保存' });
    await second.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });
});
