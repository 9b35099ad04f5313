/**
 * `npm run build:mini -- --api https://<domain> [--backup https://<domain>]`: a release build.
 * `npm run build:mini -- --dev [--api http://127.0.0.1:8787]`: a build for the local developer IDE.
 * `npm run build:mini -- --again`: builds with the origins already compiled into the folder (the
 * IDE's beforeCompile/beforePreview hooks, so a release build stays one), or --dev when it is empty.
 * `npm run build:mini -- --verify-release`: builds nothing; fails unless miniprogram/dist is a
 * release build (the IDE's beforeUpload hook).
 *
 * Compiles the mini-program into miniprogram/dist, the folder mini.project.json points the Alipay
 * developer IDE at. Each page and component script is bundled with what it imports from shared/ (no
 * npm packages at run time) and lowered to ES5; templates, styles and JSON are copied. A release
 * build also assembles the npm package merchants install (dist/mini-package, compiled components
 * under es/) and packs it into dist/<name>-<version>.tgz. The IDE folder and the tarball must each
 * stay under 300 KB.
 *
 * A release build only compiles in HTTPS domain origins (see checkMiniOrigin); without `--api` it
 * stops rather than guess, because a default of 127.0.0.1 in a merchant's release fails on phones.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { assembleMiniPackage, miniPackageTemplateDir, packMiniPackage, type MiniPackage } from './assembleMiniPackage';
import { checkMiniOrigin } from './checkMiniOrigin';
import { MiniBuildError } from './MiniBuildError';
import { downlevelToEs5 } from './downlevelToEs5';
import { builtMiniOrigins, verifyMiniRelease } from './verifyMiniRelease';

const root = path.resolve(__dirname, '../..');
const source = path.join(root, 'miniprogram');

/** Largest package we allow ourselves (Alipay's own limit is 2 MB; a merchant's app shares it). */
export const MINI_PACKAGE_LIMIT_BYTES = 300 * 1024;

/** The local server `npm run dev` starts; the IDE build's default backend. */
export const DEV_API_ORIGIN = 'http://127.0.0.1:8787';

export const defaultMiniPackageDir = path.join(root, 'dist', 'mini-package');

export interface MiniBuildOptions {
  /** Where the IDE build goes (default miniprogram/dist). */
  readonly outDir?: string;
  /**
   * Backend origin compiled in as the components' default. Required for a release build, where it
   * must be an HTTPS domain (the one whitelisted for the app); with `dev` it defaults to the local
   * dev server.
   */
  readonly api?: string;
  /** Backup origin for failover, same rules as `api`; default none. */
  readonly backup?: string;
  /** Build for the local developer IDE: plain HTTP and IPs allowed, and no npm package is made. */
  readonly dev?: boolean;
  /** Where a release build assembles the npm package (default dist/mini-package). */
  readonly packageDir?: string;
}

export interface MiniBuildResult {
  readonly outDir: string;
  readonly files: { readonly path: string; readonly bytes: number }[];
  readonly totalBytes: number;
  /** The origins compiled in, normalised. */
  readonly api: string;
  readonly backup: string;
  readonly dev: boolean;
  /** The npm package of a release build; a dev build makes none, so 127.0.0.1 never ships. */
  readonly package?: MiniPackage;
}

/** Checks and normalises the origins before anything is written. */
export function miniBuildOrigins(o: Pick<MiniBuildOptions, 'api' | 'backup' | 'dev'>): { api: string; backup: string } {
  const dev = o.dev ?? false;
  if (o.api === undefined && !dev) {
    throw new MiniBuildError(
      '缺少 --api：发布构建要写明后端的 HTTPS 域名，例如 npm run build:mini -- --api https://kefu.example.com；本机开发者工具调试用 npm run build:mini -- --dev。',
      'missing --api: a release build needs the backend HTTPS domain, e.g. npm run build:mini -- --api https://kefu.example.com; for the local developer IDE use npm run build:mini -- --dev.',
    );
  }
  const api = checkMiniOrigin(o.api ?? DEV_API_ORIGIN, { flag: '--api', dev });
  const backup = o.backup === undefined || o.backup === '' ? '' : checkMiniOrigin(o.backup, { flag: '--backup', dev });
  if (backup === api) {
    throw new MiniBuildError(
      `--backup 与 --api 相同（${api}），备用域名要换一个才能在主域名故障时接替。`,
      `--backup equals --api (${api}); a backup only helps when it is a different domain.`,
    );
  }
  return { api, backup };
}

/** Script entries: the app and every page and component with an index.ts. */
function entries(): string[] {
  const found = ['app.ts'];
  for (const group of ['pages', 'components']) {
    for (const d of readdirSync(path.join(source, group), { withFileTypes: true })) {
      if (d.isDirectory() && existsSync(path.join(source, group, d.name, 'index.ts'))) found.push(`${group}/${d.name}/index.ts`);
    }
  }
  return found;
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? listFiles(full, base) : [path.relative(base, full)];
  });
}

/** Folders of miniprogram/ that are not part of the mini-program: the build output and the npm package template. */
const notCopied = ['dist', 'package'].map((d) => `${d}${path.sep}`);

/**
 * The build empties its output folders first, so a slip such as `--out .` must not reach rmSync: a
 * folder that holds the repo, the mini-program sources or the package template is refused.
 */
function assertDisposable(dir: string, flag: string): void {
  const holds = (inner: string) => !path.relative(dir, inner).startsWith('..');
  if ([root, source, miniPackageTemplateDir].some(holds)) {
    throw new MiniBuildError(`${flag} ${dir} 包含源码，构建会先清空它，请换一个目录。`, `${flag} ${dir} holds sources the build would delete; choose another folder.`);
  }
}

export async function buildMini(o: MiniBuildOptions = {}): Promise<MiniBuildResult> {
  const dev = o.dev ?? false;
  const { api, backup } = miniBuildOrigins(o);
  const outDir = path.resolve(o.outDir ?? path.join(source, 'dist'));
  const packageDir = path.resolve(o.packageDir ?? defaultMiniPackageDir);
  assertDisposable(outDir, '--out');
  if (!dev) assertDisposable(packageDir, '--package-out');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const entry of entries()) {
    const outfile = path.join(outDir, entry.replace(/\.ts$/, '.js'));
    const bundled = await build({
      entryPoints: [path.join(source, entry)],
      outfile,
      write: false,
      bundle: true,
      // The mini-program runtime is neither Node nor a browser. Each script only calls Component()/
      // Page()/App() and exports nothing, so a self-contained IIFE needs no module system at all.
      platform: 'neutral',
      format: 'iife',
      target: 'es2017',
      mainFields: ['module', 'main'],
      legalComments: 'none',
      logLevel: 'warning',
      define: {
        KEFU_BUILD_API: JSON.stringify(api),
        KEFU_BUILD_BACKUP: JSON.stringify(backup),
      },
    });
    const [bundle] = bundled.outputFiles;
    if (!bundle) throw new Error(`esbuild wrote nothing for ${entry}`);
    mkdirSync(path.dirname(outfile), { recursive: true });
    writeFileSync(outfile, await downlevelToEs5(bundle.text, entry.replace(/\.ts$/, '.js')));
  }
  // Templates, styles and JSON as they are; TypeScript, tests and the tsconfig stay behind.
  for (const rel of listFiles(source)) {
    if (notCopied.some((d) => rel.startsWith(d)) || !/\.(axml|acss|json)$/.test(rel) || rel === 'tsconfig.json' || rel === 'mini.project.json') continue;
    mkdirSync(path.dirname(path.join(outDir, rel)), { recursive: true });
    cpSync(path.join(source, rel), path.join(outDir, rel));
  }
  const files = listFiles(outDir)
    .sort()
    .map((rel) => ({ path: rel, bytes: statSync(path.join(outDir, rel)).size }));
  const result = { outDir, files, totalBytes: files.reduce((n, f) => n + f.bytes, 0), api, backup, dev };
  if (dev) return result;
  return { ...result, package: assembleMiniPackage({ builtDir: outDir, packageDir }) };
}

export const miniBuildUsage = `npm run build:mini -- --api https://<域名> [--backup https://<域名>]   发布构建 / release build
npm run build:mini -- --dev [--api http://127.0.0.1:8787]              本机开发者工具 / local developer IDE
npm run build:mini -- --again                                           按上次的后端源重新构建 / rebuild with the last origins
npm run build:mini -- --verify-release                                  上传前检查 dist 是发布构建 / check dist is a release build

  --api <源>          后端源；发布构建必须是 https 域名（不能用 IP 或 http） / backend origin; an https domain for a release
  --backup <源>       备用源，规则同 --api / backup origin, same rules
  --dev               本机 IDE 构建：允许 http 与 IP，默认 ${DEV_API_ORIGIN}，不生成 npm 包 / local IDE build, no npm package
  --again             按 IDE 构建目录里已编进去的后端源重新构建，空目录时同 --dev / rebuild with the folder's origins, --dev when empty
  --verify-release    不构建，只检查 IDE 构建目录里编进去的后端源和大小 / build nothing, check the folder's origins and size
  --out <目录>        IDE 构建目录（默认 miniprogram/dist） / IDE build folder
  --package-out <目录> npm 包目录（默认 dist/mini-package，tgz 写在它的上一级） / npm package folder (tarball goes next to it)`;

export interface MiniBuildCommand extends MiniBuildOptions {
  readonly help?: boolean;
  readonly verifyRelease?: boolean;
  readonly again?: boolean;
}

/**
 * `--again`: what the folder was last built for, so the IDE's compile hook does not turn a release
 * build back into a dev build before an upload; a dev origin stays a dev build, nothing yet is --dev.
 */
export function againOptions(outDir: string): MiniBuildOptions {
  const built = builtMiniOrigins(outDir);
  if (!built) return { dev: true };
  const origins = { api: built.api, ...(built.backup ? { backup: built.backup } : {}) };
  try {
    miniBuildOrigins(origins);
    return origins;
  } catch (err) {
    if (!(err instanceof MiniBuildError)) throw err;
    return { ...origins, dev: true };
  }
}

/** Parses the command line; unknown flags and missing values are errors, so a typo never ships a default. */
export function parseMiniBuildArgs(argv: readonly string[]): MiniBuildCommand {
  const valueFlags = { '--api': 'api', '--backup': 'backup', '--out': 'outDir', '--package-out': 'packageDir' } as const;
  const parsed: { -readonly [K in keyof MiniBuildCommand]: MiniBuildCommand[K] } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--dev') parsed.dev = true;
    else if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg === '--verify-release') parsed.verifyRelease = true;
    else if (arg === '--again') parsed.again = true;
    else {
      const eq = arg.indexOf('=');
      const flag = eq > 0 ? arg.slice(0, eq) : arg;
      if (!(flag in valueFlags)) throw new MiniBuildError(`未知参数 ${arg}`, `unknown argument ${arg}`);
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value.startsWith('--')) throw new MiniBuildError(`${flag} 后面缺少值`, `${flag} needs a value`);
      const key = valueFlags[flag as keyof typeof valueFlags];
      parsed[key] = key === 'outDir' || key === 'packageDir' ? path.resolve(value) : value;
    }
  }
  return parsed;
}

/** Paths under the repo relative to it (what a developer types), others as they are. */
function shown(p: string): string {
  const rel = path.relative(root, p);
  return rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function main(argv: readonly string[]): Promise<number> {
  let command: MiniBuildCommand | undefined;
  try {
    command = parseMiniBuildArgs(argv);
    if (command.help) {
      process.stdout.write(`${miniBuildUsage}\n`);
      return 0;
    }
    if (command.verifyRelease) {
      const outDir = command.outDir ?? path.join(source, 'dist');
      const v = verifyMiniRelease(outDir, MINI_PACKAGE_LIMIT_BYTES);
      process.stdout.write(`${shown(outDir)} 是发布构建 / is a release build: ${v.api}${v.backup ? `, ${v.backup}` : ''} (${kb(v.totalBytes)})\n`);
      return 0;
    }
    if (command.again && (command.api !== undefined || command.backup !== undefined || command.dev)) {
      throw new MiniBuildError('--again 沿用目录里已编进去的后端源，不能再同时给 --api、--backup 或 --dev。', '--again keeps the origins already in the folder; do not combine it with --api, --backup or --dev.');
    }
    if (command.again) command = { ...command, ...againOptions(command.outDir ?? path.join(source, 'dist')) };
    miniBuildOrigins(command);
  } catch (err) {
    if (!(err instanceof MiniBuildError)) throw err;
    // The usage helps with a wrong command line, not with a folder that failed the release check.
    process.stderr.write(`build:mini: ${err.message}\n${command?.verifyRelease ? '' : `\n${miniBuildUsage}\n`}`);
    return 2;
  }
  const r = await buildMini(command);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  for (const f of r.files) out(`${String(f.bytes).padStart(8)}  ${f.path}`);
  out(`${String(r.totalBytes).padStart(8)}  total (${kb(r.totalBytes)} of ${kb(MINI_PACKAGE_LIMIT_BYTES)}) -> ${shown(r.outDir)}`);
  out(`后端 / backend: ${r.api}${r.backup ? `，备用 / backup: ${r.backup}` : ''}${r.dev ? '（本机 IDE 构建 / dev build）' : ''}`);
  let failed = false;
  if (r.totalBytes > MINI_PACKAGE_LIMIT_BYTES) {
    process.stderr.write(`小程序包超过 300 KB / the mini-program build exceeds 300 KB\n`);
    failed = true;
  }
  if (!r.package) {
    out('开发构建不生成 npm 包 / dev build: no npm package');
    return failed ? 1 : 0;
  }
  const packed = await packMiniPackage(r.package.dir, path.dirname(r.package.dir));
  out(`npm 包 / npm package: ${shown(r.package.dir)} (${r.package.files.length} files, ${kb(r.package.totalBytes)} unpacked)`);
  out(`tarball: ${shown(packed.tarball)} (${packed.bytes} bytes, ${kb(packed.bytes)} of ${kb(MINI_PACKAGE_LIMIT_BYTES)})`);
  if (packed.bytes > MINI_PACKAGE_LIMIT_BYTES) {
    process.stderr.write(`npm 包超过 300 KB / the npm package exceeds 300 KB\n`);
    failed = true;
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`build:mini 失败 / build failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
