/**
 * The npm package a merchant installs, tried the way a merchant does it: a release build, `npm pack`,
 * `npm install <tarball>` into a host mini-program made here, and every path the host and the
 * components reference resolved as the Alipay compiler resolves it:
 * platform-docs/alipay-open-docs: mini/framework/自定义组件/使用自定义组件.md (usingComponents: `/` project
 * absolute, `./`/`../` relative, otherwise an npm package path such as `mini-ali-ui/es/list/index`),
 * mini/framework/AXML/引用.md (`<import>`/`<include>` src, same three forms) and
 * mini/framework/ACSS 语法参考.md (`@import`, same three forms).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { buildMini, MINI_PACKAGE_LIMIT_BYTES, type MiniBuildResult } from '../../scripts/build/build-mini';
import { es2015Syntax } from './es2015Syntax';

const run = promisify(execFile);
const repo = path.join(__dirname, '../..');
const template = JSON.parse(readFileSync(path.join(repo, 'miniprogram/package/package.json'), 'utf8')) as Record<string, unknown> & { name: string; version: string };
const componentNames = readdirSync(path.join(repo, 'miniprogram/components'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Resolves a mini-program path from the file that names it: `/` from the host root, `./` `../` from the file, otherwise npm. */
function resolveMiniPath(spec: string, fromFile: string, hostRoot: string): string {
  if (spec.startsWith('/')) return path.join(hostRoot, spec);
  if (spec.startsWith('./') || spec.startsWith('../')) return path.join(path.dirname(fromFile), spec);
  // npm: the nearest node_modules from the referring file up to the host root, as npm lays packages out.
  const packageName = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
  for (let dir = path.dirname(fromFile); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules', packageName)) || dir === hostRoot || dir === path.dirname(dir)) return path.join(dir, 'node_modules', spec);
  }
}

/**
 * Walks a component (or page) and everything it references; returns each problem as text
 * (`<file>: <what> -> <missing path>`) and the component base paths it visited.
 */
function checkReferences(base: string, hostRoot: string, seen = new Set<string>()): string[] {
  if (seen.has(base)) return [];
  seen.add(base);
  const problems: string[] = [];
  const rel = (p: string) => path.relative(hostRoot, p);
  for (const ext of ['js', 'axml', 'acss', 'json']) if (!existsSync(`${base}.${ext}`)) problems.push(`${rel(base)}: missing ${ext}`);
  if (problems.length > 0) return problems;
  const json = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { usingComponents?: Record<string, string> };
  for (const [tag, spec] of Object.entries(json.usingComponents ?? {})) {
    const target = resolveMiniPath(spec, `${base}.json`, hostRoot);
    const found = checkReferences(target, hostRoot, seen);
    problems.push(...found.map((p) => `${rel(base)}.json usingComponents ${tag} -> ${p}`));
  }
  const axmlFiles = [`${base}.axml`];
  for (let i = 0; i < axmlFiles.length; i++) {
    const file = axmlFiles[i]!;
    for (const m of readFileSync(file, 'utf8').matchAll(/<(import|include)\s[^>]*\bsrc=["']([^"']+)["']|<import-sjs\s[^>]*\bfrom=["']([^"']+)["']/g)) {
      const spec = m[2] ?? m[3]!;
      const target = resolveMiniPath(spec, file, hostRoot);
      if (!existsSync(target)) problems.push(`${rel(file)}: <${m[1] ?? 'import-sjs'}> ${spec} -> ${rel(target)}`);
      else if (target.endsWith('.axml') && !axmlFiles.includes(target)) axmlFiles.push(target);
    }
  }
  const acssFiles = [`${base}.acss`];
  for (let i = 0; i < acssFiles.length; i++) {
    const file = acssFiles[i]!;
    for (const m of readFileSync(file, 'utf8').matchAll(/@import\s+(?:url\()?["']([^"']+)["']/g)) {
      const target = resolveMiniPath(m[1]!, file, hostRoot);
      if (!existsSync(target)) problems.push(`${rel(file)}: @import ${m[1]} -> ${rel(target)}`);
      else if (!acssFiles.includes(target)) acssFiles.push(target);
    }
  }
  return problems;
}

describe('the kefu-mini npm package in a host mini-program', () => {
  let tmp: string;
  let build: MiniBuildResult;
  let tarball: string;
  let tarballBytes: number;
  let tarballFiles: string[];
  let host: string;
  let installed: string;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'kefu-mini-pkg-'));
    build = await buildMini({ outDir: path.join(tmp, 'dist'), packageDir: path.join(tmp, 'package'), api: 'https://kefu.merchant.example' });
    const packs = path.join(tmp, 'packs');
    mkdirSync(packs);
    const packed = await run('npm', ['pack', build.package!.dir, '--json', '--offline', '--pack-destination', packs]);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(packs, info!.filename);
    tarballBytes = statSync(tarball).size;
    tarballFiles = info!.files.map((f) => f.path).sort();
    // The host a merchant already has: its own app.json, a page, and a package.json to install into.
    host = path.join(tmp, 'host');
    write(path.join(host, 'package.json'), JSON.stringify({ name: 'merchant-shop', version: '1.0.0', private: true }));
    write(path.join(host, 'mini.project.json'), JSON.stringify({ format: 2, compileOptions: { component2: true } }));
    write(path.join(host, 'app.json'), JSON.stringify({ pages: ['pages/index/index'] }));
    write(path.join(host, 'app.js'), 'App({});\n');
    write(
      path.join(host, 'pages/index/index.json'),
      JSON.stringify({ usingComponents: { 'kf-entry': `${template.name}/es/kf-entry/index`, 'kf-chat': `${template.name}/es/kf-chat/index` } }),
    );
    write(path.join(host, 'pages/index/index.axml'), '<kf-entry tenant="shop" onTap="openChat" />\n<kf-chat tenant="shop" visible="{{chatVisible}}" onClose="closeChat" />\n');
    write(path.join(host, 'pages/index/index.acss'), '');
    write(path.join(host, 'pages/index/index.js'), 'Page({ data: { chatVisible: false }, openChat() {}, closeChat() {} });\n');
    // npm install works offline here: the package has no dependencies, so nothing is fetched.
    await run('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: host });
    installed = path.join(host, 'node_modules', template.name);
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('the hand-written package.json: Apache-2.0, only es/ published, no dependencies and no install scripts', () => {
    expect(template).toMatchObject({ name: 'kefu-mini', license: 'Apache-2.0', files: ['es'] });
    expect(template.version).toMatch(/^\d+\.\d+\.\d+$/);
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'scripts']) expect([field, template[field]]).toEqual([field, undefined]);
  });

  it(`the tarball holds the compiled components and nothing else, and stays under ${MINI_PACKAGE_LIMIT_BYTES / 1024} KB`, () => {
    const expected = ['README.md', 'package.json', ...componentNames.flatMap((c) => ['js', 'axml', 'acss', 'json'].map((ext) => `es/${c}/index.${ext}`))].sort();
    expect(tarballFiles).toEqual(expected);
    expect(componentNames).toEqual(expect.arrayContaining(['kf-chat', 'kf-entry']));
    console.log(`${path.basename(tarball)}: ${tarballBytes} bytes (${(tarballBytes / 1024).toFixed(1)} KB), unpacked ${build.package!.totalBytes} bytes`);
    expect(tarballBytes).toBeGreaterThan(5_000);
    expect(tarballBytes).toBeLessThanOrEqual(MINI_PACKAGE_LIMIT_BYTES);
  });

  it('npm install put it where the host page looks, and the install recorded the tarball', () => {
    const hostManifest = JSON.parse(readFileSync(path.join(host, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    expect(hostManifest.dependencies?.[template.name]).toMatch(/\.tgz$/);
    expect((JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as { version: string }).version).toBe(template.version);
  });

  it('every usingComponents path of the host page, and everything those components reference, resolves', () => {
    const page = path.join(host, 'pages/index/index');
    const using = (JSON.parse(readFileSync(`${page}.json`, 'utf8')) as { usingComponents: Record<string, string> }).usingComponents;
    expect(Object.keys(using).sort()).toEqual(['kf-chat', 'kf-entry']);
    expect(checkReferences(page, host)).toEqual([]);
    // The resolver itself: a path the package does not have is reported.
    write(path.join(host, 'pages/broken/index.json'), JSON.stringify({ usingComponents: { x: `${template.name}/es/kf-missing/index` } }));
    for (const ext of ['js', 'axml', 'acss']) write(path.join(host, `pages/broken/index.${ext}`), ext === 'axml' ? '<import src="./nope.axml" />' : ext === 'acss' ? "@import '/nope.acss';" : '');
    expect(checkReferences(path.join(host, 'pages/broken/index'), host)).toEqual([
      ...['js', 'axml', 'acss', 'json'].map((ext) => `pages/broken/index.json usingComponents x -> node_modules/${template.name}/es/kf-missing/index: missing ${ext}`),
      'pages/broken/index.axml: <import> ./nope.axml -> pages/broken/nope.axml',
      'pages/broken/index.acss: @import /nope.acss -> nope.acss',
    ]);
  });

  it('each installed component is a component2 component, the same bytes as the IDE build, ES5 and self-contained', () => {
    for (const c of componentNames) {
      const json = JSON.parse(readFileSync(path.join(installed, 'es', c, 'index.json'), 'utf8')) as { component?: boolean };
      expect([c, json.component]).toEqual([c, true]);
      for (const ext of ['js', 'axml', 'acss', 'json']) {
        expect([c, ext, readFileSync(path.join(installed, 'es', c, `index.${ext}`)).equals(readFileSync(path.join(build.outDir, 'components', c, `index.${ext}`)))]).toEqual([c, ext, true]);
      }
      const code = readFileSync(path.join(installed, 'es', c, 'index.js'), 'utf8');
      expect([c, es2015Syntax(code), code.match(/\brequire\(/g)]).toEqual([c, [], null]);
    }
  });

  it('the installed kf-chat runs in a bare runtime with the origin the package was built for', () => {
    let props: Record<string, unknown> | undefined;
    const context = vm.createContext({ Component: (o: { props: Record<string, unknown> }) => (props = o.props), my: {}, setTimeout, clearTimeout, console });
    vm.runInContext(readFileSync(path.join(installed, 'es/kf-chat/index.js'), 'utf8'), context);
    expect(props).toMatchObject({ apiOrigin: 'https://kefu.merchant.example', backupOrigin: '' });
  });
});
