import calibration from './faqCalibration.json';
import { isHumanRequest } from '../nlp';
import type { FaqDecisionReason } from '../schemas';

export type FaqDecision = 'answer' | 'suggest' | 'handoff';

/** Why the decision was made: the wire schema's union (shared/schemas/faqSchema.ts). */
export type { FaqDecisionReason };

export interface FaqThresholds {
  /** Confidence at or above which the bot answers with the entry (with the margin below). */
  readonly answer: number;
  /** How far the best entry's confidence must lead the second's for an answer; a close call is a suggestion. */
  readonly answerMargin: number;
  /** Confidence at or above which the bot suggests the top 3; below it hands off. */
  readonly suggest: number;
  /** The share of direct answers that should be right; `answer` is derived from it (faqCalibration.json). */
  readonly precision?: number;
}

/** What the ranking says about one ranked entry, each in [0, 1] but `score`. */
export interface ConfidenceSignals {
  /**
   * The best overlap of the question with one phrasing of the entry alone (1: asked as written).
   * Not in the regression: paraphrases, which calibration is made of, rarely reach 1 (see confidenceOf).
   */
  readonly phrasingOverlap: number;
  /** The same for the best other entry: a phrasing two entries share decides nothing. */
  readonly rivalPhrasingOverlap: number;
  /** How much of the question (idf mass of its words and bigrams) the entry's phrasings have together. */
  readonly queryCoverage: number;
  /** The same over pinyin bigrams: typos and speech transcripts still cover there. */
  readonly pinyinCoverage: number;
  /** The same over concepts (for a question that mentions none: queryCoverage). */
  readonly conceptCoverage: number;
  /** queryCoverage x conceptCoverage: a question is the entry's when both its words and its concepts are there. */
  readonly wordsAndConcepts: number;
  /** How much of that phrasing the question has: a long entry matched on one word is a weak match. */
  readonly entryCoverage: number;
  /**
   * (this entry's - the best other's) / this entry's, on the order's scores (the ranking's and its
   * BM25 peer's shares together, FaqMatcher's PEER_WEIGHT), not `score`; negative below the top.
   */
  readonly margin: number;
  /**
   * margin x queryCoverage: a lead means little when the entry covers hardly any of the question
   * (two entries that each share one character with it differ by half, and neither is the answer).
   */
  readonly coveredMargin: number;
  /** Share of the fields (words, bigrams, characters, pinyin, answer) that rank this entry first. */
  readonly agreement: number;
  /**
   * The entry's score as a share of the most the question could score (all its terms matched at
   * their best): coverage that counts every field, the answer and how often a term is repeated.
   * Fitted beside the others it lets the bot answer more at about the same precision: settled alone
   * on the held-out parts of eval/faq grocery 81.0 -> 82.3 %, lending 75.0 -> 78.8 %, apparel 76.7 ->
   * 83.3 %, travel 16.3 -> 23.1 %, right when answered within 1.5 points either way.
   */
  readonly scoreShare: number;
  /** The raw ranking score (BM25 sum), for the record. */
  readonly score: number;
}

export const SIGNAL_NAMES = ['queryCoverage', 'pinyinCoverage', 'conceptCoverage', 'wordsAndConcepts', 'entryCoverage', 'margin', 'coveredMargin', 'agreement', 'scoreShare'] as const;

interface Calibration {
  /** Logistic regression over SIGNAL_NAMES, then bias. */
  readonly weights: readonly number[];
  readonly bias: number;
  /** [precision, confidence]: the lowest confidence whose answers reached that precision in calibration. */
  readonly cutoffs: readonly (readonly number[])[];
  readonly suggest: number;
  readonly precision: number;
}

const model = calibration as Calibration;

/** Calibrated probability that the entry is the right answer (`npm run train:faq` fits it). */
export function confidenceOf(s: ConfidenceSignals): number {
  // A question asked as the merchant wrote one of the entry's phrasings is that entry's, whatever
  // the regression says of coverage: it is what the merchant said the entry answers.
  if (s.phrasingOverlap >= 1 && s.rivalPhrasingOverlap < 1 && s.margin > 0) return 1;
  let z = model.bias;
  SIGNAL_NAMES.forEach((name, i) => (z += (model.weights[i] ?? 0) * s[name]));
  return 1 / (1 + Math.exp(-z));
}

/** The answer threshold that reaches a precision target (the nearest calibrated one at or above it). */
export function answerCutoff(precision: number): number {
  const sorted = [...model.cutoffs].sort((a, b) => a[0]! - b[0]!);
  const at = sorted.find((c) => c[0]! >= precision - 1e-9) ?? sorted[sorted.length - 1];
  return at ? at[1]! : 0.99;
}

/**
 * Thresholds for the default precision target (97 %), without the target itself: a merchant who
 * sets `answer` by hand keeps it; one who sets `precision` gets `answer` derived from it.
 */
export function defaultThresholds(): FaqThresholds {
  const { precision: _default, ...thresholds } = thresholdsFor(model.precision);
  return thresholds;
}

/** Thresholds for a precision target: the answer cutoff from calibration, suggestions below it. */
export function thresholdsFor(precision: number): FaqThresholds {
  const answer = answerCutoff(precision);
  return { answer, answerMargin: 0, suggest: Math.min(model.suggest, answer), precision };
}

/** The decision from the ranked entries' confidences (best first). */
export function decide(query: string, matches: readonly { score: number }[], size: number, t: FaqThresholds): { decision: FaqDecision; reason: FaqDecisionReason } {
  // A user asking for a person is handed off whatever the knowledge base holds (the phrases are
  // the service intents', one list for the bot and the matcher).
  if (isHumanRequest(query)) return { decision: 'handoff', reason: 'explicitRequest' };
  if (size === 0) return { decision: 'handoff', reason: 'emptyKnowledgeBase' };
  const top = matches[0]?.score ?? 0;
  const margin = top - (matches[1]?.score ?? 0);
  if (top >= t.answer && margin >= t.answerMargin) return { decision: 'answer', reason: 'confident' };
  if (top >= t.answer) return { decision: 'suggest', reason: 'close' };
  if (top >= t.suggest) return { decision: 'suggest', reason: 'lowConfidence' };
  return { decision: 'handoff', reason: 'lowConfidence' };
}
