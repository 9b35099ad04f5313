import { randomUUID } from 'node:crypto';
import { isConditionFailed, type Key, type TenantStore, type WriteOp } from '../store';
import { faqTables as t } from './faqTables';

/**
 * The matcher saved in the store, so a cold start loads it instead of rebuilding it.
 *
 * A saved index of a large knowledge base is megabytes (10,000 entries: about 4 MB), more than one
 * Tablestore request or local transaction takes (200 rows, 4 MB:
 * https://www.alibabacloud.com/help/doc-detail/91524.html,
 * https://www.alibabacloud.com/help/doc-detail/172551.htm). So it is not written atomically: its
 * chunks go first, under a key of their own that nothing reads yet, with as many requests as they
 * need; then the pointer row (faqIndex ['current']) is flipped to them in one single-row write.
 * A reader follows the pointer, so it sees the old index or the new one, never a mix; a save
 * killed before the flip leaves the old index current and only unread chunks behind.
 */

/** Characters per chunk row: at most 3 bytes each in UTF-8, so under 1.5 MB, below the 2 MB attribute limit. */
const INDEX_CHUNK = 512 * 1024;
/** Rows per page when listing chunk rows. */
const PAGE = 100;

type Pointer = {
  readonly kbVersion: number;
  readonly chunks: number;
  /**
   * Which save of that version the chunks belong to (keys [kbVersion, save, n]). Pointers written
   * before it existed lack it; their chunks are keyed [kbVersion, n].
   */
  readonly save?: string;
};

/** The rows of a key prefix, all pages. */
async function rowsUnder<T extends Record<string, unknown>>(db: TenantStore, prefix: Key): Promise<{ key: Key; value: T }[]> {
  const out: { key: Key; value: T }[] = [];
  let token: string | undefined;
  do {
    const page = await db.range<T>(t.indexPart, prefix, { limit: PAGE, ...(token ? { token } : {}) });
    out.push(...page.rows);
    token = page.nextToken;
  } while (token);
  return out;
}

/** The kbVersion the current saved index was built for, if any. */
export async function savedIndexVersion(db: TenantStore): Promise<number | undefined> {
  return (await db.get<Pointer>(t.index, ['current']))?.value.kbVersion;
}

/** The saved index's JSON text when it was built for `version` and is complete, else undefined. */
export async function loadSavedIndex(db: TenantStore, version: number): Promise<unknown> {
  const current = await db.get<Pointer>(t.index, ['current']);
  if (current?.value.kbVersion !== version) return undefined;
  const prefix: Key = current.value.save === undefined ? [version] : [version, current.value.save];
  // Only the rows directly under the prefix: an old-layout pointer's [v] must not pick up [v, save, n].
  const parts = (await rowsUnder<{ data: string }>(db, prefix)).filter((r) => r.key.length === prefix.length + 1).map((r) => r.value.data);
  // Incomplete (chunks of an older save being deleted under a reader): rebuild rather than misread.
  if (parts.length !== current.value.chunks) return undefined;
  return JSON.parse(parts.join(''));
}

/**
 * Saves an index built for knowledge-base `version`: chunks first (outside any transaction), the
 * pointer last, then (best effort) the chunks no pointer can reach any more. A save for a version
 * older than the one already current (a slow process) does not move the pointer back, and
 * deletes its own chunks instead.
 */
export async function saveIndex(db: TenantStore, version: number, json: string): Promise<void> {
  const save = randomUUID().replace(/-/g, '').slice(0, 16);
  const chunks: WriteOp[] = [];
  for (let i = 0, n = 0; i < json.length || n === 0; i += INDEX_CHUNK, n++) {
    chunks.push({ op: 'put', table: t.indexPart, key: [version, save, n], value: { data: json.slice(i, i + INDEX_CHUNK) } });
  }
  await db.writeMany(chunks);
  const current = await db.get<Pointer>(t.index, ['current']);
  let flipped = false;
  // The same version too: this save is only made when loading that version's index failed.
  if (!current || current.value.kbVersion <= version) {
    try {
      // Conditional on the pointer read just now: of two savers racing, one flips, the other's
      // chunks become garbage.
      await db.put(t.index, ['current'], { kbVersion: version, chunks: chunks.length, save }, current ? { version: current.version } : 'notExists');
      flipped = true;
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
  }
  // Best effort, by key (reading them would fetch megabytes): what a failure or a killed save
  // leaves behind is never read, only stored.
  const garbage = flipped ? (current ? chunkKeys(current.value) : []) : chunks.map((c) => c.key);
  await db.writeMany(garbage.map((key): WriteOp => ({ op: 'delete', table: t.indexPart, key }))).catch(() => undefined);
}

/** The chunk keys a pointer names. */
function chunkKeys(p: Pointer): Key[] {
  return Array.from({ length: p.chunks }, (_, n) => (p.save === undefined ? [p.kbVersion, n] : [p.kbVersion, p.save, n]));
}
