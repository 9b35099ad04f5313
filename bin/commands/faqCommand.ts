import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { errorCatalogue } from '../../shared/errors';
import { botDecision, FaqMatcher } from '../../shared/faq';
import { MAX_UNDERSTAND_LENGTH } from '../../shared/nlp';
import type { CommandIo } from './understandCommand';
import { faqAdminCommand, faqAdminUsage } from './faqAdminCommand';

export const faqUsage = `用法: kefu faq match --kb kb.json < queries.jsonl > out.jsonl
  kb.json: 条目数组,每条至少 {id, category, question, answer} (可选 similar, enabled)
  每行输入 {"id", "text"}; 每行输出 {"id", "decision", "matches": [{"faqId", "score"}]} (最多 5 个)
  decision: answer 直接回答 | suggest 给出建议 | handoff 转人工 | reply 机器人按意图回复(问候、致谢、闲聊);
  识别出意图时另有 "intent" (greeting, thanks, human, complaint, accountTheft, abuse, offTopic)
${faqAdminUsage}`;

interface KbEntry {
  id: string;
  question: string;
  similar: string[];
  /** Indexed too: it names what the entry is about. */
  answer: string;
  enabled: boolean;
}

/** Reads and checks a knowledge-base file; a message naming the first problem otherwise. */
function readKb(file: string): KbEntry[] | string {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return `无法读取知识库 ${file}: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (!Array.isArray(raw)) return '知识库必须是条目数组';
  const seen = new Set<string>();
  const entries: KbEntry[] = [];
  for (const [i, item] of raw.entries()) {
    const e = item as Record<string, unknown>;
    for (const key of ['id', 'category', 'question', 'answer']) {
      if (typeof e?.[key] !== 'string' || (e[key]).trim() === '') return `第 ${i + 1} 条缺少字符串字段 ${key}`;
    }
    const id = e['id'] as string;
    if (seen.has(id)) return `第 ${i + 1} 条的 id 重复: ${id}`;
    seen.add(id);
    const similar = Array.isArray(e['similar']) ? (e['similar'] as unknown[]).filter((s): s is string => typeof s === 'string') : [];
    entries.push({ id, question: e['question'] as string, similar, answer: e['answer'] as string, enabled: e['enabled'] !== false });
  }
  return entries;
}

/** `kefu faq match`: JSON lines in, one decision with up to 5 matches per line out, in order. */
export async function faqCommand(args: readonly string[], io: CommandIo, overrides: Readonly<Record<string, string>> = {}): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import' || sub === 'export') return faqAdminCommand(sub, rest, io, overrides);
  if (sub !== 'match') {
    io.stderr.write(`${faqUsage}\n`);
    return 2;
  }
  const kbAt = rest.indexOf('--kb');
  const kbFile = kbAt >= 0 ? rest[kbAt + 1] : rest.find((a) => a.startsWith('--kb='))?.slice(5);
  if (!kbFile) {
    io.stderr.write(`缺少 --kb\n${faqUsage}\n`);
    return 2;
  }
  const kb = readKb(kbFile);
  if (typeof kb === 'string') {
    io.stderr.write(`[VALIDATION_FAILED] ${kb}\n`);
    return 2;
  }
  const matcher = FaqMatcher.build(kb);
  let lineNo = 0;
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    lineNo++;
    if (line.trim() === '') continue;
    if (!io.stdout.write(`${JSON.stringify(matchLine(matcher, line, lineNo))}\n`)) await new Promise((r) => io.stdout.once('drain', r));
  }
  return 0;
}

function matchLine(matcher: FaqMatcher, line: string, lineNo: number): object {
  let input: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    input = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return { id: null, error: { code: 'INVALID_JSON', message: `第 ${lineNo} 行不是合法的 JSON` } };
  }
  const rawId = input?.['id'];
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : null;
  const text = input?.['text'];
  if (typeof text !== 'string') return { id, error: { code: 'VALIDATION_FAILED', message: `第 ${lineNo} 行缺少字符串字段 text` } };
  if (text.trim() === '') return { id, error: { code: 'TEXT_EMPTY', message: errorCatalogue.TEXT_EMPTY.zh } };
  if (text.length > MAX_UNDERSTAND_LENGTH) return { id, error: { code: 'TEXT_TOO_LONG', message: `文本过长(最多 ${MAX_UNDERSTAND_LENGTH} 字)` } };
  const result = botDecision(text, matcher.match(text));
  return { id, ...(result.intent ? { intent: result.intent } : {}), decision: result.decision, matches: result.matches };
}
