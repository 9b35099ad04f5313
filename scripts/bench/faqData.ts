import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The public benchmark data lives beside the checkout, never inside it. */
export const faqDataDir = path.resolve(__dirname, '../../../shared/data');

export interface Pair {
  readonly s1: string;
  readonly s2: string;
  readonly label: 0 | 1;
}

export function faqDataAvailable(): boolean {
  return ['atec/atec_nlp_sim_train.csv', 'afqmc/train.txt', 'afqmc/dev.txt'].every((f) => existsSync(path.join(faqDataDir, f)));
}

function readPairs(file: string, columns: { s1: number; s2: number; label: number }): Pair[] {
  const out: Pair[] = [];
  for (const line of readFileSync(path.join(faqDataDir, file), 'utf8').split('\n')) {
    const cols = line.replace(/\r$/, '').split('\t');
    const s1 = cols[columns.s1];
    const s2 = cols[columns.s2];
    const label = cols[columns.label];
    if (!s1 || !s2 || (label !== '0' && label !== '1')) continue;
    out.push({ s1, s2, label: label === '1' ? 1 : 0 });
  }
  return out;
}

export const atecTrain = () => readPairs('atec/atec_nlp_sim_train.csv', { s1: 1, s2: 2, label: 3 });
export const afqmcTrain = () => readPairs('afqmc/train.txt', { s1: 0, s2: 1, label: 2 });
export const afqmcDev = () => readPairs('afqmc/dev.txt', { s1: 0, s2: 1, label: 2 });

export const pairKey = (a: string, b: string) => (a < b ? `${a}\u0001${b}` : `${b}\u0001${a}`);

/** A merchant-style evaluation set of eval/faq: its knowledge base and its questions, dev and held out. */
export interface MerchantSet {
  readonly name: string;
  readonly kb: { id: string; category: string; question: string; similar: string[]; answer: string }[];
  /** Questions with the entry that answers them; `gold` null for one the base does not answer. */
  readonly dev: MerchantQuestion[];
  readonly heldout: MerchantQuestion[];
}

export interface MerchantQuestion {
  readonly id: string;
  readonly text: string;
  readonly gold: string | null;
}

/** Kefu's own merchant-style sets (written for it, in the repository). */
export const merchantDir = path.resolve(__dirname, '../../eval/faq');

const readLines = (file: string): MerchantQuestion[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as MerchantQuestion);

/** Every set of eval/faq, or only those named. */
export function merchantSets(names?: readonly string[]): MerchantSet[] {
  if (!existsSync(merchantDir)) return [];
  return readdirSync(merchantDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(merchantDir, d.name, 'kb.json')))
    .map((d) => d.name)
    .filter((name) => !names || names.includes(name))
    .sort()
    .map((name) => ({
      name,
      kb: (JSON.parse(readFileSync(path.join(merchantDir, name, 'kb.json'), 'utf8')) as MerchantSet['kb']).map((e) => ({ ...e, similar: e.similar ?? [] })),
      dev: readLines(path.join(merchantDir, name, 'dev.jsonl')),
      heldout: readLines(path.join(merchantDir, name, 'heldout.jsonl')),
    }));
}
