import type { ParseResult } from './ParseResult';

/** One line of `kefu parse` output, and the body of `POST /v1/parse`: the same JSON for both. */
export interface ParseOutput {
  readonly id: string | null;
  readonly category: ParseResult['category'];
  readonly confidence: number;
  readonly entities: ParseResult['entities'];
  readonly masked: string;
}

export function toParseOutput(id: string | null, result: ParseResult): ParseOutput {
  return { id, category: result.category, confidence: result.confidence, entities: result.entities, masked: result.masked };
}
