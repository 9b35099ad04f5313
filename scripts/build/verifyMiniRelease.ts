/**
 * `npm run build:mini -- --verify-release`: checks, without building, that the folder the IDE is
 * about to upload holds a release build: the backend origins compiled into the components pass the
 * release rules (HTTPS domain, no IP) and the folder is within the size limit. The IDE's
 * beforeUpload hook runs it, so a dev build (http://127.0.0.1:8787) is never uploaded for review.
 *
 * The origins are read by running the built component scripts the way the runtime does (a captured
 * `Component()`), so the check sees exactly what a phone would, with no marker file to fall out of date.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { checkMiniOrigin } from './checkMiniOrigin';
import { MiniBuildError } from './MiniBuildError';

export interface VerifiedMiniRelease {
  readonly api: string;
  readonly backup: string;
  readonly totalBytes: number;
}

function componentProps(file: string): Record<string, unknown> {
  let props: Record<string, unknown> = {};
  const context = vm.createContext({
    Component: (o: { props?: Record<string, unknown> }) => {
      props = o.props ?? {};
    },
    my: {},
    setTimeout,
    clearTimeout,
    console,
  });
  vm.runInContext(readFileSync(file, 'utf8'), context, { filename: file, timeout: 2000 });
  return props;
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, d) => {
    const full = path.join(dir, d.name);
    return n + (d.isDirectory() ? folderBytes(full) : statSync(full).size);
  }, 0);
}

/** The origins compiled into a built folder, or undefined when it holds no build yet. */
export function builtMiniOrigins(outDir: string): { api: string; backup: string } | undefined {
  const chat = path.join(outDir, 'components', 'kf-chat', 'index.js');
  if (!existsSync(chat)) return undefined;
  const props = componentProps(chat);
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return { api: text(props['apiOrigin']), backup: text(props['backupOrigin']) };
}

export function verifyMiniRelease(outDir: string, limitBytes: number): VerifiedMiniRelease {
  const chat = path.join(outDir, 'components', 'kf-chat', 'index.js');
  if (!existsSync(chat)) {
    throw new MiniBuildError(
      `${outDir} 里没有构建好的 kf-chat，先运行 npm run build:mini -- --api https://<域名>。`,
      `${outDir} has no built kf-chat; run npm run build:mini -- --api https://<domain> first.`,
    );
  }
  const props = componentProps(chat);
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  const api = text(props['apiOrigin']);
  const backup = text(props['backupOrigin']);
  const rebuild = '上传前请重新运行 npm run build:mini -- --api https://<域名>';
  const rebuildEn = 'rebuild with npm run build:mini -- --api https://<domain> before uploading';
  for (const [flag, value] of [['--api', api], ['--backup', backup]] as const) {
    if (flag === '--backup' && value === '') continue;
    try {
      checkMiniOrigin(value, { flag, dev: false });
    } catch (err) {
      if (!(err instanceof MiniBuildError)) throw err;
      throw new MiniBuildError(
        `${outDir} 不是发布构建：编进去的 ${flag} 是 "${value}"，手机上的支付宝不会调用它；${rebuild}。`,
        `${outDir} is not a release build: the compiled-in ${flag} is "${value}", which Alipay on a phone will not call; ${rebuildEn}.`,
      );
    }
  }
  const totalBytes = folderBytes(outDir);
  if (totalBytes > limitBytes) {
    throw new MiniBuildError(`${outDir} 超过 ${limitBytes / 1024} KB（${totalBytes} 字节）。`, `${outDir} exceeds ${limitBytes / 1024} KB (${totalBytes} bytes).`);
  }
  return { api, backup, totalBytes };
}
