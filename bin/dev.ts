/**
 * `npm run dev`: the whole local system on the embedded store. Prints the URLs and the demo
 * credentials; Ctrl-C stops it cleanly; a restart keeps all data in `.data/`.
 */
import { loadConfig } from '../shared/config';
import { isKefuError } from '../shared/errors';
import { startDevServer } from '../functions/_runtime/devServer';
import { DEMO_PASSWORD, DEMO_TENANT, demoStaff, demoUsers } from '../mock/seed/demoTenant';

async function main(): Promise<void> {
  // The dev-only user login stays off unless asked for; `npm run dev` asks for it explicitly
  // because Alipay login has no local stand-in yet.
  const config = loadConfig(undefined, process.argv.includes('--dev-login') ? { KEFU_DEV_LOGIN: 'true' } : {});
  const server = await startDevServer(config);
  const vip = demoUsers.filter((u) => u.vipTier > 0).map((u) => u.id);
  const lines = [
    '',
    `Kefu 本地服务已启动  ${server.url}`,
    `  健康检查    ${server.url}/v1/health`,
    `  数据目录    ${config.dataDir} (${config.store})${server.seeded ? '  [首次启动,已写入演示商户]' : ''}`,
    '',
    `演示商户 tenant=${DEMO_TENANT},  员工密码 ${DEMO_PASSWORD}`,
    ...demoStaff.map((s) => `  ${s.role.padEnd(10)} ${s.username.padEnd(12)} ${s.displayName}  ${s.skills.join('/')}`),
    `  用户 u001-u020 (VIP: ${vip.join(', ')})`,
    config.devLogin
      ? `  用户开发登录: POST ${server.url}/v1/auth/dev-login {"tenant":"demo","userId":"u001"}  (仅限本地)`
      : '  用户开发登录已关闭 (npm run dev -- --dev-login 开启)',
    '',
    '按 Ctrl-C 停止',
    '',
  ];
  process.stdout.write(lines.join('\n'));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n收到 ${signal},正在停止...\n`);
    server.close().then(
      () => {
        process.stdout.write('已停止,数据已保存。\n');
        process.exit(0);
      },
      (err: unknown) => {
        process.stderr.write(`停止时出错: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (isKefuError(err)) {
    process.stderr.write(`启动失败 [${err.code}]: ${err.message}\n`);
  } else {
    process.stderr.write(`启动失败: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
});
