import { randomBytes } from 'node:crypto';
import { KefuError } from '../errors';
import type { WriteOp } from './Store';
import { partitionOf } from './partitions';
import { decodeRow, type PkColumn } from './tablestoreClient';
import type { PlacedOp, TablestoreRows } from './tablestoreRows';

/*
 * A batch across partitions on Tablestore, whose local transactions cover one partition each
 * (https://www.alibabacloud.com/help/doc-detail/120983.html: "operations on data that shares the
 * same partition key either all succeed or all fail").
 *
 * 1. An intent row (the merchant's `_intent` partition, single-row write, no lock) records the
 *    other partitions' ops and the home partition.
 * 2. Each other partition that holds a conditional op is locked in its own transaction and its ops
 *    written (and checked) there, uncommitted.
 * 3. The home partition is written in its transaction together with a `_done` row naming the
 *    intent, and committed: the batch has happened.
 * 4. The locked partitions commit, the unconditional rows of other partitions are written, and the
 *    `_done` row and the intent are deleted.
 * A failure before 3 aborts everything (nothing is written but the intent, which recovery drops
 * because no `_done` row exists). A crash after 3 leaves the intent and the `_done` row:
 * `recover` writes the other partitions' ops again (without their conditions, checked already) and
 * deletes both. Rows written that way (indexes, queues) are ones whose readers check what they
 * point to.
 */

const INTENT_TABLE = '_intent';
const DONE_TABLE = '_done';
/** A transaction lives at most 60 s; an intent older than this belongs to no running batch. */
export const RECOVER_AFTER_MS = 120_000;
/** An attribute column holds at most 2 MB (general limits); the intent keeps well under it. */
const MAX_INTENT_BYTES = 1_500_000;

interface Intent {
  readonly home: string;
  readonly ops: readonly WriteOp[];
}

/** The op as recovery writes it again: its condition was checked when the batch committed. */
const unconditional = (op: WriteOp): WriteOp => {
  const { condition: _checked, ...rest } = op;
  void _checked;
  return rest;
};

export class TablestoreBatch {
  constructor(
    private readonly rows: TablestoreRows,
    private readonly tenant: string,
    private readonly place: (op: WriteOp) => PlacedOp,
  ) {}

  private intentPk(id: string): PkColumn[] {
    return [{ p: partitionOf(this.tenant, INTENT_TABLE, []) }, { tbl: INTENT_TABLE }, { k: id }];
  }

  private donePk(home: string, id: string): PkColumn[] {
    return [{ p: home }, { tbl: DONE_TABLE }, { k: id }];
  }

  async write(ops: readonly WriteOp[]): Promise<void> {
    const placed = ops.map(this.place);
    const byPartition = new Map<string, PlacedOp[]>();
    for (const p of placed) byPartition.set(p.partition, [...(byPartition.get(p.partition) ?? []), p]);
    const home = placed[0]!.partition;
    if (byPartition.size === 1) {
      if (placed.length === 1) {
        await this.rows.writeOne(placed[0]!);
        return;
      }
      await this.inTransaction(home, placed);
      return;
    }
    await this.across(home, byPartition);
  }

  private async inTransaction(partition: string, ops: readonly PlacedOp[], extra?: PlacedOp): Promise<void> {
    const id = await this.rows.start(partition);
    try {
      await this.rows.writeIn(id, extra ? [...ops, extra] : ops);
      await this.rows.commit(id);
    } catch (err) {
      await this.rows.abort(id);
      throw err;
    }
  }

  private async across(home: string, byPartition: Map<string, PlacedOp[]>): Promise<void> {
    const others = [...byPartition.entries()].filter(([p]) => p !== home).sort(([a], [b]) => (a < b ? -1 : 1));
    const locked = others.filter(([, ops]) => ops.some((p) => p.op.condition !== undefined));
    const after = others.filter(([, ops]) => ops.every((p) => p.op.condition === undefined)).flatMap(([, ops]) => ops);
    const intent: Intent = { home, ops: others.flatMap(([, ops]) => ops.map((p) => unconditional(p.op))) };
    const text = JSON.stringify(intent);
    if (Buffer.byteLength(text, 'utf8') > MAX_INTENT_BYTES) {
      throw new KefuError('BATCH_TOO_LARGE', 'rows outside the first row\'s partition exceed what one batch can carry', { bytes: text.length, maxBytes: MAX_INTENT_BYTES });
    }
    // Sorts by age, so recovery reads the oldest first.
    const intentId = `${String(Date.now()).padStart(15, '0')}-${randomBytes(6).toString('hex')}`;
    await this.rows.put(INTENT_TABLE, this.intentPk(intentId), { intent: text }, 'notExists');
    const open: string[] = [];
    try {
      for (const [partition, ops] of locked) {
        const id = await this.rows.start(partition);
        open.push(id);
        await this.rows.writeIn(id, ops);
      }
      const done: PlacedOp = { op: { op: 'put', table: DONE_TABLE, key: [intentId], value: { intent: intentId }, condition: 'notExists' }, pk: this.donePk(home, intentId), partition: home };
      await this.inTransaction(home, byPartition.get(home)!, done);
    } catch (err) {
      await Promise.all(open.map((id) => this.rows.abort(id)));
      await this.forget(intentId);
      throw err;
    }
    // Committed. What follows is finished by recover() if it is cut off.
    const ok = (work: Promise<unknown>) => work.then(() => true, () => false);
    const committed = await Promise.all(open.map((id) => ok(this.rows.commit(id))));
    const written = await Promise.all(after.map((p) => ok(this.rows.writeOne(p))));
    if ([...committed, ...written].every(Boolean)) await this.finish(home, intentId);
  }

  private async forget(intentId: string): Promise<void> {
    await this.rows.remove(INTENT_TABLE, this.intentPk(intentId), undefined).catch(() => undefined);
  }

  private async finish(home: string, intentId: string): Promise<void> {
    try {
      await this.rows.remove(DONE_TABLE, this.donePk(home, intentId), undefined);
      await this.forget(intentId);
    } catch {
      // Left for recover(): writing the rows again is harmless.
    }
  }

  /** Finishes (or drops) batches older than `olderThanMs`; returns how many it finished. */
  async recover(olderThanMs = RECOVER_AFTER_MS): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    let finished = 0;
    for (const raw of await this.rows.rangeRaw(partitionOf(this.tenant, INTENT_TABLE, []), INTENT_TABLE, 100)) {
      const intentId = String(raw.primaryKey?.[2]?.value);
      if (Number(intentId.slice(0, 15)) > cutoff) break;
      const intent = JSON.parse(String(decodeRow(raw)?.value.intent)) as Intent;
      const done = decodeRow(await this.rows.getRow(this.donePk(intent.home, intentId)));
      if (done) {
        for (const op of intent.ops) await this.rows.writeOne(this.place(op));
        finished++;
        await this.finish(intent.home, intentId);
      } else {
        await this.forget(intentId);
      }
    }
    return finished;
  }
}
