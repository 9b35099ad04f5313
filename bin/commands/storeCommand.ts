import path from 'node:path';
import { loadConfig } from '../../shared/config';
import { isKefuError } from '../../shared/errors';
import { createSqliteStore, initTablestoreTable } from '../../shared/store/drivers';
import type { CommandIo } from './understandCommand';

export const storeUsage = `用法: kefu store init
  按当前配置 (KEFU_STORE 等环境变量) 创建存储所需的表:
  tablestore: 在 KEFU_TABLESTORE_INSTANCE 中创建表 KEFU_TABLESTORE_TABLE (默认 kefu_rows), 已存在则检查主键
  sqlite:     创建 KEFU_DATA_DIR/kefu.sqlite`;

/** `kefu store init`: creates what the configured store needs; safe to run again. */
export async function storeCommand(args: readonly string[], io: CommandIo, overrides: Readonly<Record<string, string>> = {}): Promise<number> {
  if (args[0] !== 'init' || args.length > 1) {
    io.stderr.write(`${storeUsage}\n`);
    return 2;
  }
  try {
    const config = loadConfig(undefined, overrides);
    if (config.store === 'tablestore' && config.tablestore) {
      const t = config.tablestore;
      io.stdout.write(`Tablestore ${t.endpoint} 实例 ${t.instance}: 检查表 ${t.table} ...\n`);
      const done = await initTablestoreTable(t);
      io.stdout.write(done === 'created' ? `已创建表 ${t.table} (主键 tenant, tbl, k)\n` : `表 ${t.table} 已存在,主键正确,无需改动\n`);
      return 0;
    }
    if (config.store === 'sqlite') {
      const file = path.resolve(config.dataDir, 'kefu.sqlite');
      await createSqliteStore({ file }).close();
      io.stdout.write(`SQLite 存储已就绪: ${file}\n`);
      return 0;
    }
    io.stdout.write('内存存储无需初始化\n');
    return 0;
  } catch (err) {
    io.stderr.write(isKefuError(err) ? `初始化失败 [${err.code}]: ${err.message}\n` : `初始化失败: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
