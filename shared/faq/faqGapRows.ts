import { randomUUID } from 'node:crypto';
import { ConditionFailedError, type TenantStore } from '../store';
import { mask } from '../nlp';
import { faqTables } from './faqTables';

/**
 * What the knowledge base missed, as the merchant's list of gaps reads it:
 * - `handoff`: handed to a human for lack of an entry (written by FaqBot),
 * - `suggested`: suggestions shown and none of them tapped,
 * - `unresolved`: 没解决 on the bot's answer.
 */
export type FaqGapKind = 'handoff' | 'suggested' | 'unresolved';
export const FAQ_GAP_KINDS: readonly FaqGapKind[] = ['handoff', 'suggested', 'unresolved'];

/**
 * Tables beside faqTables.gap ([atMs, id] -> FaqGapRow, the rows FaqBot writes for hand-offs):
 * - faqGapOpen [conversationId] -> FaqGapOpen: the suggestion a conversation shows until the
 *   user taps one of it (the gap row goes) or does anything else (the gap row stays, settled).
 */
export const faqGapTables = { gap: faqTables.gap, open: 'faqGapOpen' } as const;

export type FaqGapRow = {
  readonly text: string;
  /** Absent on the hand-off rows of before the other kinds. */
  readonly kind?: FaqGapKind;
  readonly reason?: string;
  /** The entries suggested (suggested) or answered (unresolved). */
  readonly faqIds?: readonly string[];
  /** A suggestion counts once the user did something else, or was gone for PICK_WINDOW_MS. */
  readonly settled?: boolean;
};

export type FaqGapOpen = {
  readonly at: number;
  readonly id: string;
  readonly faqIds: readonly string[];
};

/** One gap as read: its id for the actions, when, what kind, the masked question. */
export interface FaqGap {
  readonly id: string;
  readonly at: number;
  readonly kind: FaqGapKind;
  readonly text: string;
  readonly faqIds: readonly string[];
}

/** A suggestion still open this long is one the user left without tapping. */
export const PICK_WINDOW_MS = 10 * 60_000;
/** Gaps read for the list: the most recent ones. */
const GAPS_READ = 1000;
/** Longest question kept (an entry's question is at most 200). */
const TEXT_MAX = 200;

/** `1764600000000_<uuid>`: the row's key as one string for the console and back. */
export const gapId = (at: number, id: string): string => `${at}_${id}`;
const GAP_ID = /^(\d{1,16})_([0-9a-f-]{36})$/;

/** The row key of an id the console sent, or undefined for one that cannot name a gap row. */
export function gapKey(id: string): [number, string] | undefined {
  const m = GAP_ID.exec(id);
  return m ? [Number(m[1]), m[2]!] : undefined;
}

/** Writes one gap (the question masked, as every view of it is for staff); returns its key. */
export async function recordGap(db: TenantStore, at: number, row: FaqGapRow): Promise<[number, string]> {
  const key: [number, string] = [at, randomUUID()];
  await db.put(faqGapTables.gap, key, { ...row, text: mask(row.text).slice(0, TEXT_MAX) });
  return key;
}

/** Marks a suggestion's gap as counted; one accepted or dismissed meanwhile stays gone. */
export async function settleGap(db: TenantStore, key: readonly [number, string]): Promise<void> {
  try {
    await db.update(faqGapTables.gap, key, { settled: true }, 'exists');
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
  }
}

/** The recent gaps, newest first, without suggestions the user may still tap. */
export async function readGaps(db: TenantStore, now: number): Promise<FaqGap[]> {
  const page = await db.range<FaqGapRow>(faqGapTables.gap, [], { direction: 'backward', limit: GAPS_READ });
  return page.rows.flatMap((r) => {
    const [at, id] = r.key as [number, string];
    const kind = r.value.kind ?? 'handoff';
    if (kind === 'suggested' && !r.value.settled && now - at < PICK_WINDOW_MS) return [];
    return [{ id: gapId(at, id), at, kind, text: r.value.text, faqIds: r.value.faqIds ?? [] }];
  });
}

/** Deletes the gaps the ids name (the merchant acted on them); returns how many ids could name a row. */
export async function removeGaps(db: TenantStore, ids: readonly string[]): Promise<number> {
  const keys = ids.flatMap((id) => {
    const key = gapKey(id);
    return key ? [key] : [];
  });
  // Deleting a row already gone (accepted by a colleague) is no error.
  await db.writeMany(keys.map((key) => ({ op: 'delete' as const, table: faqGapTables.gap, key })));
  return keys.length;
}
