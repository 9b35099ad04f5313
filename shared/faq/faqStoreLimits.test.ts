import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_BATCH_BYTES, MAX_BATCH_ROWS, opBytes, type Store, type TenantStore, type WriteOp, writeInBatches } from '../store';
import { createSqliteStore } from '../store/drivers';
import { FaqMatcher } from './FaqMatcher';
import { FaqService } from './FaqService';
import { faqTables as t } from './faqTables';
import { loadSavedIndex } from './savedIndex';
import { knowledgeBase } from '../../test/helpers/knowledgeBase';

/*
 * The FAQ domain within the store's limits: one Tablestore BatchWriteRow takes at most 200 rows
 * and 4 MB (https://www.alibabacloud.com/help/doc-detail/91524.html,
 * https://www.alibabacloud.com/help/en/tablestore/developer-reference/batch-write-row-in-nodejs),
 * a local transaction at most 4 MB and 60 s (https://www.alibabacloud.com/help/doc-detail/172551.htm).
 * A saved index of 10,000 entries is about 4 MB, so it cannot be one batch.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-faq-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Log {
  /** Rows and estimated bytes of every batchWrite, in order. */
  readonly batches: { rows: number; bytes: number }[];
  /** Every row written (`table key`), in order, by batches and single puts alike. */
  readonly writes: string[];
  /** Fail the batchWrite calls after this many (a process killed midway). */
  failAfter?: number;
  /** Runs before the batchWrite with this index (another writer acting midway). */
  before?: { at: number; run: () => Promise<unknown> };
}

const rowName = (table: string, key: readonly unknown[]) => `${table} ${key.join('/')}`;

/** The store, with every write recorded; writeMany goes through the recorded batchWrite. */
function recorded(store: Store, log: Log): Store {
  return {
    close: () => store.close(),
    tenant(id: string): TenantStore {
      const db = store.tenant(id);
      const batchWrite = async (ops: readonly WriteOp[]): Promise<void> => {
        if (log.failAfter !== undefined && log.batches.length >= log.failAfter) throw new Error('killed');
        if (log.before?.at === log.batches.length) {
          const { run } = log.before;
          log.before = undefined;
          await run();
        }
        log.batches.push({ rows: ops.length, bytes: ops.reduce((n, op) => n + opBytes(id, op), 0) });
        log.writes.push(...ops.map((op) => rowName(op.table, op.key)));
        await db.batchWrite(ops);
      };
      return {
        ...db,
        put: (table, key, value, condition) => (log.writes.push(rowName(table, key)), db.put(table, key, value, condition)),
        batchWrite,
        writeMany: (ops) => writeInBatches(id, ops, batchWrite),
      };
    },
  };
}

describe('FAQ index and imports within the store limits (sqlite)', () => {
  jest.setTimeout(120_000);

  it('imports, saves and reloads the index of a 10,000-entry knowledge base after a restart, no batch over the limit', async () => {
    const file = path.join(dir, 'big.sqlite');
    const log: Log = { batches: [], writes: [] };
    const first = createSqliteStore({ file });
    const faq = new FaqService(recorded(first, log));
    const kb = knowledgeBase(10_000);
    const imported = await faq.importFile('m1', 'json', JSON.stringify(kb));
    expect(imported).toMatchObject({ created: 10_000, total: 10_000 });
    const query = (kb[1234] as { question: string }).question;
    const ranked = (await faq.matcher('m1')).rank(query);
    expect(ranked[0]?.faqId).toBe('e1234');

    // The index is really beyond one request, so it was not one batch.
    const parts = log.writes.filter((w) => w.startsWith(`${t.indexPart} `));
    const pointer = log.writes.lastIndexOf(`${t.index} current`);
    const saved = (await first.tenant('m1').range<{ data: string }>(t.indexPart, [], { limit: 100 })).rows;
    expect(saved.reduce((n, r) => n + Buffer.byteLength(r.value.data, 'utf8'), 0)).toBeGreaterThan(MAX_BATCH_BYTES);
    expect(parts.length).toBe(saved.length);
    // The pointer is written last, after every chunk it names.
    expect(pointer).toBeGreaterThan(Math.max(...parts.map((p) => log.writes.indexOf(p))));
    for (const b of log.batches) {
      expect(b.rows).toBeLessThanOrEqual(MAX_BATCH_ROWS);
      expect(b.bytes).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    }
    await first.close();

    // A restart: a new process on the same file loads the saved index instead of building one.
    const build = jest.spyOn(FaqMatcher, 'build');
    const second = createSqliteStore({ file });
    try {
      const cold = new FaqService(second);
      expect((await cold.matcher('m1')).rank(query)).toEqual(ranked);
      expect(build).not.toHaveBeenCalled();
    } finally {
      build.mockRestore();
      await second.close();
    }
  });

  it('a save killed before the pointer flips leaves the previous index current and complete', async () => {
    const store = createSqliteStore({ file: path.join(dir, 'killed.sqlite') });
    const log: Log = { batches: [], writes: [] };
    const faq = new FaqService(recorded(store, log));
    await faq.importFile('m1', 'json', JSON.stringify(knowledgeBase(300)));
    await faq.matcher('m1');
    const before = await faq.savedIndexVersion('m1');
    // The entry's write lands; the index save after it dies at its first chunk batch.
    log.failAfter = log.batches.length + 1;
    await faq.setEnabled('m1', 'e1', false);
    await expect(faq.savedIndexVersion('m1')).resolves.toBe(before);
    // Questions meanwhile get the previous matcher (e1 still in it), not an error.
    expect((await faq.matcher('m1')).rank((knowledgeBase(300)[1] as { question: string }).question)[0]?.faqId).toBe('e1');
    expect(await faq.savedIndexVersion('m1')).toBe(before);
    // The old index is still there whole (its chunks go only after a flip)...
    expect(await loadSavedIndex(store.tenant('m1'), before!)).toBeDefined();
    // ...and another process, finding it stale, builds and saves the new one.
    const other = new FaqService(store);
    expect((await other.matcher('m1')).rank((knowledgeBase(300)[16] as { question: string }).question).map((m) => m.faqId)).toContain('e16');
    expect(await other.savedIndexVersion('m1')).toBeGreaterThan(before!);
    await store.close();
  });

  it('an import larger than one batch writes every entry in batches within the limit', async () => {
    const store = createSqliteStore({ file: path.join(dir, 'import.sqlite') });
    const log: Log = { batches: [], writes: [] };
    const faq = new FaqService(recorded(store, log));
    const progress: number[] = [];
    await faq.importFile('m1', 'json', JSON.stringify(knowledgeBase(1_000)), { onProgress: (done, _total, phase) => void (phase === 'write' && progress.push(done)) });
    expect((await faq.all('m1')).length).toBe(1_000);
    expect(progress[progress.length - 1]).toBe(1_000);
    expect(log.batches.length).toBeGreaterThanOrEqual(5);
    for (const b of log.batches) expect(b.rows).toBeLessThanOrEqual(MAX_BATCH_ROWS);
    // A replace removes what the file does not hold, also in batches.
    const replaced = await faq.importFile('m1', 'json', JSON.stringify(knowledgeBase(10)), { mode: 'replace' });
    expect(replaced).toMatchObject({ updated: 10, deleted: 990 });
    expect((await faq.all('m1')).length).toBe(10);
    await store.close();
  });

  it('an import of 20,000 rows killed midway leaves the old knowledge base untouched; run again it applies whole', async () => {
    const store = createSqliteStore({ file: path.join(dir, 'staged.sqlite') });
    const log: Log = { batches: [], writes: [] };
    const faq = new FaqService(recorded(store, log));
    await faq.importFile('m1', 'json', JSON.stringify(knowledgeBase(300).map((e) => ({ ...e, answer: `旧答案 ${(e as { id: string }).id}` }))));
    await faq.matcher('m1');
    const version = await faq.savedIndexVersion('m1');
    const big = JSON.stringify(knowledgeBase(20_000));
    log.failAfter = log.batches.length + 60; // dies after 60 of its 100 batches
    await expect(faq.importFile('m1', 'json', big)).rejects.toThrow('killed');
    log.failAfter = undefined;
    // Another process reads the old base, whole: 300 entries with their old answers.
    const other = new FaqService(store);
    const after = await other.all('m1');
    expect(after).toHaveLength(300);
    expect(after.every((e) => e.answer.startsWith('旧答案'))).toBe(true);
    expect(await other.savedIndexVersion('m1')).toBe(version);
    // Run again, it applies: 20,000 entries, e0..e299 with the new answers.
    await expect(faq.importFile('m1', 'json', big)).resolves.toMatchObject({ created: 19_700, updated: 300, total: 20_000 });
    const all = await other.all('m1');
    expect(all).toHaveLength(20_000);
    expect(all.find((e) => e.id === 'e7')?.answer).toContain('第7条');
    await store.close();
  });

  it('an edit made while an import runs wins: the import reports CONFLICT and applies nothing', async () => {
    const store = createSqliteStore({ file: path.join(dir, 'race.sqlite') });
    const log: Log = { batches: [], writes: [] };
    const faq = new FaqService(recorded(store, log));
    await faq.importFile('m1', 'json', JSON.stringify(knowledgeBase(10)));
    const editor = new FaqService(store);
    log.before = { at: log.batches.length + 2, run: () => editor.setEnabled('m1', 'e3', false) };
    await expect(faq.importFile('m1', 'json', JSON.stringify(knowledgeBase(1_000)))).rejects.toMatchObject({ code: 'CONFLICT' });
    const all = await editor.all('m1');
    expect(all).toHaveLength(10);
    expect(all.find((e) => e.id === 'e3')?.enabled).toBe(false);
    await store.close();
  });

  it('reads a tenant\'s entries of before bases and copies them into a base on the first edit', async () => {
    const store = createSqliteStore({ file: path.join(dir, 'legacy.sqlite') });
    const db = store.tenant('m1');
    const old = (knowledgeBase(3) as { id: string }[]).map((e) => ({ ...e, similar: [], actions: [], enabled: true, updatedAt: '2026-01-01T00:00:00.000Z' }));
    for (const e of old) await db.put(t.legacyEntry, [e.id], e);
    await db.put(t.meta, ['kb'], { changedAt: '2026-01-01T00:00:00.000Z' });
    const faq = new FaqService(store);
    expect((await faq.all('m1')).map((e) => e.id)).toEqual(['e0', 'e1', 'e2']);
    await faq.setEnabled('m1', 'e1', false);
    expect((await faq.all('m1')).map((e) => [e.id, e.enabled])).toEqual([['e0', true], ['e1', false], ['e2', true]]);
    expect((await db.range(t.legacyEntry, [])).rows).toEqual([]);
    await store.close();
  });
});
