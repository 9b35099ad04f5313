import { randomUUID } from 'node:crypto';
import { KefuError } from '../errors';
import { FaqEntryInput, type FaqEntry } from '../schemas';
import { fieldLabel, refusedField, validationMessage, validatorFor } from '../schemas/ajv';
import { csvToRows, type ImportProblem, type SourceRow } from './faqCsv';

/** The problems an import reports at most; the rest are counted. */
const MAX_PROBLEMS = 100;

/** An entry as stored from what a merchant wrote: an id when it had none, trimmed phrasings, defaults. */
export function entryFromInput(input: FaqEntryInput, updatedAt: string): FaqEntry {
  return {
    id: input.id ?? `faq-${randomUUID().slice(0, 8)}`,
    category: input.category,
    question: input.question.trim(),
    similar: (input.similar ?? []).map((s) => s.trim()).filter(Boolean),
    answer: input.answer.trim(),
    actions: input.actions ?? [],
    enabled: input.enabled ?? true,
    updatedAt,
  };
}

/** Labels of the fields that must say something, for a message a merchant reads. */
const REQUIRED_TEXT = { question: '问题', answer: '答案' } as const;

/**
 * The first field of an entry that is only spaces (the schema's minLength counts them), with its
 * message: a blank question made an entry nobody could open or match.
 */
export function blankField(input: Pick<FaqEntryInput, 'question' | 'answer'>): { field: keyof typeof REQUIRED_TEXT; message: string } | undefined {
  for (const field of ['question', 'answer'] as const) if (!input[field].trim()) return { field, message: `${REQUIRED_TEXT[field]}不能为空` };
  return undefined;
}

/**
 * The entries of an imported file, every row checked first: with any problem (a row the schema
 * refuses, an id twice) nothing is returned and IMPORT_INVALID lists the problems by line (CSV) or
 * entry number (JSON), the first in the message. `seen` maps each id to its line.
 */
export function importedEntries(format: 'json' | 'csv', text: string, now: string, onProgress?: (done: number, total: number) => void): { entries: FaqEntry[]; seen: Map<string, number> } {
  const { rows, problems } = format === 'csv' ? csvToRows(text) : jsonToRows(text);
  const check = validatorFor(FaqEntryInput);
  const seen = new Map<string, number>();
  const entries: FaqEntry[] = [];
  const unit = format === 'csv' ? '行' : '条';
  rows.forEach((row, i) => {
    const blank = check(row.value) ? blankField(row.value) : undefined;
    if (check.errors) {
      const err = check.errors[0];
      const field = refusedField(err);
      // A cell left empty is a property missing from the row: it reads as the blank it is.
      problems.push({ line: row.line, field, message: err?.keyword === 'required' ? `${fieldLabel(field) ?? field}不能为空` : validationMessage(field, err) });
    } else if (blank) {
      problems.push({ line: row.line, field: blank.field, message: blank.message });
    } else {
      const entry = entryFromInput(row.value as FaqEntryInput, now);
      const first = seen.get(entry.id);
      if (first !== undefined) problems.push({ line: row.line, field: 'id', message: `id ${entry.id} 与第 ${first} ${unit}重复` });
      else seen.set(entry.id, row.line);
      entries.push(entry);
    }
    if ((i + 1) % 1000 === 0 || i + 1 === rows.length) onProgress?.(i + 1, rows.length);
  });
  if (problems.length) {
    problems.sort((a, b) => a.line - b.line);
    const first = problems[0]!;
    throw new KefuError('IMPORT_INVALID', `导入失败,共 ${problems.length} 处错误,未写入任何条目。第 ${first.line} ${unit}: ${first.message}`, {
      problems: problems.slice(0, MAX_PROBLEMS),
      problemCount: problems.length,
      unit,
    });
  }
  return { entries, seen };
}

function jsonToRows(text: string): { rows: SourceRow[]; problems: ImportProblem[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { rows: [], problems: [{ line: 1, message: `不是合法的 JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  if (!Array.isArray(parsed)) return { rows: [], problems: [{ line: 1, message: 'JSON 必须是条目数组' }] };
  // Exports carry updatedAt; the import sets its own, so drop it instead of rejecting the file.
  return {
    rows: parsed.map((value: unknown, i) => {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const { updatedAt: _ignored, ...rest } = value as Record<string, unknown>;
        return { line: i + 1, value: rest };
      }
      return { line: i + 1, value };
    }),
    problems: [],
  };
}
