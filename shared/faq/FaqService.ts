import { KefuError } from '../errors';
import { isConditionFailed, type Condition, type Store, type TenantStore } from '../store';
import type { FaqEntry, FaqEntryInput, FaqSettings } from '../schemas';
import { FaqMatcher, defaultRanker, type FaqMatchResult } from './FaqMatcher';
import { answerCutoff } from './faqConfidence';
import { faqToCsv } from './faqCsv';
import { blankField, entryFromInput, importedEntries } from './faqImportRows';
import { entryWrite, pointerMoved, readEntries, readEntry, readPointer, replaceBase, type Pointer } from './faqBase';
import { faqTables as t } from './faqTables';
import { loadSavedIndex, saveIndex, savedIndexVersion } from './savedIndex';
import { PendingEdits } from './PendingEdits';
import { RecentReads } from './RecentReads';

export interface FaqListQuery {
  /** Words to look for in the id, question, similar questions and answer. */
  readonly q?: string;
  readonly category?: string;
  readonly enabled?: boolean;
  readonly offset?: number;
  readonly limit?: number;
}

export interface FaqImportOptions {
  /** `merge` (default) upserts by id and keeps other entries; `replace` makes the file the whole KB. */
  readonly mode?: 'merge' | 'replace';
  /** Called as rows are checked and written, for progress on long imports. */
  readonly onProgress?: (done: number, total: number, phase: 'validate' | 'write') => void;
}

export interface FaqImportResult {
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  readonly total: number;
}

type EntryChange = { op: 'put'; entry: FaqEntry; condition: Condition } | { op: 'delete'; id: string };

/** How long a question waits for a changed knowledge base's new matcher before the previous one answers (ms). */
const REBUILD_WAIT_MS = 50;

/**
 * A merchant's knowledge base: entries (CRUD, search, import/export), the matcher built from the
 * enabled ones (saved in the store so a cold start loads rather than rebuilds it), and the
 * per-tenant decision thresholds.
 */
export class FaqService {
  /** Matchers of this process, by tenant, valid while the knowledge base's version is unchanged. */
  private readonly matchers = new Map<string, { version: number; matcher: FaqMatcher; entries?: Map<string, FaqEntry> }>();
  /** The knowledge base's version and the thresholds as last read, by tenant, with when. */
  private readonly reads: RecentReads;
  /** Matchers being loaded or built, by tenant, with the version they are for. */
  private readonly building = new Map<string, { version: number; done: Promise<FaqMatcher> }>();
  /** This process's edits the serving matcher does not hold yet. */
  private readonly pending = new PendingEdits();

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.reads = new RecentReads(clock);
  }

  // --- entries ---------------------------------------------------------------------------------

  async get(tenant: string, id: string): Promise<FaqEntry> {
    const db = this.db(tenant);
    const entry = await readEntry(db, (await readPointer(db)).base, id);
    if (!entry) throw new KefuError('FAQ_NOT_FOUND', `知识条目 ${id} 不存在`);
    return entry;
  }

  async create(tenant: string, input: FaqEntryInput): Promise<FaqEntry> {
    const entry = this.toEntry(input);
    await this.edit(tenant, { op: 'put', entry, condition: 'notExists' }, () => {
      throw new KefuError('FAQ_DUPLICATE_ID', `知识条目 id ${entry.id} 已存在`);
    });
    return entry;
  }

  /** Replaces an existing entry (the id in the path wins over one in the body). */
  async update(tenant: string, id: string, input: FaqEntryInput): Promise<FaqEntry> {
    const entry = this.toEntry({ ...input, id });
    await this.edit(tenant, { op: 'put', entry, condition: 'exists' }, () => {
      throw new KefuError('FAQ_NOT_FOUND', `知识条目 ${id} 不存在`);
    });
    return entry;
  }

  async setEnabled(tenant: string, id: string, enabled: boolean): Promise<FaqEntry> {
    let entry: FaqEntry | undefined;
    const notFound = (): never => {
      throw new KefuError('FAQ_NOT_FOUND', `知识条目 ${id} 不存在`);
    };
    // Read from the base the write goes to (an import may replace it between tries).
    await this.edit(
      tenant,
      async (base) => {
        const current = (await readEntry(this.db(tenant), base, id)) ?? notFound();
        entry = { ...current, enabled, updatedAt: this.clock().toISOString() };
        return { op: 'put', entry, condition: 'exists' };
      },
      notFound,
    );
    return entry!;
  }

  async delete(tenant: string, id: string): Promise<void> {
    await this.edit(tenant, { op: 'delete', id }, () => {
      throw new KefuError('FAQ_NOT_FOUND', `知识条目 ${id} 不存在`);
    });
  }

  /** Entries matching the filters, in id order, a page at a time. */
  async list(tenant: string, query: FaqListQuery = {}): Promise<{ entries: FaqEntry[]; total: number }> {
    const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const matching = (await this.all(tenant)).filter(
      (e) =>
        (query.category === undefined || e.category === query.category) &&
        (query.enabled === undefined || e.enabled === query.enabled) &&
        words.every((w) => [e.id, e.question, e.answer, ...e.similar].some((s) => s.toLowerCase().includes(w))),
    );
    const offset = query.offset ?? 0;
    return { entries: matching.slice(offset, offset + (query.limit ?? 20)), total: matching.length };
  }

  /** Every entry of the tenant, in id order. */
  async all(tenant: string): Promise<FaqEntry[]> {
    const db = this.db(tenant);
    return readEntries(db, (await readPointer(db)).base);
  }

  // --- import / export -------------------------------------------------------------------------

  async exportJson(tenant: string): Promise<string> {
    return `${JSON.stringify(await this.all(tenant), null, 2)}\n`;
  }

  async exportCsv(tenant: string): Promise<string> {
    return faqToCsv(await this.all(tenant));
  }

  /**
   * Imports a JSON array or a CSV file. Every row is validated first; with any problem nothing is
   * written and IMPORT_INVALID lists the problems by line (CSV) or entry number (JSON). Otherwise
   * the whole new knowledge base is staged and made current at once (faqBase.ts): an import applies
   * whole or not at all, whatever its size.
   */
  async importFile(tenant: string, format: 'json' | 'csv', text: string, options: FaqImportOptions = {}): Promise<FaqImportResult> {
    const { entries, seen } = importedEntries(format, text, this.clock().toISOString(), (done, total) => options.onProgress?.(done, total, 'validate'));
    const db = this.db(tenant);
    const from = await readPointer(db);
    const previous = await readEntries(db, from.base);
    const kept = options.mode === 'replace' ? [] : previous.filter((e) => !seen.has(e.id));
    const next = [...kept, ...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    try {
      await replaceBase(db, { ...from, entries: previous }, next, this.clock(), (done) => options.onProgress?.(done, next.length, 'write'));
    } finally {
      this.reads.forget(tenant);
    }
    // A new base: edits pending against the old one no longer say what is current. An import is a
    // job of its own whose end is the new base's index (the CLI and the console show its phases):
    // it waits for it, and until then the previous index answers questions as it was.
    this.pending.clear(tenant);
    await this.refresh(db, (await readPointer(db)).version).catch(() => undefined);
    const had = new Set(previous.map((p) => p.id));
    const updated = entries.filter((e) => had.has(e.id)).length;
    const deleted = options.mode === 'replace' ? previous.filter((p) => !seen.has(p.id)).length : 0;
    return { created: entries.length - updated, updated, deleted, total: entries.length };
  }

  // --- settings --------------------------------------------------------------------------------

  async settings(tenant: string): Promise<FaqSettings> {
    const known = this.reads.of(tenant).settings;
    if (known) return known;
    const since = this.reads.changes(tenant);
    const row = await this.db(tenant).get<FaqSettings>(t.settings, ['thresholds']);
    const settings = row?.value ?? { ...defaultRanker().thresholds };
    this.reads.remember(tenant, { settings }, since);
    return settings;
  }

  /**
   * Stores the tenant's thresholds. With a precision target, the answer threshold is the
   * calibrated one for it (answerCutoff) and the suggest threshold is kept at or below it.
   */
  async putSettings(tenant: string, input: FaqSettings): Promise<FaqSettings> {
    const settings: FaqSettings = input.precision === undefined ? input : { ...input, answer: answerCutoff(input.precision), suggest: Math.min(input.suggest, answerCutoff(input.precision)) };
    if (settings.suggest > settings.answer) {
      throw new KefuError('VALIDATION_FAILED', '建议阈值 suggest 不能高于回答阈值 answer', { field: 'suggest', reason: 'range' });
    }
    await this.db(tenant).put(t.settings, ['thresholds'], { ...settings });
    this.reads.forget(tenant);
    return settings;
  }

  // --- matching --------------------------------------------------------------------------------

  /** The decision for a user's question with the tenant's thresholds. */
  async decide(tenant: string, text: string): Promise<FaqMatchResult> {
    return (await this.decideWithEntries(tenant, text)).result;
  }

  /**
   * The decision and the enabled entries of its matches (same order; undefined for one that is
   * gone), from the entries cached with the matcher: the bot needs their questions and answers on
   * every message, and reading them from the store each time was most of a message's store reads.
   */
  async decideWithEntries(tenant: string, text: string): Promise<{ result: FaqMatchResult; entries: (FaqEntry | undefined)[] }> {
    const [matcher, settings] = await Promise.all([this.matcher(tenant), this.settings(tenant)]);
    const result = matcher.match(text, settings);
    const byId = await this.cachedEntries(tenant, matcher);
    return this.pending.apply(tenant, this.servingVersion(tenant, matcher), text, { result, entries: result.matches.map((m) => byId.get(m.faqId)) });
  }

  /** One enabled entry from the cache of the current knowledge base (undefined when absent or disabled). */
  async enabledEntry(tenant: string, id: string): Promise<FaqEntry | undefined> {
    const matcher = await this.matcher(tenant);
    const pending = this.pending.entry(tenant, this.servingVersion(tenant, matcher), id);
    if (pending !== undefined) return pending ?? undefined;
    return (await this.cachedEntries(tenant, matcher)).get(id);
  }

  /** The version of the matcher serving this question, when it is the cached one. */
  private servingVersion(tenant: string, matcher: FaqMatcher): number | undefined {
    const cached = this.matchers.get(tenant);
    return cached?.matcher === matcher ? cached.version : undefined;
  }

  /**
   * The enabled entries of the matcher's base. When the matcher is not the cached one (a newer one
   * replaced it meanwhile), its entries are read again: they must be the ones it was built from
   * or newer, never older.
   */
  private async cachedEntries(tenant: string, matcher: FaqMatcher): Promise<Map<string, FaqEntry>> {
    const cached = this.matchers.get(tenant);
    const read = async () => new Map((await this.all(tenant)).filter((e) => e.enabled).map((e) => [e.id, e]));
    if (!cached || cached.matcher !== matcher) return read();
    cached.entries ??= await read();
    return cached.entries;
  }

  /**
   * The tenant's matcher: from this process's cache while the knowledge base is unchanged, else
   * loaded from the index saved in the store, else built from the entries (in slices: other
   * requests run meanwhile) and saved. While a changed base's matcher is being made, the previous
   * one keeps serving: a question waits for the new one at most REBUILD_WAIT_MS (a small base is
   * ready by then, so a change shows at once), never for a large base's rebuild. Only a process
   * with no matcher yet (a cold start) waits for the first.
   */
  async matcher(tenant: string): Promise<FaqMatcher> {
    const db = this.db(tenant);
    let version = this.reads.of(tenant).version;
    if (version === undefined) {
      const since = this.reads.changes(tenant);
      version = (await readPointer(db)).version;
      this.reads.remember(tenant, { version }, since);
    }
    const cached = this.matchers.get(tenant);
    if (cached?.version === version) return cached.matcher;
    const next = this.refresh(db, version);
    if (!cached) return next;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), REBUILD_WAIT_MS)));
    // A failed rebuild leaves the previous matcher serving; the next question tries again.
    const ready = await Promise.race([next.catch(() => undefined), late]);
    clearTimeout(timer);
    return ready ?? cached.matcher;
  }

  /**
   * The matcher of the knowledge base as it is now, waiting for its build however long it takes
   * (a question never does: see `matcher`). For jobs that end with the new index, and tests.
   */
  async current(tenant: string): Promise<FaqMatcher> {
    const db = this.db(tenant);
    const version = (await readPointer(db)).version;
    const cached = this.matchers.get(tenant);
    return cached?.version === version ? cached.matcher : this.refresh(db, version);
  }

  /**
   * After this process changed the knowledge base: its matcher is started now, off the request
   * (the merchant's write does not wait for it; PendingEdits answers with the change meanwhile and
   * questions get the previous matcher). A failed rebuild is the next
   * question's to retry; the write itself succeeded.
   */
  private async rebuildAfterChange(db: TenantStore): Promise<void> {
    const version = (await readPointer(db)).version;
    void this.refresh(db, version).catch(() => undefined);
  }

  /** The matcher of `version`, one making at a time per tenant and version; cached when done. */
  private refresh(db: TenantStore, version: number): Promise<FaqMatcher> {
    const tenant = db.tenant;
    const inFlight = this.building.get(tenant);
    if (inFlight && inFlight.version >= version) return inFlight.done;
    const done = (async () => {
      const matcher = (await this.loadSaved(db, version)) ?? (await this.buildAndSave(db, version));
      const current = this.matchers.get(tenant);
      if (!current || current.version < version) this.matchers.set(tenant, { version, matcher });
      return matcher;
    })();
    this.building.set(tenant, { version, done });
    const settle = () => {
      if (this.building.get(tenant)?.done === done) this.building.delete(tenant);
    };
    done.then(settle, settle);
    return done;
  }

  /** Whether the saved index matches the current knowledge base (so a cold start loads it). */
  async savedIndexVersion(tenant: string): Promise<number | undefined> {
    return savedIndexVersion(this.db(tenant));
  }

  private async loadSaved(db: TenantStore, version: number): Promise<FaqMatcher | undefined> {
    const json = await loadSavedIndex(db, version);
    // A saved index of an older format is rebuilt (undefined here) rather than misread.
    return json === undefined ? undefined : FaqMatcher.fromJSON(json);
  }

  private async buildAndSave(db: TenantStore, version: number): Promise<FaqMatcher> {
    const matcher = await FaqMatcher.buildInSlices((await this.all(db.tenant)).filter((e) => e.enabled));
    await saveIndex(db, version, JSON.stringify(matcher.toJSON()));
    return matcher;
  }

  // --- internals -------------------------------------------------------------------------------

  private db(tenant: string): TenantStore {
    return this.store.tenant(tenant);
  }

  /** The tenant's view of the store, for the bot's and the insight's tables of the FAQ domain. */
  storeOf(tenant: string): TenantStore {
    return this.db(tenant);
  }

  private toEntry(input: FaqEntryInput): FaqEntry {
    const blank = blankField(input);
    if (blank) throw new KefuError('VALIDATION_FAILED', blank.message, { field: blank.field, reason: 'blank' });
    return entryFromInput(input, this.clock().toISOString());
  }

  /**
   * One entry's change: into the current base with the pointer's bump, conditional on the version
   * read, so an edit never lands in a base an import has just replaced (it is redone on the new
   * one). A tenant's entries of before bases are first copied into one.
   */
  private async edit(tenant: string, change: EntryChange | ((base: string) => Promise<EntryChange>), onConditionFailed: () => never): Promise<void> {
    const db = this.db(tenant);
    for (let attempt = 0; attempt < 5; attempt++) {
      let p: Pointer = await readPointer(db);
      if (p.base === undefined) {
        const legacy = await readEntries(db, undefined);
        await replaceBase(db, { ...p, entries: legacy }, legacy, this.clock(), () => undefined).catch((err: unknown) => {
          if (!(err instanceof KefuError && err.code === 'CONFLICT')) throw err;
        });
        p = await readPointer(db);
      }
      if (p.base === undefined) continue;
      try {
        const next = typeof change === 'function' ? await change(p.base) : change;
        await db.batchWrite(entryWrite({ ...p, base: p.base }, next, this.clock()));
        this.reads.forget(tenant);
        // Recorded against the version the write was conditioned on: any later matcher holds it.
        this.pending.record(tenant, p.version, next.op === 'put' ? next.entry.id : next.id, next.op === 'put' ? next.entry : null);
        await this.rebuildAfterChange(db);
        return;
      } catch (err) {
        if (pointerMoved(err)) continue;
        if (isConditionFailed(err)) onConditionFailed();
        throw err;
      }
    }
    throw new KefuError('CONFLICT', '知识库正在被修改,请稍后重试');
  }
}
