import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { buildMini, DEV_API_ORIGIN, MINI_PACKAGE_LIMIT_BYTES, miniBuildOrigins, parseMiniBuildArgs, type MiniBuildResult } from '../../scripts/build/build-mini';
import { checkMiniOrigin } from '../../scripts/build/checkMiniOrigin';
import { MiniBuildError } from '../../scripts/build/MiniBuildError';
import { eventHandlers } from './axmlToWxml';
import { es2015Syntax } from './es2015Syntax';

const repo = path.join(__dirname, '../..');
const source = path.join(repo, 'miniprogram');

/** Runs a built script the way the mini-program runtime does: `Component`/`Page`/`App` and `my` as globals. */
function runBuilt(file: string): Record<string, Record<string, unknown>> {
  const captured: Record<string, Record<string, unknown>> = {};
  const context = vm.createContext({
    Component: (o: Record<string, unknown>) => (captured['Component'] = o),
    Page: (o: Record<string, unknown>) => (captured['Page'] = o),
    App: (o: Record<string, unknown>) => (captured['App'] = o),
    my: {},
    setTimeout,
    clearTimeout,
    console,
  });
  vm.runInContext(readFileSync(file, 'utf8'), context, { filename: file });
  return captured;
}

/** `npm run build:mini -- <args>` as a developer or the IDE hook runs it; never rejects. */
async function runBuildCommand(args: string[], cwd = repo): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await promisify(execFile)('npm', ['run', '--silent', 'build:mini', '--', ...args], { cwd, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('npm run build:mini', () => {
  let tmp: string;
  let out: string;
  let result: MiniBuildResult;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'kefu-mini-'));
    out = path.join(tmp, 'dist');
    result = await buildMini({ outDir: out, packageDir: path.join(tmp, 'package'), api: 'https://kefu.merchant.example', backup: 'https://kefu-backup.merchant.example' });
  }, 60_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('stays under the 300 KB package limit', () => {
    expect(result.totalBytes).toBeGreaterThan(10_000);
    expect(result.totalBytes).toBeLessThanOrEqual(MINI_PACKAGE_LIMIT_BYTES);
  });

  it('has every page and component with its script, template, style and config; no TypeScript, no npm package template', () => {
    const files = result.files.map((f) => f.path.split(path.sep).join('/'));
    for (const unit of ['components/kf-entry', 'components/kf-chat', 'pages/demo']) {
      for (const ext of ['js', 'axml', 'acss', 'json']) expect(files).toContain(`${unit}/index.${ext}`);
    }
    expect(files).toEqual(expect.arrayContaining(['app.js', 'app.json', 'app.acss']));
    expect(files.filter((f) => f.endsWith('.ts') || f.endsWith('.map') || f.startsWith('package/'))).toEqual([]);
    const app = JSON.parse(readFileSync(path.join(out, 'app.json'), 'utf8')) as { pages: string[] };
    for (const page of app.pages) expect(existsSync(path.join(out, `${page}.axml`))).toBe(true);
    const demo = JSON.parse(readFileSync(path.join(out, 'pages/demo/index.json'), 'utf8')) as { usingComponents: Record<string, string> };
    for (const c of Object.values(demo.usingComponents)) expect(existsSync(path.join(out, `${c}.js`))).toBe(true);
  });

  it('bundles its own code: no npm require at run time, none of the names Alipay reserves', () => {
    for (const f of result.files.filter((x) => x.path.endsWith('.js'))) {
      const code = readFileSync(path.join(out, f.path), 'utf8');
      expect([f.path, code.match(/\brequire\(/g)]).toEqual([f.path, null]);
      expect([f.path, code.match(/\b(globalThis|window|document|XMLHttpRequest|AlipayJSBridge|exports)\b/g)]).toEqual([f.path, null]);
      // mini/framework/小程序的 JavaScript 引擎.md: no eval and no dynamic code in a mini-program.
      expect([f.path, code.match(/\beval\(|\bnew Function\b|\bFunction\(/g)]).toEqual([f.path, null]);
    }
  });

  // platform-docs/alipay-open-docs: mini/framework/框架概述.md — the compiler does not transpile
  // node_modules unless the host configures transpile, and these same files are what the npm package ships.
  it('every script is ES5 syntax, so it runs from a host node_modules without transpile', () => {
    for (const f of result.files.filter((x) => x.path.endsWith('.js'))) {
      expect([f.path, es2015Syntax(readFileSync(path.join(out, f.path), 'utf8'))]).toEqual([f.path, []]);
    }
  });

  it('the ES5 check itself finds newer syntax', () => {
    expect(es2015Syntax('const a = 1; class B {} var c = async () => { for (const x of y) await x; };')).toEqual(
      expect.arrayContaining(['let/const', 'class', 'arrow function', 'for-of', 'await']),
    );
    expect(es2015Syntax('var a = { get b() { return 1; } }; function c(d) { return d ? this : a; }')).toEqual([]);
  });

  it('compiles in the backend origin it was built for, and the bundles run in a bare runtime', () => {
    const entry = runBuilt(path.join(out, 'components/kf-entry/index.js'))['Component']!;
    expect(entry['props']).toMatchObject({ apiOrigin: 'https://kefu.merchant.example', tenant: 'demo', unread: 0 });
    const chat = runBuilt(path.join(out, 'components/kf-chat/index.js'))['Component']!;
    expect(chat['props']).toMatchObject({ apiOrigin: 'https://kefu.merchant.example', backupOrigin: 'https://kefu-backup.merchant.example', visible: false });
    expect(runBuilt(path.join(out, 'app.js'))['App']).toEqual({});
  });

  it("the demo page's template names only handlers its Page() has", () => {
    const page = runBuilt(path.join(out, 'pages/demo/index.js'))['Page']!;
    const handlers = eventHandlers(readFileSync(path.join(source, 'pages/demo/index.axml'), 'utf8'));
    expect(handlers).toEqual(['openChat', 'closeChat', 'setUnread']);
    for (const h of handlers) expect([h, typeof page[h]]).toEqual([h, 'function']);
  });

  it('mini.project.json points the IDE at the built folder', () => {
    const project = JSON.parse(readFileSync(path.join(source, 'mini.project.json'), 'utf8')) as { miniprogramRoot: string };
    expect(project.miniprogramRoot).toBe('dist');
  });

  it('every component folder follows the contract: index.ts, props.ts, index.axml, index.acss, index.json', () => {
    for (const c of ['kf-entry', 'kf-chat']) {
      for (const f of ['index.ts', 'props.ts', 'index.axml', 'index.acss', 'index.json']) expect([c, f, existsSync(path.join(source, 'components', c, f))]).toEqual([c, f, true]);
    }
  });
});

/**
 * Alipay calls only HTTPS domains on the app's whitelist and never an IP:
 * platform-docs/alipay-open-docs: mini/api/基础API/网络/网络 API 使用须知.md (服务器域名白名单; 小程序必须使用
 * HTTPS/WSS 发起网络请求) and mini/api/基础API/网络/my.request 常见问题.md (my.request 暂不支持 IP 地址请求，
 * 不支持 HTTP 请求). The IDE alone may skip the whitelist (网络 API 使用须知.md, 跳过域名检验), hence --dev.
 */
describe('which backend origins a build may compile in', () => {
  const release = (v: string) => checkMiniOrigin(v, { flag: '--api', dev: false });
  const dev = (v: string) => checkMiniOrigin(v, { flag: '--api', dev: true });

  it('a release takes an https domain, normalised to its origin (trailing slash, case, default port)', () => {
    expect(release('https://kefu.example.com')).toBe('https://kefu.example.com');
    expect(release('https://kefu.example.com/')).toBe('https://kefu.example.com');
    expect(release('https://KEFU.Example.COM:443/')).toBe('https://kefu.example.com');
    // The whitelist matches the domain; a non-default port stays as given.
    expect(release('https://kefu.example.com:8443')).toBe('https://kefu.example.com:8443');
  });

  it('a release refuses plain http, IP addresses and hosts that cannot be whitelisted, naming the flag and --dev', () => {
    for (const bad of ['http://kefu.example.com', 'https://1.2.3.4', 'https://[::1]:8787', 'https://localhost', 'ws://kefu.example.com', 'kefu.example.com']) {
      expect(() => release(bad)).toThrow(MiniBuildError);
      expect(() => release(bad)).toThrow(/--api[\s\S]*--dev/);
    }
    expect(() => release('http://kefu.example.com')).toThrow(/https:\/\/[\s\S]*白名单[\s\S]*\n[\s\S]*whitelisted HTTPS/);
    expect(() => release('https://1.2.3.4')).toThrow(/IP 地址[\s\S]*IP address/);
  });

  it('a path, query or credentials is refused, not dropped: the components append /v1/... to the origin', () => {
    for (const bad of ['https://kefu.example.com/kefu', 'https://kefu.example.com:8443/api/', 'https://kefu.example.com/?a=1', 'https://user:pw@kefu.example.com', 'https://kefu.example.com/#x']) {
      expect(() => release(bad)).toThrow(/不带路径[\s\S]*no path/);
    }
    expect(() => dev('http://127.0.0.1:8787/v1')).toThrow(/no path/);
  });

  it('--dev allows the local server over plain http and IPs, and defaults to it', () => {
    expect(dev('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
    expect(dev('http://localhost:8787')).toBe('http://localhost:8787');
    expect(miniBuildOrigins({ dev: true })).toEqual({ api: DEV_API_ORIGIN, backup: '' });
    expect(() => dev('ftp://127.0.0.1')).toThrow(MiniBuildError);
  });

  it('a release without --api is an error that says what to type, not a silent 127.0.0.1', () => {
    expect(() => miniBuildOrigins({})).toThrow(/缺少 --api[\s\S]*--dev[\s\S]*\nmissing --api/);
  });

  it('--backup gets the same checks and must differ from --api', () => {
    expect(miniBuildOrigins({ api: 'https://a.example.com', backup: 'https://b.example.com/' })).toEqual({ api: 'https://a.example.com', backup: 'https://b.example.com' });
    expect(() => miniBuildOrigins({ api: 'https://a.example.com', backup: 'http://b.example.com' })).toThrow(/--backup/);
    expect(() => miniBuildOrigins({ api: 'https://a.example.com', backup: 'https://8.8.8.8' })).toThrow(/--backup[\s\S]*IP/);
    expect(() => miniBuildOrigins({ api: 'https://a.example.com', backup: 'https://A.example.com/' })).toThrow(/--backup[\s\S]*--api/);
  });

  it('buildMini refuses before writing anything', async () => {
    const outDir = path.join(os.tmpdir(), `kefu-mini-refused-${process.pid}`);
    await expect(buildMini({ outDir, api: 'http://kefu.example.com' })).rejects.toThrow(MiniBuildError);
    expect(existsSync(outDir)).toBe(false);
  });

  it('refuses an output folder that holds sources, since it empties it first', async () => {
    await expect(buildMini({ dev: true, outDir: repo })).rejects.toThrow(/--out[\s\S]*holds sources/);
    await expect(buildMini({ dev: true, outDir: source })).rejects.toThrow(/--out/);
    await expect(buildMini({ api: 'https://a.example.com', outDir: path.join(os.tmpdir(), `kefu-mini-guard-${process.pid}`), packageDir: path.join(source, 'package') })).rejects.toThrow(/--package-out/);
    expect(existsSync(path.join(source, 'package', 'package.json'))).toBe(true);
  });

  it('the command line: --flag value and --flag=value, unknown flags and missing values are errors', () => {
    expect(parseMiniBuildArgs(['--api', 'https://a.example.com', '--backup=https://b.example.com', '--dev'])).toEqual({ api: 'https://a.example.com', backup: 'https://b.example.com', dev: true });
    expect(parseMiniBuildArgs(['--verify-release'])).toEqual({ verifyRelease: true });
    expect(() => parseMiniBuildArgs(['--apii', 'https://a.example.com'])).toThrow(/未知参数 --apii/);
    expect(() => parseMiniBuildArgs(['--api'])).toThrow(/--api 后面缺少值/);
    expect(() => parseMiniBuildArgs(['--api', '--dev'])).toThrow(/needs a value/);
  });
});

describe('the build:mini command', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'kefu-mini-cli-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('--api http://kefu.example.com exits non-zero with the reason, and writes nothing', async () => {
    const out = path.join(tmp, 'refused');
    const r = await runBuildCommand(['--api', 'http://kefu.example.com', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--api 必须是 https:\/\/ 开头的域名[\s\S]*\n--api must be an https:\/\/ domain/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('without --api and without --dev it exits non-zero and says which to give', async () => {
    const r = await runBuildCommand(['--out', path.join(tmp, 'none')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/缺少 --api[\s\S]*missing --api/);
  }, 60_000);

  it('--api https://kefu.example.com builds the IDE folder and the npm package and prints both sizes', async () => {
    const out = path.join(tmp, 'release');
    const pkg = path.join(tmp, 'packages', 'mini-package');
    const r = await runBuildCommand(['--api', 'https://kefu.example.com', '--out', out, '--package-out', pkg]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/total \(\d+\.\d KB of 300\.0 KB\)/);
    const tarball = /tarball: (\S+\.tgz) \((\d+) bytes/.exec(r.stdout);
    expect(tarball).not.toBeNull();
    expect(tarball![1]).toBe(path.join(tmp, 'packages', 'kefu-mini-0.1.0.tgz'));
    expect(Number(tarball![2])).toBeLessThanOrEqual(MINI_PACKAGE_LIMIT_BYTES);
    expect(existsSync(path.join(pkg, 'es', 'kf-chat', 'index.js'))).toBe(true);
    // What the IDE's beforeUpload hook runs: this folder is a release build.
    const verified = await runBuildCommand(['--verify-release', '--out', out]);
    expect([verified.code, verified.stdout]).toEqual([0, expect.stringContaining('https://kefu.example.com')]);
    // The IDE compiles (beforeCompile: --again) before it uploads: the release build stays one.
    const again = await runBuildCommand(['--again', '--out', out, '--package-out', pkg]);
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('后端 / backend: https://kefu.example.com')]);
    expect((await runBuildCommand(['--verify-release', '--out', out])).code).toBe(0);
  }, 120_000);

  it('--dev works from miniprogram/ (where the IDE runs its hooks): 127.0.0.1 compiled in, no npm package, refused for upload', async () => {
    const out = path.join(tmp, 'dev');
    const r = await runBuildCommand(['--dev', '--out', out], source);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('dev build: no npm package');
    expect(runBuilt(path.join(out, 'components/kf-chat/index.js'))['Component']!['props']).toMatchObject({ apiOrigin: DEV_API_ORIGIN });
    const verified = await runBuildCommand(['--verify-release', '--out', out]);
    expect(verified.code).toBe(2);
    expect(verified.stderr).toMatch(/不是发布构建[\s\S]*http:\/\/127\.0\.0\.1:8787[\s\S]*not a release build/);
    // --again on a dev build, or on an empty folder, is a dev build.
    const again = await runBuildCommand(['--again', '--out', out], source);
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('dev build: no npm package')]);
    const mixed = await runBuildCommand(['--again', '--api', 'https://kefu.example.com', '--out', out]);
    expect([mixed.code, mixed.stderr]).toEqual([2, expect.stringContaining('--again')]);
    const fresh = await runBuildCommand(['--again', '--out', path.join(tmp, 'fresh')]);
    expect([fresh.code, fresh.stdout]).toEqual([0, expect.stringContaining(`后端 / backend: ${DEV_API_ORIGIN}`)]);
  }, 120_000);
});
