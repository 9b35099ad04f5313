import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { buildMini, MINI_PACKAGE_LIMIT_BYTES, type MiniBuildResult } from '../../bin/build-mini';
import { eventHandlers } from './axmlToWxml';

const source = path.join(__dirname, '../../miniprogram');

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

describe('npm run build:mini', () => {
  let out: string;
  let result: MiniBuildResult;
  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'kefu-mini-'));
    result = await buildMini({ outDir: out, api: 'https://kefu.merchant.example', backup: 'https://kefu-backup.merchant.example' });
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('stays under the 300 KB package limit', () => {
    expect(result.totalBytes).toBeGreaterThan(10_000);
    expect(result.totalBytes).toBeLessThanOrEqual(MINI_PACKAGE_LIMIT_BYTES);
  });

  it('has every page and component with its script, template, style and config; no TypeScript left', () => {
    const files = result.files.map((f) => f.path.split(path.sep).join('/'));
    for (const unit of ['components/kf-entry', 'components/kf-chat', 'pages/demo']) {
      for (const ext of ['js', 'axml', 'acss', 'json']) expect(files).toContain(`${unit}/index.${ext}`);
    }
    expect(files).toEqual(expect.arrayContaining(['app.js', 'app.json', 'app.acss']));
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    const app = JSON.parse(readFileSync(path.join(out, 'app.json'), 'utf8')) as { pages: string[] };
    for (const page of app.pages) expect(existsSync(path.join(out, `${page}.axml`))).toBe(true);
    const demo = JSON.parse(readFileSync(path.join(out, 'pages/demo/index.json'), 'utf8')) as { usingComponents: Record<string, string> };
    for (const c of Object.values(demo.usingComponents)) expect(existsSync(path.join(out, `${c}.js`))).toBe(true);
  });

  it('bundles its own code: no npm require at run time, none of the names Alipay reserves', () => {
    for (const f of result.files.filter((x) => x.path.endsWith('.js'))) {
      const code = readFileSync(path.join(out, f.path), 'utf8');
      expect([f.path, code.match(/\brequire\(/g)]).toEqual([f.path, null]);
      expect([f.path, code.match(/\b(globalThis|window|document|XMLHttpRequest|AlipayJSBridge)\b/g)]).toEqual([f.path, null]);
    }
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
    const project = JSON.parse(readFileSync(path.join(source, 'mini.project.json'), 'utf8')) as { miniprogramRoot: string; component2: boolean };
    expect(project).toMatchObject({ miniprogramRoot: 'dist', component2: true });
  });

  it('every component folder follows the contract: index.ts, props.ts, index.axml, index.acss, index.json', () => {
    for (const c of ['kf-entry', 'kf-chat']) {
      for (const f of ['index.ts', 'props.ts', 'index.axml', 'index.acss', 'index.json']) expect([c, f, existsSync(path.join(source, 'components', c, f))]).toEqual([c, f, true]);
    }
  });
});
