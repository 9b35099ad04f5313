import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { errorCatalogue, isKefuError } from '../../shared/errors';
import { understand, parseIsoInstant, toUnderstandingOutput } from '../../shared/nlp';

export interface CommandIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export const understandUsage = `用法: kefu understand [--now 2026-11-23T10:30:00+08:00] < in.jsonl > out.jsonl
  每行输入 {"id": "...", "text": "..."}; 每行输出 {"id", "category", "confidence", "entities", "masked"}
  出错的行输出 {"id", "error": {"code", "message"}},其余行照常处理。`;

/**
 * `kefu understand` (first name `kefu parse`): JSON lines in, JSON lines out, in input order. A bad line yields an error line and
 * processing continues; only a bad `--now` stops the command (exit 2).
 */
export async function understandCommand(args: readonly string[], io: CommandIo): Promise<number> {
  let now = new Date();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') {
      io.stdout.write(`${understandUsage}\n`);
      return 0;
    }
    const value = arg.startsWith('--now=') ? arg.slice(6) : arg === '--now' ? args[++i] : undefined;
    if (arg === '--now' || arg.startsWith('--now=')) {
      const parsed = value === undefined ? undefined : parseIsoInstant(value);
      if (!parsed) {
        io.stderr.write(`[INVALID_NOW] ${errorCatalogue.INVALID_NOW.zh}: ${value ?? '(缺少值)'} (例: 2026-11-23T10:30:00+08:00)\n`);
        return 2;
      }
      now = parsed;
      continue;
    }
    io.stderr.write(`未知参数 ${arg}\n${understandUsage}\n`);
    return 2;
  }

  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    const out = parseLine(line, lineNo, now);
    // Respect back-pressure so a large input does not pile up in memory.
    if (!io.stdout.write(`${JSON.stringify(out)}\n`)) await new Promise((r) => io.stdout.once('drain', r));
  }
  return 0;
}

function parseLine(line: string, lineNo: number, now: Date): object {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { id: null, error: { code: 'INVALID_JSON', message: `第 ${lineNo} 行不是合法的 JSON` } };
  }
  const record = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
  const rawId = record?.['id'];
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : null;
  const text = record?.['text'];
  if (typeof text !== 'string') {
    return { id, error: { code: 'VALIDATION_FAILED', message: `第 ${lineNo} 行缺少字符串字段 text` } };
  }
  try {
    return toUnderstandingOutput(id, understand(text, { now }));
  } catch (err) {
    if (isKefuError(err)) return { id, error: { code: err.code, message: err.message } };
    return { id, error: { code: 'INTERNAL', message: errorCatalogue.INTERNAL.zh } };
  }
}
