import { LogRecord } from '../schemas';
import { validatorFor } from '../schemas/ajv';

/**
 * What is wrong with one written log line: not JSON, a record key missing, twice, or of the wrong
 * shape (LogRecord). Empty when the line is a valid record. For tests and log checks, not the hot path.
 */
export function validateLogLine(line: string): string[] {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return [`not JSON: ${line.slice(0, 200)}`];
  }
  const problems: string[] = [];
  const valid = validatorFor(LogRecord);
  if (!valid(record)) problems.push(...(valid.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`));
  // Every top-level key appears once (JSON.parse would keep the last of two silently).
  for (const [key, n] of topLevelKeyCounts(line)) if (n > 1) problems.push(`${key} appears ${n} times`);
  return problems;
}

function topLevelKeyCounts(line: string): Map<string, number> {
  const counts = new Map<string, number>();
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      // A string: skip to its end; at depth 1 and followed by ':' it is a key.
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      if (depth === 1 && line[j + 1] === ':') {
        const key = JSON.parse(line.slice(i, j + 1)) as string;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      i = j;
    } else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
  }
  return counts;
}
