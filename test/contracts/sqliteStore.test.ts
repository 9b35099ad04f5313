import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConditionFailedError } from '../../shared/store';
import { createSqliteStore } from '../../shared/store/drivers';
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

describe('sqlite store cache across connections', () => {
  // Two stores on one file are two connections, as the CLI beside a running server, or a server
  // restarted on the file of one killed with -9.
  const pair = () => {
    const file = path.join(dir, `shared-${n++}.sqlite`);
    return { file, a: createSqliteStore({ file }), b: createSqliteStore({ file }) };
  };

  it('sees what another connection wrote, deleted or created after this one cached the row', async () => {
    const { a, b } = pair();
    const ta = a.tenant('demo');
    const tb = b.tenant('demo');
    await ta.put('item', ['x'], { n: 1 });
    expect((await ta.get('item', ['x']))?.value).toEqual({ n: 1 });
    expect(await ta.get('item', ['new'])).toBeUndefined();
    await tb.update('item', ['x'], { n: 2 });
    await tb.put('item', ['new'], { n: 9 });
    expect(await ta.get('item', ['x'])).toEqual({ key: ['x'], value: { n: 2 }, version: 2 });
    expect((await ta.get('item', ['new']))?.value).toEqual({ n: 9 });
    expect((await ta.range('item', [])).rows.map((r) => r.value)).toEqual([{ n: 9 }, { n: 2 }]);
    await tb.delete('item', ['x']);
    expect(await ta.get('item', ['x'])).toBeUndefined();
    await a.close();
    await b.close();
  });

  it('judges conditions and increments on what is stored, not on what it cached', async () => {
    const { file, a, b } = pair();
    const ta = a.tenant('demo');
    const tb = b.tenant('demo');
    const v1 = await ta.put('item', ['c'], { owner: 'a' });
    await ta.get('item', ['absent']);
    await tb.update('item', ['c'], { owner: 'b' }, { version: v1 });
    await tb.put('item', ['absent'], { now: 'present' });
    await expect(ta.update('item', ['c'], { owner: 'a again' }, { version: v1 })).rejects.toBeInstanceOf(ConditionFailedError);
    await expect(ta.put('item', ['absent'], {}, 'notExists')).rejects.toBeInstanceOf(ConditionFailedError);
    expect(await ta.update('item', ['c'], { owner: 'a' }, { version: v1 + 1 })).toBe(v1 + 2);
    // A plain connection, as a tool writing the file directly.
    const raw = new Database(file);
    raw.prepare("UPDATE rows SET v = '{\"n\":40}', ver = ver + 1 WHERE tbl = 'counter'").run();
    expect(await ta.increment('counter', ['k'], 'n')).toBe(1);
    raw.prepare("UPDATE rows SET v = '{\"n\":40}', ver = ver + 1 WHERE tbl = 'counter'").run();
    raw.close();
    const values = await Promise.all([ta.increment('counter', ['k'], 'n'), tb.increment('counter', ['k'], 'n'), ta.increment('counter', ['k'], 'n')]);
    expect(values.sort()).toEqual([41, 42, 43]);
    expect((await tb.get('counter', ['k']))?.version).toBe(5);
    await a.close();
    await b.close();
  });

  it('keeps nothing a failed batch wrote, and hands out copies of what it keeps', async () => {
    const store = createSqliteStore({ file: path.join(dir, `single-${n++}.sqlite`) });
    const t = store.tenant('demo');
    await t.put('item', ['taken'], { a: 1 });
    await expect(
      t.batchWrite([
        { op: 'put', table: 'item', key: ['fresh'], value: { a: 1 } },
        { op: 'update', table: 'item', key: ['taken'], set: { a: 2 } },
        { op: 'put', table: 'item', key: ['taken'], value: { a: 3 }, condition: 'notExists' },
      ]),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    expect(await t.get('item', ['fresh'])).toBeUndefined();
    expect(await t.get('item', ['taken'])).toEqual({ key: ['taken'], value: { a: 1 }, version: 1 });
    const odd = JSON.parse('{"__proto__":{"polluted":true},"list":[{"deep":[1]}]}') as Record<string, unknown>;
    await t.put('item', ['odd'], odd);
    const first = await t.get<{ list: { deep: number[] }[] }>('item', ['odd']);
    first!.value.list[0]!.deep.push(2);
    const again = await t.get('item', ['odd']);
    expect(JSON.stringify(again!.value)).toBe('{"__proto__":{"polluted":true},"list":[{"deep":[1]}]}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const page = await t.range<{ list?: unknown[] }>('item', []);
    page.rows[0]!.value.list?.push('x');
    expect((await t.range('item', [])).rows.map((r) => r.value)).toEqual([again!.value, { a: 1 }]);
    await store.close();
  });
});

describe('sqlite store writes of one turn, and its files', () => {
  it('commits the writes asked for in one turn together, failing only the one whose condition or input is refused', async () => {
    const file = path.join(dir, `group-${n++}.sqlite`);
    const store = createSqliteStore({ file });
    const t = store.tenant('demo');
    const v1 = await t.put('item', ['row'], { n: 1 });
    // Asked for in one turn: the second update's version is stale once the first one commits.
    const results = await Promise.allSettled([
      t.update('item', ['row'], { n: 2 }, { version: v1 }),
      t.update('item', ['row'], { n: 3 }, { version: v1 }),
      t.batchWrite([{ op: 'put', table: 'item', key: ['a'], value: { a: 1 } }, { op: 'put', table: 'item', key: ['b'], value: { b: 1 }, condition: 'notExists' }]),
      t.put('bad table name!', ['x'], {}),
      t.increment('counter', ['k'], 'n'),
      t.increment('counter', ['k'], 'n', 5),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConditionFailedError);
    expect((results[3] as PromiseRejectedResult).reason).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((results[5] as PromiseFulfilledResult<number>).value).toBe(6);
    await store.close();
    // What a fresh connection sees is what the callers were told.
    const again = createSqliteStore({ file });
    const t2 = again.tenant('demo');
    expect(await t2.get('item', ['row'])).toEqual({ key: ['row'], value: { n: 2 }, version: 2 });
    expect((await t2.range('item', [])).rows.map((r) => r.key)).toEqual([['a'], ['b'], ['row']]);
    expect((await t2.get('counter', ['k']))?.value).toEqual({ n: 6 });
    await again.close();
  });

  it('keeps the order of calls: a read after a write not awaited sees it, a later write wins', async () => {
    const store = createSqliteStore({ file: path.join(dir, `order-${n++}.sqlite`) });
    const t = store.tenant('demo');
    await t.put('item', ['x'], { n: 0 });
    void t.put('item', ['x'], { n: 1 });
    expect((await t.get('item', ['x']))?.value).toEqual({ n: 1 });
    void t.batchWrite([{ op: 'put', table: 'item', key: ['y'], value: { by: 'batch' } }]);
    await t.put('item', ['y'], { by: 'put' });
    expect((await t.get('item', ['y']))?.value).toEqual({ by: 'put' });
    expect((await t.range('item', [])).rows.map((r) => r.value)).toEqual([{ n: 1 }, { by: 'put' }]);
    await store.close();
  });

  it('copies the rows of a file in the older WITHOUT ROWID layout once, keeping their versions', async () => {
    const file = path.join(dir, `old-layout-${n++}.sqlite`);
    const old = new Database(file);
    old.exec('CREATE TABLE rows (tbl TEXT NOT NULL, tenant TEXT NOT NULL, k TEXT NOT NULL, v TEXT NOT NULL, ver INTEGER NOT NULL, PRIMARY KEY (tbl, tenant, k)) WITHOUT ROWID');
    const first = createSqliteStore({ file: path.join(dir, `template-${n++}.sqlite`) });
    // The key text as the store encodes it, taken from a store rather than written by hand here.
    await first.tenant('demo').put('item', ['kept'], { text: '旧文件' });
    await first.tenant('demo').update('item', ['kept'], { text: '旧文件' });
    await first.close();
    const template = new Database(path.join(dir, `template-${n - 1}.sqlite`), { readonly: true });
    const stored = template.prepare<[], { tbl: string; tenant: string; k: string; v: string; ver: number }>('SELECT * FROM rows').all();
    template.close();
    const insert = old.prepare('INSERT INTO rows (tbl, tenant, k, v, ver) VALUES (?, ?, ?, ?, ?)');
    for (const r of stored) insert.run(r.tbl, r.tenant, r.k, r.v, r.ver);
    old.close();
    const store = createSqliteStore({ file });
    expect(await store.tenant('demo').get('item', ['kept'])).toEqual({ key: ['kept'], value: { text: '旧文件' }, version: 2 });
    await store.tenant('demo').put('item', ['new'], { text: '新' });
    await store.close();
    const raw = new Database(file, { readonly: true });
    const sql = raw.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'rows'").get()!.sql;
    expect(sql).not.toMatch(/WITHOUT ROWID/i);
    expect(raw.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 2 });
    raw.close();
  });

  it('copies the log back into the database file from its own thread while the server writes', async () => {
    const file = path.join(dir, `checkpoint-${n++}.sqlite`);
    const store = createSqliteStore({ file });
    const t = store.tenant('demo');
    const before = statSync(file).size;
    for (let i = 0; i < 40; i++) await t.batchWrite(Array.from({ length: 20 }, (_, j) => ({ op: 'put' as const, table: 'item', key: [i, j], value: { text: 'x'.repeat(500) } })));
    // The writing connection never checkpoints by itself (fewer than SQLite's 1,000 pages here
    // anyway): only the checkpointing thread can have grown the database file.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(statSync(file).size).toBeGreaterThan(before + 400 * 1024);
    await store.close();
  });
});
