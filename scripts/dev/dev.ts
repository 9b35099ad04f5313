/**
 * `npm run dev`: the whole local system on the embedded store. Prints the URLs and the demo
 * credentials; Ctrl-C stops it cleanly; a restart keeps all data in `.data/`.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadConfig } from '../../shared/config';
import { isKefuError } from '../../shared/errors';
import { startDevServer } from './devServer';
import { DEMO_PASSWORD, DEMO_REPLY_TEMPLATE, DEMO_TENANT, demoStaff, demoUsers } from '../../mock/seed/demoTenant';
import { startNlsEmulator } from '../../mock/nls/NlsEmulator';
import { seedUtterances } from '../../mock/nls/seedUtterances';
import { defaultFaq } from '../../mock/seed/defaultFaq';
import { ensureConsoleBuilt } from '../build/build-console';
import { startAlipayGateway } from '../../mock/alipay-gateway/AlipayGatewayEmulator';
import { localAlipayKeys } from '../../mock/alipay-gateway/localAlipayKeys';
import { startTablestoreEmulator } from '../../mock/tablestore/TablestoreEmulator';
import { initTablestoreTable } from '../../shared/store/drivers';

/** `--store tablestore` or `--store=tablestore`; undefined when not given. */
function storeArgument(argv: readonly string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--store' || a.startsWith('--store='));
  if (i < 0) return undefined;
  return argv[i]!.includes('=') ? argv[i]!.slice('--store='.length) : argv[i + 1];
}

async function main(): Promise<void> {
  // The dev-only user login stays off unless asked for; `npm run dev` asks for it explicitly
  // because the H5 demo page signs a user in by id, which only a local system may allow.
  const overrides: Record<string, string> = process.argv.includes('--dev-login') ? { KEFU_DEV_LOGIN: 'true' } : {};
  // Without a real speech service configured, voice messages go to the local NLS stand-in, with
  // keys made up for this run (nothing secret is stored).
  const nls = loadConfig(undefined, overrides).nls ? undefined : await startNlsEmulator({ accessKeyId: `LTAI-local-${randomBytes(4).toString('hex')}`, accessKeySecret: randomBytes(24).toString('base64url'), appKey: 'kefu-local' });
  if (nls) {
    Object.assign(overrides, {
      KEFU_NLS_GATEWAY_URL: `${nls.url}/stream/v1/asr`,
      KEFU_NLS_META_URL: nls.url,
      KEFU_NLS_APPKEY: 'kefu-local',
      KEFU_NLS_ACCESS_KEY_ID: nls.emulator.options.accessKeyId,
      KEFU_NLS_ACCESS_KEY_SECRET: nls.emulator.options.accessKeySecret,
    });
  }
  // Without a real Alipay app configured, login goes to the local OpenAPI gateway stand-in, with key
  // pairs made on the first run and kept in the data folder (never in the repository).
  const base = loadConfig(undefined, overrides);
  const alipayKeys = base.alipay ? undefined : localAlipayKeys(base.dataDir);
  const alipay = alipayKeys ? await startAlipayGateway({ appId: alipayKeys.appId, appPublicKey: alipayKeys.appPublicKey, gatewayPrivateKey: alipayKeys.gatewayPrivateKey }) : undefined;
  // The demo merchant's reply-notice template, as chosen on the merchant platform (seeded settings).
  alipay?.emulator.ledger.defineTemplate(DEMO_REPLY_TEMPLATE, 'once');
  if (alipay && alipayKeys) {
    Object.assign(overrides, { KEFU_ALIPAY_APP_ID: alipayKeys.appId, KEFU_ALIPAY_PRIVATE_KEY: alipayKeys.appPrivateKey, KEFU_ALIPAY_PUBLIC_KEY: alipayKeys.gatewayPublicKey, KEFU_ALIPAY_GATEWAY: alipay.url });
  }
  // `--store tablestore` runs on Tablestore: the configured instance, or else a local emulator of its
  // protocol whose tables are kept in the data folder.
  const storeChoice = storeArgument(process.argv);
  if (storeChoice) overrides['KEFU_STORE'] = storeChoice;
  const tablestore = storeChoice === 'tablestore' && !base.tablestore
    ? await startTablestoreEmulator({ instance: 'kefu-local', accessKeyId: `LTAI-local-${randomBytes(4).toString('hex')}`, accessKeySecret: randomBytes(24).toString('base64url'), file: path.resolve(base.dataDir, 'tablestore-emulator.json'), localTransactionsFor: ['kefu_rows'] })
    : undefined;
  if (tablestore) {
    Object.assign(overrides, { KEFU_TABLESTORE_ENDPOINT: tablestore.url, KEFU_TABLESTORE_INSTANCE: 'kefu-local', KEFU_TABLESTORE_ACCESS_KEY_ID: tablestore.emulator.options.accessKeyId, KEFU_TABLESTORE_ACCESS_KEY_SECRET: tablestore.emulator.options.accessKeySecret });
  }
  const config = loadConfig(undefined, overrides);
  if (config.tablestore) await initTablestoreTable(config.tablestore);
  // The console is a Vite build; rebuilt here only when its sources changed (a few seconds).
  await ensureConsoleBuilt();
  const server = await startDevServer(config);
  // The stand-in "recognises" phrases it was taught: the demo FAQ questions and 转人工.
  const taught = nls ? await seedUtterances(nls.emulator, ['转人工', ...defaultFaq.slice(0, 12).map((f) => f.question)]) : 0;
  const vip = demoUsers.filter((u) => u.vipTier > 0).map((u) => u.id);
  const lines = [
    '',
    `Kefu 本地服务已启动  ${server.url}`,
    `  健康检查    ${server.url}/v1/health`,
    `  客服控制台  ${server.url}/console/`,
    `  H5 聊天页   ${server.url}/h5/?tenant=demo&user=u001`,
    `  数据目录    ${config.dataDir} (${config.store})${server.seeded ? '  [首次启动,已写入演示商户]' : ''}`,
    `  请求日志    ${server.logFile ?? '标准输出'}  (警告和错误也显示在这里)`,
    ...(config.store === 'tablestore' ? [`  Tablestore  ${tablestore ? `本地替身 ${tablestore.url} (数据保存在 ${tablestore.emulator.options.file ?? ''})` : `${config.tablestore?.endpoint ?? ''} 实例 ${config.tablestore?.instance ?? ''}`}  表 ${config.tablestore?.table ?? ''}`] : []),
    nls ? `  语音识别    本地 NLS 替身 ${nls.url} (已学会 ${taught} 句示例语音${taught ? '' : ',需要 espeak-ng 与 ffmpeg'})` : `  语音识别    ${config.nls?.gatewayUrl ?? '未配置'}`,
    `  图片识别    ${config.ocr === 'tesseract' ? 'tesseract (chi_sim+eng)' : '已关闭'}`,
    alipay ? `  支付宝登录  本地网关替身 ${alipay.url}  (模拟 my.getAuthCode: POST ${alipay.url.replace('/gateway.do', '/dev/auth-codes')} {"userId":"2088..."})` : `  支付宝登录  ${config.alipay?.gateway ?? '未配置'}`,
    ...(alipay ? [`  回复通知    模板 ${DEMO_REPLY_TEMPLATE}  (模拟用户订阅: POST ${alipay.url.replace('/gateway.do', '/dev/subscriptions')} {"userId":"2088...","entityIds":["${DEMO_REPLY_TEMPLATE}"]})`] : []),
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
    Promise.all([server.close(), nls?.close(), alipay?.close()])
      // The store goes last: the server may still be finishing writes to it.
      .then(() => tablestore?.close())
      .then(
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
