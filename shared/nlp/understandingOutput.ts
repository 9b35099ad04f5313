import type { Understanding } from './Understanding';

/** One line of `kefu understand` output, and the body of `POST /v1/parse`: the same JSON for both. */
export interface UnderstandingOutput {
  readonly id: string | null;
  readonly category: Understanding['category'];
  readonly confidence: number;
  readonly entities: Understanding['entities'];
  readonly masked: string;
}

export function toUnderstandingOutput(id: string | null, result: Understanding): UnderstandingOutput {
  return { id, category: result.category, confidence: result.confidence, entities: result.entities, masked: result.masked };
}
