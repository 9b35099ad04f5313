import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStore, MAX_BATCH_BYTES, MAX_BATCH_ROWS, opBytes, type Store, type TenantStore, type WriteOp } from '../store';
import { writeInBatches } from '../store/keyCodec';
import { FaqMatcher } from './FaqMatcher';
import { FaqService } from './FaqService';
import { faqTables as t } from './faqTables';
import { loadSavedIndex } from './savedIndex';

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

const words = ['花呗', '借呗', '余额宝', '退款', '发票', '物流', '会员', '积分', '优惠券', '订单', '账单', '快递', '售后', '换货', '保修'];
const verbs = ['怎么查询', '如何取消', '为什么失败', '多久到账', '能不能修改', '在哪里申请', '有什么限制', '怎样开通'];

/** A knowledge base of `n` distinct entries, phrased like a real one (Chinese, a few similar questions). */
function knowledgeBase(n: number): object[] {
  return Array.from({ length: n }, (_, i) => {
    const a = words[i % words.length]!;
    const b = words[Math.floor(i / words.length) % words.length]!;
    const v = verbs[i % verbs.length]!;
    return {
      id: `e${i}`,
      category: 'other',
      question: `${a}和${b}的第${i}号问题${v}`,
      similar: [`${b}${a}${i}${v}`, `请问${a}编号${i}${v}呢`, `${i}号${b}业务${v}`],
      answer: `关于${a}与${b}(第${i}条):请在支付宝首页搜索${a},进入后点击${b},按页面提示操作即可。`,
    };
  });
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
    await faq.setEnabled('m1', 'e1', false);
    log.failAfter = log.batches.length; // the next save dies at its first chunk batch
    await expect(faq.matcher('m1')).rejects.toThrow('killed');
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
    expect(log.batches.length).toBeGreaterThanOrEqual(6);
    for (const b of log.batches) expect(b.rows).toBeLessThanOrEqual(MAX_BATCH_ROWS);
    // A replace removes what the file does not hold, also in batches.
    const replaced = await faq.importFile('m1', 'json', JSON.stringify(knowledgeBase(10)), { mode: 'replace' });
    expect(replaced).toMatchObject({ updated: 10, deleted: 990 });
    expect((await faq.all('m1')).length).toBe(10);
    await store.close();
  });
});
