import { readFileSync } from 'node:fs';
import { isKefuError } from '../../shared/errors';
import { openCommandKefu } from './commandKefu';
import type { CommandIo } from './understandCommand';

export const faqAdminUsage = `用法: kefu faq import --file kb.csv|kb.json [--tenant demo] [--mode merge|replace] [--data-dir .data]
      kefu faq export [--format csv|json] [--tenant demo] [--data-dir .data] > kb.csv
  导入先校验全部行,有错误时按行号列出且不写入任何条目;CSV 为 UTF-8 (带 BOM),similar 用 | 分隔。
  存储按当前配置 (KEFU_STORE, KEFU_DATA_DIR, KEFU_TABLESTORE_*);--data-dir 优先于 KEFU_DATA_DIR`;

function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  if (at >= 0) return args[at + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** `kefu faq import|export`: one merchant's knowledge base on the configured store, as a file. */
export async function faqAdminCommand(sub: 'import' | 'export', args: readonly string[], io: CommandIo, overrides: Readonly<Record<string, string>> = {}): Promise<number> {
  const tenant = option(args, 'tenant') ?? 'demo';
  const dataDir = option(args, 'data-dir');
  const kefu = openCommandKefu(io, { ...overrides, ...(dataDir !== undefined ? { KEFU_DATA_DIR: dataDir } : {}) });
  if (!kefu) return 1;
  const { faq } = kefu;
  try {
    if (sub === 'export') {
      const format = option(args, 'format') ?? 'csv';
      if (format !== 'csv' && format !== 'json') return usageError(io, `--format 只能是 csv 或 json`);
      io.stdout.write(format === 'csv' ? await faq.exportCsv(tenant) : await faq.exportJson(tenant));
      return 0;
    }
    const file = option(args, 'file');
    if (!file) return usageError(io, '缺少 --file');
    const format = option(args, 'format') ?? (/\.json$/i.test(file) ? 'json' : 'csv');
    const mode = option(args, 'mode') ?? 'merge';
    if (format !== 'csv' && format !== 'json') return usageError(io, `--format 只能是 csv 或 json`);
    if (mode !== 'merge' && mode !== 'replace') return usageError(io, `--mode 只能是 merge 或 replace`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      io.stderr.write(`无法读取 ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
    const started = performance.now();
    const result = await faq.importFile(tenant, format, text, {
      mode,
      onProgress: (done, total, phase) => io.stderr.write(`${phase === 'validate' ? '校验' : '写入'} ${done}/${total}\n`),
    });
    // The saved index is rebuilt here, so the server's next cold start loads it instead.
    await faq.matcher(tenant);
    const ms = Math.round(performance.now() - started);
    io.stderr.write(`完成: 新增 ${result.created},更新 ${result.updated},删除 ${result.deleted},共 ${result.total} 条,用时 ${ms} ms(含索引)\n`);
    io.stdout.write(`${JSON.stringify({ ...result, ms })}\n`);
    return 0;
  } catch (err) {
    if (!isKefuError(err)) throw err;
    io.stderr.write(`[${err.code}] ${err.message}\n`);
    const problems = (err.details as { problems?: { line: number; message: string }[]; unit?: string } | undefined) ?? {};
    for (const p of problems.problems ?? []) io.stderr.write(`  第 ${p.line} ${problems.unit ?? '行'}: ${p.message}\n`);
    return 1;
  } finally {
    await kefu.store.close();
  }
}

function usageError(io: CommandIo, message: string): number {
  io.stderr.write(`${message}\n${faqAdminUsage}\n`);
  return 2;
}
