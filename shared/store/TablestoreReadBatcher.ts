import { KefuError } from '../errors';
import { THROTTLED, type PkColumn, type SdkRow } from './tablestoreClient';
import type { TablestoreRows } from './tablestoreRows';

/** BatchGetRow reads at most 100 rows (https://www.alibabacloud.com/help/doc-detail/91524.html). */
const BATCH_GET_ROWS = 100;

interface Pending {
  readonly pk: PkColumn[];
  readonly resolve: (row: SdkRow) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Single-row reads issued at the same moment (one turn of the event loop) go out as one
 * BatchGetRow instead of one GetRow each. A process serving many conversations at once (FC with
 * instance concurrency above 1, the dev server) reads each message's conversation row: under load
 * those reads share requests, while a lone read still goes out at once as a GetRow. The request's
 * CPU (HTTP, signing, encoding) is most of what a message costs its process.
 */
export class TablestoreReadBatcher {
  private pending: Pending[] = [];

  constructor(private readonly rows: TablestoreRows) {}

  get(pk: PkColumn[]): Promise<SdkRow> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ pk, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const due = this.pending;
    this.pending = [];
    if (due.length === 1) {
      const [one] = due as [Pending];
      await this.rows.getRow(one.pk).then(one.resolve, one.reject);
      return;
    }
    for (let at = 0; at < due.length; at += BATCH_GET_ROWS) await this.batch(due.slice(at, at + BATCH_GET_ROWS));
  }

  private async batch(part: readonly Pending[]): Promise<void> {
    let answers;
    try {
      answers = (await this.rows.call('BatchGetRow', () => this.rows.batchGetRow(part.map((p) => p.pk)), true)).tables[0] ?? [];
    } catch (err) {
      for (const p of part) p.reject(err);
      return;
    }
    part.forEach((p, i) => {
      const r = answers[i];
      if (r?.isOk) return p.resolve({ primaryKey: r.primaryKey ?? [], attributes: r.attributes ?? [] });
      // A row the service could not read now (throttled) is read alone, with the usual retries.
      if (THROTTLED.has(r?.errorCode ?? '')) return void this.rows.getRow(p.pk).then(p.resolve, p.reject);
      p.reject(new KefuError('STORE_UNAVAILABLE', `Tablestore BatchGetRow 失败: ${r?.errorCode ?? 'Unknown'}`, { code: r?.errorCode }));
    });
  }
}
