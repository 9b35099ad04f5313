import { VERSION, decodeRow, sdk, type PkColumn } from './tablestoreClient';
import type { TablestoreRows } from './tablestoreRows';

interface Waiting {
  readonly by: number;
  readonly resolve: (value: number) => void;
  readonly reject: (err: unknown) => void;
}

interface Group {
  readonly pk: PkColumn[];
  readonly physical: string;
  readonly column: string;
  readonly waiting: Waiting[];
}

/**
 * Increments of the same counter issued at the same moment (one turn of the event loop) go out
 * as one UpdateRow that adds their sum, the service's atomic INCREMENT: a merchant's hot counters
 * (the bot's conversation count, a popular entry's hits) take one request per turn instead of
 * one per message. Each caller still gets its own value, as if the increments had run one after
 * another in the order they were asked (the sum's result minus what the later ones added).
 */
export class TablestoreIncrementBatcher {
  private pending = new Map<string, Group>();

  constructor(private readonly rows: TablestoreRows) {}

  add(pk: PkColumn[], physical: string, column: string, by: number): Promise<number> {
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) setImmediate(() => void this.flush());
      const id = `${JSON.stringify(pk)}\u0000${physical}`;
      let group = this.pending.get(id);
      if (!group) this.pending.set(id, (group = { pk, physical, column, waiting: [] }));
      group.waiting.push({ by, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const due = [...this.pending.values()];
    this.pending = new Map();
    await Promise.all(due.map((g) => this.send(g)));
  }

  private async send(g: Group): Promise<void> {
    const total = g.waiting.reduce((sum, w) => sum + w.by, 0);
    const S = sdk();
    try {
      const data = await this.rows.call(
        'UpdateRow',
        () =>
          this.rows.client().updateRow({
            tableName: this.rows.tableName,
            primaryKey: g.pk,
            updateOfAttributeColumns: [{ INCREMENT: [{ [g.physical]: S.Long.fromNumber(total) }, { [VERSION]: S.Long.fromNumber(1) }] }],
            condition: this.rows.condition(undefined),
            returnContent: { returnType: S.ReturnType.AfterModify, returnColumns: [g.physical] },
          }),
        false,
      );
      let value = (decodeRow(data.row)?.value[g.column] as number) - total;
      for (const w of g.waiting) w.resolve((value += w.by));
    } catch (err) {
      for (const w of g.waiting) w.reject(err);
    }
  }
}
