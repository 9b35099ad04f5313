import { Type, type Static } from '@sinclair/typebox';
import { FaqEntryId, FaqEntryInput } from './faqSchema';

/** The gaps an action settles, as the list named them (`<atMs>_<uuid>`). */
const GapIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 1000 });

/** 新建条目: a new entry from a cluster of questions nothing answered. */
export const FaqGapNewEntryRequest = Type.Object({ gapIds: GapIds, entry: FaqEntryInput }, { additionalProperties: false });
export type FaqGapNewEntryRequest = Static<typeof FaqGapNewEntryRequest>;

/** 加为相似问法: the cluster's phrasings as similar questions of an existing entry. */
export const FaqGapSimilarRequest = Type.Object(
  { gapIds: GapIds, faqId: FaqEntryId, questions: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);
export type FaqGapSimilarRequest = Static<typeof FaqGapSimilarRequest>;

/** 忽略: the questions need no entry (chit-chat, out of the merchant's business). */
export const FaqGapDismissRequest = Type.Object({ gapIds: GapIds }, { additionalProperties: false });
export type FaqGapDismissRequest = Static<typeof FaqGapDismissRequest>;
