import { parseArgs } from 'node:util';
import { isKefuError } from '../../shared/errors';
import { openCommandKefu } from './commandKefu';
import type { CommandIo } from './understandCommand';

export const tenantUsage = `用法: kefu tenant create <商户ID> --name <名称> --admin <管理员用户名> [--admin-name <显示名>] [--json]
  创建商户及其第一个管理员,只显示一次管理员的临时密码
  商户 ID: 小写字母、数字和 -,以字母或数字开头,2-32 个字符
      kefu tenant list [--json]
  列出所有商户
  存储按当前配置 (KEFU_STORE, KEFU_DATA_DIR, KEFU_TABLESTORE_*)`;

/** `kefu tenant create|list`: merchant onboarding for the operator, on the configured store. */
export async function tenantCommand(args: readonly string[], io: CommandIo, overrides: Readonly<Record<string, string>> = {}): Promise<number> {
  const [sub, ...rest] = args;
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(rest);
  } catch (err) {
    return usageError(io, err instanceof Error ? err.message : String(err));
  }
  if (sub !== 'create' && sub !== 'list') return usageError(io, sub ? `未知子命令: ${sub}` : '缺少子命令');
  const { values, positionals } = parsed;
  if (sub === 'create' && positionals.length !== 1) return usageError(io, positionals.length ? '只能给一个商户 ID' : '缺少商户 ID');
  if (sub === 'list' && positionals.length) return usageError(io, 'list 不带参数');

  const kefu = openCommandKefu(io, overrides);
  if (!kefu) return 1;
  const { onboarding } = kefu;
  try {
    if (sub === 'list') {
      const tenants = await onboarding.list();
      if (values.json) io.stdout.write(`${JSON.stringify({ tenants })}\n`);
      else if (tenants.length === 0) io.stdout.write('还没有商户\n');
      else for (const t of tenants) io.stdout.write(`${t.id}\t${t.name}\t${t.createdAt}\n`);
      return 0;
    }
    const made = await onboarding.create({
      id: positionals[0]!,
      name: values.name ?? '',
      admin: values.admin ?? '',
      ...(values['admin-name'] !== undefined ? { adminName: values['admin-name'] } : {}),
    });
    if (values.json) {
      io.stdout.write(`${JSON.stringify(made)}\n`);
    } else {
      io.stdout.write(
        `已创建商户 ${made.tenant.id} (${made.tenant.name})\n` +
          `管理员: ${made.admin.username}\n` +
          `临时密码: ${made.temporaryPassword ?? ''}\n` +
          '这个密码只显示这一次,请安全地交给商户管理员。\n',
      );
    }
    return 0;
  } catch (err) {
    if (!isKefuError(err)) throw err;
    io.stderr.write(`[${err.code}] ${err.message}\n`);
    // A bad id, name or admin is a usage mistake; anything else (an existing id, the store) a failure.
    return err.code === 'VALIDATION_FAILED' ? 2 : 1;
  } finally {
    await kefu.store.close();
  }
}

function parseOptions(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { name: { type: 'string' }, admin: { type: 'string' }, 'admin-name': { type: 'string' }, json: { type: 'boolean' } },
  });
}

function usageError(io: CommandIo, message: string): number {
  io.stderr.write(`${message}\n${tenantUsage}\n`);
  return 2;
}
