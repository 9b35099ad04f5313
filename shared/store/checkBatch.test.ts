import type { KefuError } from '../errors';
import { batchBound, checkBatch, MAX_BATCH_BYTES, opBytes } from './keyCodec';
import type { WriteOp } from './Store';

/** Whether checkBatch accepts the batch, with or without the puts' JSON texts. */
function accepts(ops: readonly WriteOp[], withJson: boolean): boolean {
  const jsons = withJson ? ops.map((op) => (op.op === 'put' ? JSON.stringify(op.value) : undefined)) : undefined;
  try {
    checkBatch('商户-1', ops, jsons);
    return true;
  } catch (err) {
    expect((err as KefuError).code).toBe('BATCH_TOO_LARGE');
    return false;
  }
}

describe('checkBatch with the JSON texts a driver made already', () => {
  // Rows whose exact size (opBytes) puts the batch just under and just over the limit, with the
  // shapes the bound must cover: non-ASCII column names and text, integers, nested values, string
  // and number keys.
  const row = (i: number, text: string): WriteOp => ({ op: 'put', table: 'event', key: ['会话', i], value: { 内容: text, seq: i, nested: { a: [1, 2, '三'] } } });
  const sized = (target: number): WriteOp[] => {
    const ops = [row(0, 'x'.repeat(100_000)), { op: 'update', table: 'conversation', key: ['c'], set: { lastSeq: 3, 预览: '你好' } } as WriteOp];
    const rest = target - ops.reduce((n, op) => n + opBytes('商户-1', op), 0);
    const chars = Math.floor((rest - opBytes('商户-1', row(1, ''))) / 3);
    return [...ops, row(1, '汉'.repeat(chars))];
  };

  it.each([MAX_BATCH_BYTES - 10, MAX_BATCH_BYTES, MAX_BATCH_BYTES + 10, 200_000, 3_000_000])('decides a batch of about %i bytes as the exact count does', (target) => {
    const ops = sized(target);
    expect(accepts(ops, true)).toBe(accepts(ops, false));
    expect(accepts(ops, false)).toBe(ops.reduce((n, op) => n + opBytes('商户-1', op), 0) <= MAX_BATCH_BYTES);
  });

  it('bounds every shape of row from above: non-ASCII keys, tenants and names, integers, nulls, nesting', () => {
    const shapes: WriteOp[] = [
      { op: 'put', table: 'event', key: ['会话😀', 7, ''], value: { 内容: '😀'.repeat(50), n: 1, big: 1e300, f: 0.5 } },
      { op: 'put', table: 't', key: [0], value: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`c${i}`, i])) },
      { op: 'put', table: 't', key: ['k'], value: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`列${i}`, null])) },
      { op: 'put', table: 't', key: ['k'], value: { gone: undefined, kept: { a: [1, '二', { c: null }] } } },
      { op: 'put', table: 't', key: ['k'], value: {} },
      { op: 'update', table: 't', key: ['k'], set: { a: 1, b: null } },
      { op: 'delete', table: 't', key: ['k'] },
    ];
    for (const tenant of ['t', '商户😀']) {
      for (const op of shapes) {
        const json = op.op === 'put' ? JSON.stringify(op.value) : undefined;
        expect(batchBound(tenant, [op], [json])).toBeGreaterThanOrEqual(opBytes(tenant, op));
      }
    }
  });

  it('clears a message-sized batch by the bound alone', () => {
    const ops: WriteOp[] = Array.from({ length: 5 }, (_, i) => row(i, '转账没到账'.repeat(20)));
    expect(batchBound('商户-1', ops, ops.map((op) => (op.op === 'put' ? JSON.stringify(op.value) : undefined)))).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    expect(accepts(ops, true)).toBe(true);
  });
});
