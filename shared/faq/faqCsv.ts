import Papa from 'papaparse';
import type { FaqEntry } from '../schemas';

/** Columns of the CSV export, in order; the import accepts the same header (any order). */
export const FAQ_CSV_COLUMNS = ['id', 'category', 'question', 'similar', 'answer', 'actions', 'enabled', 'updatedAt'] as const;

/** Similar questions share one cell, separated by this character (rare in questions, easy to type). */
const SIMILAR_SEPARATOR = '|';

/**
 * Cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return), also when
 * behind quotes we added: the export puts one `'` before them (shown as text by Excel, LibreOffice
 * and Numbers) and the import takes exactly one off again, so `'=x` (a text that really starts with
 * a quote) exports as `''=x` and every text round-trips unchanged.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** The import's inverse of the export's escape: one `'` off a cell the export escaped. */
function unescapeFormula(cell: string): string | undefined {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : undefined;
}

/** A record of an imported file with the line it starts on (1 = the header of a CSV). */
export interface SourceRow {
  readonly line: number;
  readonly value: unknown;
}

export interface ImportProblem {
  readonly line: number;
  readonly field?: string;
  readonly message: string;
}

/**
 * The knowledge base as CSV: UTF-8 with a byte-order mark so Excel opens Chinese text correctly,
 * similar questions joined with `|`, guide buttons as JSON, formula-like cells escaped (see
 * FORMULA_START) so opening the file never runs what a merchant or an import put in an entry.
 */
export function faqToCsv(entries: readonly FaqEntry[]): string {
  const rows = entries.map((e) => [
    e.id,
    e.category,
    e.question,
    e.similar.join(SIMILAR_SEPARATOR),
    e.answer,
    e.actions.length ? JSON.stringify(e.actions) : '',
    e.enabled ? 'true' : 'false',
    e.updatedAt,
  ]);
  return `\uFEFF${Papa.unparse({ fields: [...FAQ_CSV_COLUMNS], data: rows }, { newline: '\r\n', escapeFormulae: FORMULA_START })}\r\n`;
}

/**
 * Reads a CSV export back into entry inputs, each with its line number. Cells are converted
 * (similar split on `|`, actions parsed as JSON, enabled as true/false/是/否); anything that cannot
 * be converted is a problem on that line. Schema validation is the caller's.
 */
export function csvToRows(text: string): { rows: SourceRow[]; problems: ImportProblem[] } {
  const source = text.replace(/^\uFEFF/, '');
  const rows: SourceRow[] = [];
  const problems: ImportProblem[] = [];
  let header: string[] | undefined;
  // Line numbers follow the parser's cursor (the end of each record), so records with quoted
  // line breaks and skipped blank lines still report the line they start on.
  let counted = 0;
  let line = 1;
  let previousEnd = 0;
  const startLineOfRecord = (end: number): number => {
    let start = previousEnd;
    while (start < end && /[\s]/.test(source[start]!)) start++;
    for (; counted < start; counted++) if (source.charCodeAt(counted) === 10) line++;
    previousEnd = end;
    return line;
  };
  Papa.parse<string[]>(source, {
    skipEmptyLines: 'greedy',
    step: (result) => {
      const startLine = startLineOfRecord(result.meta.cursor);
      for (const err of result.errors) problems.push({ line: startLine, message: `CSV 格式错误: ${err.message}` });
      if (result.errors.length) return;
      if (!header) {
        header = result.data.map((h) => h.trim());
        const missing = ['category', 'question', 'answer'].filter((c) => !header!.includes(c));
        if (missing.length) problems.push({ line: startLine, message: `表头缺少列: ${missing.join(', ')}` });
        const unknown = header.filter((h) => h && !(FAQ_CSV_COLUMNS as readonly string[]).includes(h));
        if (unknown.length) problems.push({ line: startLine, message: `未知的列: ${unknown.join(', ')}` });
        return;
      }
      if (result.data.length !== header.length) {
        problems.push({ line: startLine, message: `列数 ${result.data.length} 与表头的 ${header.length} 列不一致` });
        return;
      }
      const escaped = new Set<string>();
      const cells = Object.fromEntries(
        header.map((h, i) => {
          const cell = result.data[i] ?? '';
          const original = unescapeFormula(cell);
          if (original === undefined) return [h, cell];
          escaped.add(h);
          return [h, original];
        }),
      );
      const converted = fromCells(cells, escaped);
      if (typeof converted === 'string') problems.push({ line: startLine, message: converted });
      else rows.push({ line: startLine, value: converted });
    },
  });
  if (!header) problems.push({ line: 1, message: '文件为空' });
  return { rows, problems };
}

/**
 * Hand-edited cells are trimmed; a cell the export escaped is the exported text exactly (a leading
 * tab is content there), so it is kept as is.
 */
function fromCells(cells: Record<string, string>, escaped: ReadonlySet<string>): Record<string, unknown> | string {
  const out: Record<string, unknown> = {};
  for (const key of ['id', 'category', 'question', 'answer'] as const) {
    const v = escaped.has(key) ? cells[key] : cells[key]?.trim();
    if (v) out[key] = v;
  }
  const similar = (cells['similar'] ?? '').split(SIMILAR_SEPARATOR).map((s) => s.trim()).filter(Boolean);
  out['similar'] = similar;
  const actions = (cells['actions'] ?? '').trim();
  if (actions) {
    try {
      out['actions'] = JSON.parse(actions);
    } catch {
      return 'actions 列必须是 JSON 数组,例如 [{"label":"查看退款进度","path":"/pages/refund/index"}]';
    }
  }
  const enabled = (cells['enabled'] ?? '').trim().toLowerCase();
  if (enabled) {
    if (['true', '1', '是', 'yes'].includes(enabled)) out['enabled'] = true;
    else if (['false', '0', '否', 'no'].includes(enabled)) out['enabled'] = false;
    else return `enabled 列只能是 true/false (或 是/否),收到 "${enabled}"`;
  }
  return out;
}
