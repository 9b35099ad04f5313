import { readFileSync } from 'node:fs';
import path from 'node:path';
import { categoryExamples } from '../categoryExamples';
import { defaultTaxonomy } from './defaultTaxonomy';

/*
 * The held-out and fresh scenario sets (eval/scenarios) measure messages the classifier never
 * learnt: no example of the taxonomy or the category model may be one of their lines, even with
 * other spaces or punctuation. (dev lines may be: dev is what the constants are set on.)
 */
const bare = (text: string) => text.replace(/[\s\p{P}\p{S}]/gu, '');
const lines = (name: string) =>
  readFileSync(path.join(__dirname, '../../../eval/scenarios', `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => bare((JSON.parse(l) as { text: string }).text));

describe('the examples hold no held-out or fresh evaluation line', () => {
  const unseen = new Set([...lines('heldout'), ...lines('fresh')]);
  it.each([
    ['scenario taxonomy', defaultTaxonomy.flatMap((s) => s.examples)],
    ['category examples', Object.values(categoryExamples).flat()],
  ])('%s', (_name, examples) => {
    expect(examples.filter((e) => unseen.has(bare(e)))).toEqual([]);
  });
});
