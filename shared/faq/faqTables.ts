/**
 * Tables of the FAQ domain and their keys (one Tablestore table per name):
 *
 * - faqEntry     [base, entryId]    -> FaqEntry, under the base the pointer names (faqBase.ts)
 * - faq          [entryId]          -> FaqEntry, of tenants from before bases (read until their first change)
 * - faqMeta      ['kb']             -> { changedAt, base }: the current base; its row version is the knowledge base's version
 * - faqIndex     ['current']        -> { kbVersion, chunks }: which saved index is current
 * - faqIndexPart [kbVersion, chunk] -> { data }: the saved matcher, cut into store-sized rows
 * - faqSettings  ['thresholds']     -> FaqSettings
 * - faqStat      [entryId]          -> { hits, resolved, unresolved, predictedClicks }
 * - faqCounter   ['bot']            -> { conversations, selfService, handoff }
 * - faqGap       [atMs, id]         -> { text, reason }: questions handed off for lack of an entry
 */
export const faqTables = {
  entry: 'faqEntry',
  legacyEntry: 'faq',
  meta: 'faqMeta',
  index: 'faqIndex',
  indexPart: 'faqIndexPart',
  settings: 'faqSettings',
  stat: 'faqStat',
  counter: 'faqCounter',
  gap: 'faqGap',
} as const;
