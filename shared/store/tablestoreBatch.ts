import { randomBytes } from 'node:crypto';
import { KefuError } from '../errors';
import type { WriteOp } from './Store';
import { partitionOf } from './partitions';
import { isConditionFailed } from './ConditionFailedError';
import { VERSION, decodeRow, type PkColumn } from './tablestoreClient';
import type { PlacedOp, TablestoreRows } from './tablestoreRows';

/*
 * A batch across partitions on Tablestore, whose local transactions cover one partition each
 * (https://www.alibabacloud.com/help/doc-detail/120983.html: "operations on data that shares the
 * same partition key either all succeed or all fail").
 *
 * 1. An intent row (the merchant's `_intent` partition, single-row write, no lock) records the
 *    other partitions' ops, the home partition, and the version the batch gives its first row.
 * 2. Each other partition that holds a conditional op is locked in its own transaction and its ops
 *    written (and checked) there, uncommitted.
 * 3. The home partition is written in its transaction together with a `_done` row naming the
 *    intent, and committed: the batch has happened. A commit whose answer is lost is settled by
 *    reading the `_done` row.
 * 4. The locked partitions commit, the unconditional rows of other partitions are written, and the
 *    `_done` row and the intent are deleted.
 * A failure before 3 aborts everything (nothing is written but the intent, which recovery drops
 * because no `_done` row exists). A crash after 3 leaves the intent and the `_done` row for
 * `recover`, which replays only what cannot overwrite newer state (see there). Rows written that
 * way (indexes, queues) are ones whose readers check what they point to.
 */

const INTENT_TABLE = '_intent';
const DONE_TABLE = '_done';
/** A transaction lives at most 60 s; an intent older than this belongs to no running batch. */
export const RECOVER_AFTER_MS = 120_000;
/** An attribute column holds at most 2 MB (general limits); the intent keeps well under it. */
const MAX_INTENT_BYTES = 1_500_000;

interface Intent {
  readonly home: string;
  /** Ops of other partitions that carry a version or notExists condition: replayed under it, so one already applied (or overtaken) is skipped. */
  readonly guarded: readonly WriteOp[];
  /** The other ops: replayed only while the batch's first row still has the version this batch gave it. */
  readonly rest: readonly WriteOp[];
  /** The first row and the version this batch writes it at, when its condition says (a version, or notExists). */
  readonly first?: { readonly op: WriteOp; readonly version: number };
}

const guardedOp = (op: WriteOp) => op.condition === 'notExists' || typeof op.condition === 'object';

/** The version a conditional write leaves its row at, when the condition names it. */
function versionAfter(op: WriteOp): number | undefined {
  if (op.condition === 'notExists') return op.op === 'delete' ? undefined : 1;
  return typeof op.condition === 'object' && op.op !== 'delete' ? op.condition.version + 1 : undefined;
}

/** The op without its condition (a row recovery may write again while nothing overtook the batch). */
const unconditional = (op: WriteOp): WriteOp => {
  const { condition: _checked, ...rest } = op;
  void _checked;
  return rest;
};

/** Whether a failure leaves the outcome of the write it interrupted unknown (the service may have applied it). */
const outcomeUnknown = (err: unknown) => !(err instanceof KefuError && (err.code === 'STORE_CONDITION_FAILED' || err.code === 'STORE_REJECTED' || err.code === 'BATCH_TOO_LARGE'));

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
    const foreign = others.flatMap(([, ops]) => ops.map((p) => p.op));
    const firstOp = byPartition.get(home)![0]!.op;
    const firstVersion = versionAfter(firstOp);
    const intent: Intent = {
      home,
      guarded: foreign.filter(guardedOp),
      rest: foreign.filter((op) => !guardedOp(op)).map(unconditional),
      ...(firstVersion !== undefined ? { first: { op: firstOp, version: firstVersion } } : {}),
    };
    const text = JSON.stringify(intent);
    if (Buffer.byteLength(text, 'utf8') > MAX_INTENT_BYTES) {
      throw new KefuError('BATCH_TOO_LARGE', 'rows outside the first row\'s partition exceed what one batch can carry', { bytes: text.length, maxBytes: MAX_INTENT_BYTES });
    }
    // Sorts by age, so recovery reads the oldest first.
    const intentId = `${String(Date.now()).padStart(15, '0')}-${randomBytes(6).toString('hex')}`;
    await this.rows.put(INTENT_TABLE, this.intentPk(intentId), { intent: text }, 'notExists');
    const open: string[] = [];
    const abortAll = () => Promise.all(open.map((id) => this.rows.abort(id)));
    try {
      for (const [partition, ops] of locked) {
        const id = await this.rows.start(partition);
        open.push(id);
        await this.rows.writeIn(id, ops);
      }
    } catch (err) {
      await abortAll();
      await this.forget(intentId);
      throw err;
    }
    const done: PlacedOp = { op: { op: 'put', table: DONE_TABLE, key: [intentId], value: { intent: intentId }, condition: 'notExists' }, pk: this.donePk(home, intentId), partition: home };
    const homeId = await this.rows.start(home).catch(async (err: unknown) => {
      await abortAll();
      await this.forget(intentId);
      throw err;
    });
    try {
      await this.rows.writeIn(homeId, [...byPartition.get(home)!, done]);
    } catch (err) {
      await Promise.all([this.rows.abort(homeId), abortAll()]);
      await this.forget(intentId);
      throw err;
    }
    try {
      await this.rows.commit(homeId);
    } catch (err) {
      // The commit may have been applied with its answer lost: the _done row says. Until that is
      // known the intent stays, for recover() to decide from the same row.
      const committed = outcomeUnknown(err) ? await this.rows.getRow(this.donePk(home, intentId)).then((r) => decodeRow(r) !== undefined, () => undefined) : false;
      if (committed === undefined) throw err;
      if (!committed) {
        await abortAll();
        await this.forget(intentId);
        throw err;
      }
    }
    // Committed. What follows is finished by recover() if it is cut off.
    const ok = (work: Promise<unknown>) => work.then(() => true, () => false);
    const committed = await Promise.all(open.map((id) => ok(this.rows.commit(id))));
    const written = await Promise.all(after.map((p) => ok(this.rows.writeOne(p))));
    if ([...committed, ...written].every(Boolean)) await this.finish(home, intentId);
  }

  /** Deletes a row the protocol owns; a delete is idempotent, so a transient failure is tried again. */
  private async drop(table: string, pk: PkColumn[]): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.rows.remove(table, pk, undefined);
        return true;
      } catch {
        // tried again, then left for recover()
      }
    }
    return false;
  }

  private async forget(intentId: string): Promise<void> {
    await this.drop(INTENT_TABLE, this.intentPk(intentId));
  }

  private async finish(home: string, intentId: string): Promise<void> {
    // The _done row first: an intent without it is dropped by recover(), never replayed.
    if (await this.drop(DONE_TABLE, this.donePk(home, intentId))) await this.forget(intentId);
  }

  /**
   * Finishes (or drops) batches older than `olderThanMs`; returns how many it finished. A batch
   * whose home partition committed (its _done row is there) has its other partitions written
   * again: ops with a version or notExists condition under that condition (so one already applied,
   * or overtaken by a later change, is skipped), the others only while the batch's first row still
   * has the version the batch gave it (a later commit of that conversation wrote its own index rows,
   * and readers skip stale ones). One intent that cannot be finished now is left for the next sweep.
   */
  async recover(olderThanMs = RECOVER_AFTER_MS): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    let finished = 0;
    for (const raw of await this.rows.rangeRaw(partitionOf(this.tenant, INTENT_TABLE, []), INTENT_TABLE, 100)) {
      const intentId = String(raw.primaryKey?.[2]?.value);
      if (Number(intentId.slice(0, 15)) > cutoff) break;
      try {
        const intent = JSON.parse(String(decodeRow(raw)?.value['intent'])) as Intent;
        const done = decodeRow(await this.rows.getRow(this.donePk(intent.home, intentId)));
        if (!done) {
          await this.forget(intentId);
          continue;
        }
        for (const op of intent.guarded) {
          try {
            await this.rows.writeOne(this.place(op));
          } catch (err) {
            if (!isConditionFailed(err)) throw err;
          }
        }
        if (await this.untouched(intent)) for (const op of intent.rest) await this.rows.writeOne(this.place(op));
        finished++;
        await this.finish(intent.home, intentId);
      } catch {
        // Left for the next sweep (a throttled partition, say); the others go on.
      }
    }
    return finished;
  }

  /** Whether the batch's first row still has the version the batch wrote (nothing overtook it). */
  private async untouched(intent: Intent): Promise<boolean> {
    if (!intent.first) return false;
    const row = decodeRow(await this.rows.getRow(this.place(intent.first.op).pk, [VERSION]));
    return row?.version === intent.first.version;
  }
}
