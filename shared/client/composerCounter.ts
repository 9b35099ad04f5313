import { MAX_TEXT_LENGTH } from '../schemas/limits';
import type { ChatTexts } from './chatText';

/** The counter appears once the text is this long: no noise for the usual short question. */
export const COUNTER_FROM = 1800;

/** The input box's live counter ("1850/2000"), empty below COUNTER_FROM; `full` at the limit. */
export function composerCounter(length: number, t: ChatTexts): { text: string; full: boolean } {
  if (length < COUNTER_FROM) return { text: '', full: false };
  return { text: t.counter(length, MAX_TEXT_LENGTH), full: length >= MAX_TEXT_LENGTH };
}
