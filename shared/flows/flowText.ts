import { fixHomophones, normalize } from '../nlp';

let last: { readonly text: string; readonly words: string } | undefined;

/**
 * The message as the flows read it: normalised (full-width, traditional, dialect: 咋 -> 怎么, 啥 ->
 * 什么) and the domain words' pinyin-input typos put right (花被 -> 花呗, 帐单 -> 账单), so the word
 * lists need one spelling of each word. One message is read several times over: the last is kept.
 */
export function flowText(text: string): string {
  if (last?.text !== text) last = { text, words: fixHomophones(normalize(text).text) };
  return last.words;
}
