import { KefuError } from '../../shared/errors';
import { ConditionFailedError, type Store, type TenantStore, type WriteOp } from '../../shared/store';

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  return undefined;
}

/**
 * The one contract every Store driver must pass (docs/architecture.md, Storage). Each driver's test
 * file calls this with a factory for a fresh, empty store.
 */
export function describeStoreContract(name: string, makeStore: () => Store | Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let db: TenantStore;

    beforeEach(async () => {
      store = await makeStore();
      db = store.tenant('t1');
    });
    afterEach(() => store.close());

    it('puts, gets and deletes rows; values round-trip', async () => {
      const value = { text: '中文 ✓', n: 1.5, ok: true, list: [1, 'a', { deep: null }], nested: { a: { b: 2 } } };
      expect(await db.put('item', ['a', 1], value)).toBe(1);
      const row = await db.get('item', ['a', 1]);
      expect(row).toEqual({ key: ['a', 1], value, version: 1 });
      expect(await db.get('item', ['a', 2])).toBeUndefined();
      await db.delete('item', ['a', 1]);
      expect(await db.get('item', ['a', 1])).toBeUndefined();
      await expect(db.delete('item', ['missing'])).resolves.toBeUndefined();
    });

    it('returns copies: mutating a returned or given value does not change the stored row', async () => {
      const value = { list: [1] };
      await db.put('item', ['a'], value);
      value.list.push(2);
      const row = await db.get<{ list: number[] }>('item', ['a']);
      row!.value.list.push(3);
      expect((await db.get('item', ['a']))!.value).toEqual({ list: [1] });
    });

    it('counts versions up by one per write', async () => {
      expect(await db.put('item', ['v'], { a: 1 })).toBe(1);
      expect(await db.update('item', ['v'], { b: 2 })).toBe(2);
      expect(await db.put('item', ['v'], { c: 3 })).toBe(3);
      expect((await db.get('item', ['v']))!.version).toBe(3);
    });

    it("put with 'notExists' on an existing row fails with a typed error and changes nothing", async () => {
      await db.put('item', ['x'], { v: 'first' });
      const err = await failure(db.put('item', ['x'], { v: 'second' }, 'notExists'));
      expect(err).toBeInstanceOf(ConditionFailedError);
      expect((err as KefuError).code).toBe('STORE_CONDITION_FAILED');
      expect((await db.get('item', ['x']))!.value).toEqual({ v: 'first' });
      expect(await db.put('item', ['y'], { v: 'new' }, 'notExists')).toBe(1);
    });

    it("put, update and delete with 'exists' on a missing row fail", async () => {
      expect(await failure(db.put('item', ['none'], { a: 1 }, 'exists'))).toBeInstanceOf(ConditionFailedError);
      expect(await failure(db.update('item', ['none'], { a: 1 }, 'exists'))).toBeInstanceOf(ConditionFailedError);
      expect(await failure(db.delete('item', ['none'], 'exists'))).toBeInstanceOf(ConditionFailedError);
      expect(await db.get('item', ['none'])).toBeUndefined();
    });

    it('version conditions: equal succeeds, stale fails', async () => {
      const v1 = await db.put('item', ['c'], { n: 1 });
      const v2 = await db.update('item', ['c'], { n: 2 }, { version: v1 });
      expect(v2).toBe(v1 + 1);
      expect(await failure(db.update('item', ['c'], { n: 3 }, { version: v1 }))).toBeInstanceOf(ConditionFailedError);
      expect(await failure(db.put('item', ['c'], { n: 3 }, { version: 99 }))).toBeInstanceOf(ConditionFailedError);
      expect(await failure(db.delete('item', ['c'], { version: v1 }))).toBeInstanceOf(ConditionFailedError);
      expect(await failure(db.update('item', ['absent'], { n: 1 }, { version: 1 }))).toBeInstanceOf(ConditionFailedError);
      expect((await db.get('item', ['c']))!.value).toEqual({ n: 2 });
      await db.delete('item', ['c'], { version: v2 });
      expect(await db.get('item', ['c'])).toBeUndefined();
    });

    it('of concurrent writers with the same expected version exactly one wins', async () => {
      const v = await db.put('item', ['race'], { owner: 'none' });
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => db.update('item', ['race'], { owner: `w${i}` }, { version: v })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConditionFailedError)).toHaveLength(9);
    });

    it('update merges columns, creates missing rows, and null removes a column', async () => {
      await db.put('item', ['m'], { a: 1, b: 2 });
      await db.update('item', ['m'], { b: 3, c: 4 });
      await db.update('item', ['m'], { a: null });
      expect((await db.get('item', ['m']))!.value).toEqual({ b: 3, c: 4 });
      expect(await db.update('item', ['fresh'], { a: 1 })).toBe(1);
    });

    describe('range', () => {
      beforeEach(async () => {
        for (const n of [1, 2, 10, 3, 20]) await db.put('ev', ['conv', n], { n });
        await db.put('ev', ['conv2', 1], { n: 'other' });
        await db.put('ev', ['con', 5], { n: 'shorter' });
        await db.put('other', ['conv', 4], { n: 'other table' });
      });

      it('reads a prefix forward with numeric parts in numeric order, and never a longer sibling', async () => {
        const page = await db.range<{ n: number }>('ev', ['conv']);
        expect(page.rows.map((r) => r.value.n)).toEqual([1, 2, 3, 10, 20]);
        expect(page.rows[0]!.key).toEqual(['conv', 1]);
        expect(page.nextToken).toBeUndefined();
        expect((await db.range('ev', ['con'])).rows.map((r) => r.key)).toEqual([['con', 5]]);
      });

      it('reads backward', async () => {
        const page = await db.range<{ n: number }>('ev', ['conv'], { direction: 'backward' });
        expect(page.rows.map((r) => r.value.n)).toEqual([20, 10, 3, 2, 1]);
      });

      it('walks all pages with the continuation token, in both directions, without gaps or duplicates', async () => {
        for (const direction of ['forward', 'backward'] as const) {
          const seen: number[] = [];
          let token: string | undefined;
          let pages = 0;
          do {
            const page = await db.range<{ n: number }>('ev', ['conv'], { direction, limit: 2, ...(token ? { token } : {}) });
            seen.push(...page.rows.map((r) => r.value.n));
            token = page.nextToken;
            pages++;
          } while (token && pages < 10);
          expect(seen).toEqual(direction === 'forward' ? [1, 2, 3, 10, 20] : [20, 10, 3, 2, 1]);
          expect(pages).toBe(3);
        }
      });

      it('starts at an inclusive start key in both directions', async () => {
        const fwd = await db.range<{ n: number }>('ev', ['conv'], { start: ['conv', 3] });
        expect(fwd.rows.map((r) => r.value.n)).toEqual([3, 10, 20]);
        const back = await db.range<{ n: number }>('ev', ['conv'], { start: ['conv', 10], direction: 'backward' });
        expect(back.rows.map((r) => r.value.n)).toEqual([10, 3, 2, 1]);
        const between = await db.range<{ n: number }>('ev', ['conv'], { start: ['conv', 4] });
        expect(between.rows.map((r) => r.value.n)).toEqual([10, 20]);
      });

      it('reads a whole table of the tenant with an empty prefix', async () => {
        expect((await db.range('ev', [])).rows).toHaveLength(7);
      });

      it('rejects a bad limit and a garbage or foreign token', async () => {
        for (const options of [{ limit: 0 }, { limit: 5000 }, { token: 'garbage!' }]) {
          const err = await failure(db.range('ev', ['conv'], options));
          expect((err as KefuError).code).toBe('VALIDATION_FAILED');
        }
        const page = await db.range('ev', ['conv'], { limit: 1 });
        const err = await failure(db.range('ev', ['conv2'], { token: page.nextToken! }));
        expect((err as KefuError).code).toBe('VALIDATION_FAILED');
      });
    });

    it('batchWrite applies every op', async () => {
      await db.put('item', ['gone'], { a: 1 });
      await db.batchWrite([
        { op: 'put', table: 'item', key: ['b1'], value: { a: 1 }, condition: 'notExists' },
        { op: 'update', table: 'item', key: ['b2'], set: { a: 2 } },
        { op: 'delete', table: 'item', key: ['gone'], condition: 'exists' },
        { op: 'put', table: 'other', key: ['b1'], value: { a: 3 } },
      ]);
      expect((await db.get('item', ['b1']))!.value).toEqual({ a: 1 });
      expect((await db.get('item', ['b2']))!.value).toEqual({ a: 2 });
      expect(await db.get('item', ['gone'])).toBeUndefined();
      expect((await db.get('other', ['b1']))!.value).toEqual({ a: 3 });
    });

    it('batchWrite writes nothing when one condition fails', async () => {
      await db.put('item', ['taken'], { a: 1 });
      const err = await failure(
        db.batchWrite([
          { op: 'put', table: 'item', key: ['new1'], value: { a: 1 } },
          { op: 'update', table: 'item', key: ['taken'], set: { a: 9 } },
          { op: 'put', table: 'item', key: ['taken'], value: { a: 2 }, condition: 'notExists' },
        ]),
      );
      expect(err).toBeInstanceOf(ConditionFailedError);
      expect(await db.get('item', ['new1'])).toBeUndefined();
      expect((await db.get('item', ['taken']))!.value).toEqual({ a: 1 });
    });

    // Partitions (partitions.ts): one conversation's rows share one, the merchant's other tables
    // have one each. A batch across them is still all or nothing when a condition fails, on every
    // driver; a range over a conversation-partitioned table needs the conversation.
    describe('partitions', () => {
      const conversationBatch = (id: string, presenceVersion: number): WriteOp[] => [
        { op: 'put', table: 'conversation', key: [id], value: { status: 'assigned' }, condition: 'notExists' },
        { op: 'put', table: 'event', key: [id, 1], value: { type: 'assigned' }, condition: 'notExists' },
        { op: 'put', table: 'assigned', key: ['a1', id], value: { conversationId: id } },
        { op: 'update', table: 'presence', key: ['a1'], set: { active: 1 }, condition: { version: presenceVersion } },
      ];

      it('commits a batch across partitions, each row once', async () => {
        const v = await db.put('presence', ['a1'], { active: 0 });
        await db.batchWrite(conversationBatch('c1', v));
        expect((await db.get('conversation', ['c1']))?.value).toEqual({ status: 'assigned' });
        expect((await db.range('event', ['c1'])).rows.map((r) => r.value)).toEqual([{ type: 'assigned' }]);
        expect((await db.range('assigned', ['a1'])).rows.map((r) => r.key)).toEqual([['a1', 'c1']]);
        expect(await db.get('presence', ['a1'])).toMatchObject({ value: { active: 1 }, version: v + 1 });
        expect(await db.recover(0)).toBe(0);
      });

      it('writes nothing when a condition in another partition fails', async () => {
        const v = await db.put('presence', ['a1'], { active: 0 });
        expect(await failure(db.batchWrite(conversationBatch('c2', v + 5)))).toBeInstanceOf(ConditionFailedError);
        expect(await db.get('conversation', ['c2'])).toBeUndefined();
        expect((await db.range('event', ['c2'])).rows).toEqual([]);
        expect((await db.range('assigned', ['a1'])).rows).toEqual([]);
        expect(await db.get('presence', ['a1'])).toMatchObject({ value: { active: 0 }, version: v });
        expect(await db.recover(0)).toBe(0);
      });

      it('refuses a range over a conversation-partitioned table without the conversation', async () => {
        expect(((await failure(db.range('event', []))) as KefuError).code).toBe('VALIDATION_FAILED');
        expect(((await failure(db.range('conversation', []))) as KefuError).code).toBe('VALIDATION_FAILED');
        await expect(db.range('assigned', [])).resolves.toEqual({ rows: [] });
      });
    });

    // The limits of one request and one local transaction, which every driver enforces alike:
    // BatchWriteRow takes at most 200 rows and 4 MB
    // (https://www.alibabacloud.com/help/doc-detail/91524.html,
    // https://www.alibabacloud.com/help/en/tablestore/developer-reference/batch-write-row-in-nodejs),
    // a local transaction at most 4 MB of writes and 60 s
    // (https://www.alibabacloud.com/help/doc-detail/172551.htm).
    describe('batch limits', () => {
      const puts = (n: number, from = 0): WriteOp[] => Array.from({ length: n }, (_, i) => ({ op: 'put', table: 'item', key: ['n', from + i], value: { i: from + i } }));
      const mb = (c: string) => c.repeat(1024 * 1024);

      it('batchWrite takes 200 rows and refuses 201 with BATCH_TOO_LARGE, writing nothing', async () => {
        const err = await failure(db.batchWrite(puts(201)));
        expect((err as KefuError).code).toBe('BATCH_TOO_LARGE');
        expect((await db.range('item', ['n'])).rows).toHaveLength(0);
        await db.batchWrite(puts(200));
        expect((await db.range('item', ['n'], { limit: 1000 })).rows).toHaveLength(200);
      });

      it('batchWrite takes 3 MB and refuses more than 4 MB of rows, writing nothing', async () => {
        const big = (k: number, c: string): WriteOp => ({ op: 'put', table: 'item', key: ['big', k], value: { data: mb(c) } });
        const err = await failure(db.batchWrite([big(1, 'a'), big(2, 'b'), big(3, 'c'), big(4, 'd'), { op: 'update', table: 'item', key: ['big', 5], set: { data: mb('e') } }]));
        expect((err as KefuError).code).toBe('BATCH_TOO_LARGE');
        expect((await db.range('item', ['big'])).rows).toHaveLength(0);
        await db.batchWrite([big(1, 'a'), big(2, 'b'), big(3, 'c')]);
        expect((await db.get<{ data: string }>('item', ['big', 3]))!.value.data).toBe(mb('c'));
      });

      it('writeMany writes any number of rows in order, across batches', async () => {
        // The update of row 0 lands in a later batch than its put: order is kept.
        await db.writeMany([...puts(450), { op: 'update', table: 'item', key: ['n', 0], set: { last: true } }, { op: 'delete', table: 'item', key: ['n', 1] }]);
        const rows = [];
        let token: string | undefined;
        do {
          const page = await db.range('item', ['n'], { limit: 1000, ...(token ? { token } : {}) });
          rows.push(...page.rows);
          token = page.nextToken;
        } while (token);
        expect(rows).toHaveLength(449);
        expect((await db.get('item', ['n', 0]))!.value).toEqual({ i: 0, last: true });
        await db.writeMany(['x', 'y', 'z', 'w', 'v'].map((c, k): WriteOp => ({ op: 'put', table: 'item', key: ['big', k], value: { data: mb(c) } })));
        expect((await db.get<{ data: string }>('item', ['big', 4]))!.value.data).toBe(mb('v'));
        await expect(db.writeMany([])).resolves.toBeUndefined();
      });

      it('writeMany keeps the batches before a failed one and attempts none after it', async () => {
        await db.put('item', ['n', 210], { taken: true });
        const ops = puts(450);
        ops[210] = { op: 'put', table: 'item', key: ['n', 210], value: { i: 210 }, condition: 'notExists' };
        expect(await failure(db.writeMany(ops))).toBeInstanceOf(ConditionFailedError);
        expect(await db.get('item', ['n', 199])).toBeDefined();
        expect(await db.get('item', ['n', 200])).toBeUndefined();
        expect(await db.get('item', ['n', 449])).toBeUndefined();
      });

      it('writeMany refuses a single op larger than one request before writing anything', async () => {
        const err = await failure(db.writeMany([...puts(1), { op: 'put', table: 'item', key: ['huge'], value: { data: mb('h').repeat(5) } }]));
        expect((err as KefuError).code).toBe('BATCH_TOO_LARGE');
        expect(await db.get('item', ['n', 0])).toBeUndefined();
      });
    });

    it('increments atomically from 0, also under 50 concurrent calls', async () => {
      expect(await db.increment('counter', ['c'], 'n')).toBe(1);
      expect(await db.increment('counter', ['c'], 'n', 5)).toBe(6);
      await db.put('counter', ['d'], { label: 'kept' });
      const values = await Promise.all(Array.from({ length: 50 }, () => db.increment('counter', ['d'], 'n')));
      expect(new Set(values).size).toBe(50);
      expect(Math.max(...values)).toBe(50);
      expect((await db.get('counter', ['d']))!.value).toEqual({ label: 'kept', n: 50 });
    });

    it('isolates tenants: the same key in another tenant is another row', async () => {
      const a = store.tenant('a');
      const b = store.tenant('b');
      await a.put('item', ['k'], { owner: 'a' });
      await a.put('item', ['k', 1], { owner: 'a' });
      expect(await b.get('item', ['k'])).toBeUndefined();
      expect((await b.range('item', [])).rows).toEqual([]);
      expect((await b.range('item', ['k'])).rows).toEqual([]);
      await b.delete('item', ['k']);
      expect((await a.get('item', ['k']))!.value).toEqual({ owner: 'a' });
      expect(await b.increment('item', ['k'], 'n')).toBe(1);
      expect((await a.get('item', ['k']))!.value).toEqual({ owner: 'a' });
      expect(await failure(b.put('item', ['k'], { owner: 'b' }, 'notExists'))).toBeInstanceOf(ConditionFailedError);
      await b.put('item', ['k'], { owner: 'b' });
      expect((await a.get('item', ['k']))!.value).toEqual({ owner: 'a' });
      const tokenOfA = (await a.range('item', [], { limit: 1 })).nextToken!;
      const fromB = await b.range('item', [], { token: tokenOfA });
      expect(fromB.rows.every((r) => (r.value as { owner: string }).owner === 'b')).toBe(true);
    });

    it('keeps keys apart that differ only past the basic plane (emoji)', async () => {
      await db.put('item', ['u😀'], { a: 1 }, 'notExists');
      await db.put('item', ['u😁'], { a: 2 }, 'notExists');
      expect((await db.range('item', [])).rows.map((r) => [r.key[0], r.value['a']])).toEqual([['u😀', 1], ['u😁', 2]]);
    });

    it('rejects invalid tenants, keys and tables', async () => {
      expect(() => store.tenant('')).toThrow(KefuError);
      // Started one at a time: a driver doing I/O must not leave the later rejections unobserved.
      for (const bad of [() => db.get('item', []), () => db.put('item', [-1], {}), () => db.put('item', [1.5], {}), () => db.put('item', ['a\u0001b'], {}), () => db.get('bad table', ['a'])]) {
        expect(((await failure(bad())) as KefuError).code).toBe('VALIDATION_FAILED');
      }
    });
  });
}
