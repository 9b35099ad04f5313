import type { TermIndex } from './TermIndex';

/**
 * Each phrasing's distinct bigrams as term ids of the bigram field, so a question can be compared
 * with every phrasing alone (the index holds an entry's phrasings as one document): entry e's
 * phrasings are byEntry[e] .. byEntry[e + 1], phrasing p's bigrams terms[start[p] .. start[p + 1]).
 */
export interface Phrasings {
  readonly byEntry: Int32Array;
  readonly start: Int32Array;
  readonly terms: Int32Array;
}
export type SavedPhrasings = { byEntry: string; start: string; terms: string };

/** The phrasings' bigram ids, pausable every few hundred entries (a large base has many). */
export function* phrasingSteps(kept: readonly { readonly phrasings: readonly { readonly bigrams: readonly string[] }[] }[], index: TermIndex, bigramField: number): Generator<void, Phrasings> {
  const byEntry = new Int32Array(kept.length + 1);
  const start: number[] = [0];
  const terms: number[] = [];
  for (let e = 0; e < kept.length; e++) {
    if (e % 256 === 255) yield;
    for (const p of kept[e]!.phrasings) {
      for (const b of new Set(p.bigrams)) terms.push(index.termId(bigramField, b));
      start.push(terms.length);
    }
    byEntry[e + 1] = start.length - 1;
  }
  return { byEntry, start: Int32Array.from(start), terms: Int32Array.from(terms) };
}

/**
 * How nearly a question is one of entry e's phrasings: the best Dice overlap of distinct bigrams
 * (`ids`, `size` of them) over its question and similar questions, each alone. 1 for a question
 * asked as the merchant wrote it; one that shares a few words with each of several phrasings stays low.
 */
export function phrasingOverlap(p: Phrasings, e: number, ids: ReadonlySet<number>, size: number): number {
  if (size === 0) return 0;
  let best = 0;
  for (let k = p.byEntry[e]!; k < p.byEntry[e + 1]!; k++) {
    const from = p.start[k]!;
    const to = p.start[k + 1]!;
    let shared = 0;
    for (let j = from; j < to; j++) if (ids.has(p.terms[j]!)) shared++;
    const dice = (2 * shared) / (size + to - from);
    if (dice > best) best = dice;
  }
  return best;
}

export function savePhrasings(p: Phrasings): SavedPhrasings {
  const b64 = (a: Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  return { byEntry: b64(p.byEntry), start: b64(p.start), terms: b64(p.terms) };
}

/** Phrasings from their saved form for `entries` entries; undefined when damaged (rebuilt, never half-read). */
export function loadPhrasings(s: SavedPhrasings, entries: number): Phrasings | undefined {
  // A copy into a fresh, aligned buffer: Buffer's pool may start it at an odd offset.
  const ints = (b: string) => new Int32Array(new Uint8Array(Buffer.from(b, 'base64')).buffer);
  const p = { byEntry: ints(s.byEntry), start: ints(s.start), terms: ints(s.terms) };
  const { byEntry, start, terms } = p;
  if (byEntry.length !== entries + 1 || start.length !== byEntry[entries]! + 1 || terms.length !== start[start.length - 1]) return undefined;
  return p;
}
