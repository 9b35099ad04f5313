// The FAQ: service, matcher, bot and gap insight. answerPunctuation.ts is also an entry of its own
// for the console bundle, which must not pull in the service's node:crypto and text libraries.
export { FaqBot } from './FaqBot';
export { defaultRanker, FaqMatcher, type FaqMatchResult, type MatchableEntry } from './FaqMatcher';
export { FaqService } from './FaqService';
export { type ConfidenceSignals, SIGNAL_NAMES } from './faqConfidence';
export { faqGapActions, type FaqGapView } from './faqGapActions';
export { faqGapListener } from './faqGapListener';
export { PICK_WINDOW_MS } from './faqGapRows';
export { faqInsight } from './faqInsight';
export { predictQuestions } from './predictQuestions';
export { PredictedQuestions } from './PredictedQuestions';
export { botDecision, faqTrial } from './botDecision';
