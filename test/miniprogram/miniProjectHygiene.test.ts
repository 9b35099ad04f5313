import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const mini = path.join(__dirname, '../../miniprogram');
const read = (rel: string) => readFileSync(path.join(mini, rel), 'utf8');

function files(dir: string, ext: string): string[] {
  return readdirSync(path.join(mini, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith(ext))
    .map((d) => path.relative(mini, path.join(d.parentPath, d.name)));
}

describe('mini-program project hygiene', () => {
  // mini/framework/小程序全局配置/项目配置.md: the format-2 file and its keys; scripts run before the
  // IDE compiles, previews and uploads. 项目配置（旧版）.md is the legacy format this replaced.
  it('mini.project.json is format 2 with component2, only documented keys, and hooks that run the build', () => {
    const project = JSON.parse(read('mini.project.json')) as Record<string, unknown> & { compileOptions?: Record<string, unknown>; scripts?: Record<string, string> };
    expect(project['format']).toBe(2);
    expect(project.compileOptions?.['component2']).toBe(true);
    const documented = ['format', 'compileType', 'miniprogramRoot', 'pluginRoot', 'compileOptions', 'uploadExclude', 'assetsInclude', 'developOptions', 'pluginResolution', 'scripts'];
    for (const key of Object.keys(project)) expect([key, documented.includes(key)]).toEqual([key, true]);
    const compileKeys = ['component2', 'typescript', 'less', 'treeShaking', 'resolveAlias', 'globalObjectMode', 'transpile'];
    for (const key of Object.keys(project.compileOptions ?? {})) expect([key, compileKeys.includes(key)]).toEqual([key, true]);
    const scripts = project.scripts ?? {};
    expect(Object.keys(scripts).sort()).toEqual(['beforeCompile', 'beforePreview', 'beforeUpload']);
    const npmScripts = (JSON.parse(readFileSync(path.join(mini, '../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const command of Object.values(scripts)) {
      const name = /^npm run ([\w:-]+)/.exec(command)?.[1];
      expect([command, name !== undefined && npmScripts[name] !== undefined]).toEqual([command, true]);
    }
    expect(scripts['beforeUpload']).toContain('--verify-release');
  });

  // component/基础组件/无障碍访问/aria-component.md: the attribute is `role`, with aria-* beside it.
  it('templates use the documented role attribute, never aria-role', () => {
    const templates = files('.', '.axml').filter((f) => !f.startsWith('dist'));
    expect(templates.length).toBeGreaterThanOrEqual(3);
    for (const f of templates) expect([f, read(f).includes('aria-role')]).toEqual([f, false]);
    expect(read('components/kf-chat/index.axml')).toMatch(/role="button"/);
  });

  // Devices without CSS variables (component/扩展组件/UI组件/其他/Am-icon 图标.md) drop a
  // declaration with var(); the plain one before it is what they keep.
  it('every var() in the components’ ACSS follows a plain declaration of the same property', () => {
    const sheets = files('components', '.acss');
    expect(sheets.length).toBe(2);
    let checked = 0;
    for (const f of sheets) {
      const css = read(f).replace(/\/\*[\s\S]*?\*\//g, '');
      for (const block of css.match(/\{[^{}]*\}/g) ?? []) {
        const decls = block.slice(1, -1).split(';').map((d) => d.trim()).filter(Boolean);
        decls.forEach((d, i) => {
          if (!/var\(|env\(/.test(d)) return;
          const prop = d.split(':')[0]!.trim();
          const before = decls.slice(0, i).filter((p) => p.split(':')[0]!.trim() === prop);
          expect([f, d, before.some((p) => !/var\(|env\(/.test(p))]).toEqual([f, d, true]);
          checked++;
        });
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('the demo page prints the merchant’s markup as text: no entities, no bindings inside it', () => {
    const axml = read('pages/demo/index.axml');
    expect(axml).not.toMatch(/&lt;|&gt;/);
    const page = read('pages/demo/index.ts');
    expect(page).toContain('<kf-entry tenant="your-merchant" unread="{{unread}}" onTap="openChat" />');
  });

  // A reply notice opens the page set in 回复通知 with conversation=<id> (shared/push/ReplyNotifier).
  it('the demo page opens the chat when a reply notice brings the user in', () => {
    let page: { data: Record<string, unknown>; onLoad(q: Record<string, string>): void; setData(p: Record<string, unknown>): void } | undefined;
    const g = globalThis as Record<string, unknown>;
    g['Page'] = (o: { data: Record<string, unknown>; onLoad(q: Record<string, string>): void }) => {
      page = { ...o, data: { ...o.data }, setData(p) { Object.assign(this.data, p); } };
    };
    jest.isolateModules(() => {
      jest.requireActual(path.join(mini, 'pages/demo/index.ts'));
    });
    delete g['Page'];
    page!.onLoad.call(page, {});
    expect(page!.data['chatVisible']).toBe(false);
    page!.onLoad.call(page, { conversation: 'c1' });
    expect(page!.data['chatVisible']).toBe(true);
  });
});
