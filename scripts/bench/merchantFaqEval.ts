import MiniSearch from 'minisearch';
import type { FaqMatchResult } from '../../shared/faq';
import type { MerchantQuestion, MerchantSet } from './faqData';

/** The figures for one set of questions, in percent. */
export interface DecisionQuality {
  /** The gold entry ranked first, of the questions the base answers. */
  top1: number;
  top3: number;
  /** Answered directly, of the questions the base answers. */
  answered: number;
  /** Right, of everything answered directly (out-of-scope questions answered count as wrong). */
  rightWhenAnswered: number;
  /** Answered directly with the gold entry, of the questions the base answers: no human needed. */
  settledAlone: number;
  /** Handed off, of the questions the base does not answer. */
  outOfScopeHandedOff: number;
}

const pct = (x: number, of: number) => (of === 0 ? 0 : Math.round((1000 * x) / of) / 10);

/** The figures of a matcher's decisions on a set's questions. */
export function decisionQuality(questions: readonly MerchantQuestion[], match: (text: string) => FaqMatchResult): DecisionQuality {
  let inScope = 0, top1 = 0, top3 = 0, answered = 0, answeredAll = 0, right = 0, outOfScope = 0, handedOff = 0;
  for (const q of questions) {
    const r = match(q.text);
    if (r.decision === 'answer') answeredAll++;
    if (q.gold === null) {
      outOfScope++;
      if (r.decision === 'handoff') handedOff++;
      continue;
    }
    inScope++;
    const at = r.matches.findIndex((m) => m.faqId === q.gold);
    if (at === 0) top1++;
    if (at >= 0 && at < 3) top3++;
    if (r.decision === 'answer') {
      answered++;
      if (at === 0) right++;
    }
  }
  return {
    top1: pct(top1, inScope),
    top3: pct(top3, inScope),
    answered: pct(answered, inScope),
    rightWhenAnswered: pct(right, answeredAll),
    settledAlone: pct(right, inScope),
    outOfScopeHandedOff: pct(handedOff, outOfScope),
  };
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
/** Words and the characters of each longer word, as the "words + chars". */
function wordsAndChars(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text.toLowerCase())) {
    if (!s.isWordLike) continue;
    out.push(s.segment);
    if ([...s.segment].length > 1) out.push(...s.segment);
  }
  return out;
}

/**
 * The plain BM25 peer of the issue: minisearch over words and characters of the question (with
 * its similar questions) and the answer, nothing else. Top-1 and top-3 only: it makes no decision.
 */
export function plainBm25Quality(set: MerchantSet, questions: readonly MerchantQuestion[]): { top1: number; top3: number } {
  const ms = new MiniSearch<{ id: string; question: string; answer: string }>({ fields: ['question', 'answer'], tokenize: wordsAndChars, processTerm: (t) => t, searchOptions: { combineWith: 'OR' } });
  ms.addAll(set.kb.map((e) => ({ id: e.id, question: [e.question, ...e.similar].join(' '), answer: e.answer })));
  const inScope = questions.filter((q) => q.gold !== null);
  let top1 = 0;
  let top3 = 0;
  for (const q of inScope) {
    const at = ms.search(q.text).findIndex((r) => r.id === q.gold);
    if (at === 0) top1++;
    if (at >= 0 && at < 3) top3++;
  }
  return { top1: pct(top1, inScope.length), top3: pct(top3, inScope.length) };
}
