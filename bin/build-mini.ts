/**
 * `npm run build:mini [-- --api <origin>] [--backup <origin>]`: compiles the mini-program into
 * miniprogram/dist, the folder mini.project.json points the Alipay developer IDE at. Each page and
 * component script is bundled with what it imports from shared/ (no npm packages at run time);
 * templates, styles and JSON are copied. The package must stay under 300 KB.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'miniprogram');

/** Largest package we allow ourselves (Alipay's own limit is 2 MB; a merchant's app shares it). */
export const MINI_PACKAGE_LIMIT_BYTES = 300 * 1024;

export interface MiniBuildOptions {
  readonly outDir?: string;
  /** Backend origin compiled in as the components' default (default: the local dev server). */
  readonly api?: string;
  readonly backup?: string;
}

export interface MiniBuildResult {
  readonly outDir: string;
  readonly files: { readonly path: string; readonly bytes: number }[];
  readonly totalBytes: number;
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

export async function buildMini(o: MiniBuildOptions = {}): Promise<MiniBuildResult> {
  const outDir = o.outDir ?? path.join(source, 'dist');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const entry of entries()) {
    await build({
      entryPoints: [path.join(source, entry)],
      outfile: path.join(outDir, entry.replace(/\.ts$/, '.js')),
      bundle: true,
      // The mini-program runtime is neither Node nor a browser. Each script only calls Component()/
      // Page()/App() and exports nothing, so a self-contained IIFE needs no module system at all.
      platform: 'neutral',
      format: 'iife',
      target: 'es2017',
      mainFields: ['module', 'main'],
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
      define: {
        KEFU_BUILD_API: JSON.stringify(o.api ?? 'http://127.0.0.1:8787'),
        KEFU_BUILD_BACKUP: JSON.stringify(o.backup ?? ''),
      },
    });
  }
  // Templates, styles and JSON as they are; TypeScript, tests and the tsconfig stay behind.
  for (const rel of listFiles(source)) {
    if (rel.startsWith(`dist${path.sep}`) || !/\.(axml|acss|json)$/.test(rel) || rel === 'tsconfig.json' || rel === 'mini.project.json') continue;
    mkdirSync(path.dirname(path.join(outDir, rel)), { recursive: true });
    cpSync(path.join(source, rel), path.join(outDir, rel));
  }
  const files = listFiles(outDir)
    .sort()
    .map((rel) => ({ path: rel, bytes: statSync(path.join(outDir, rel)).size }));
  return { outDir, files, totalBytes: files.reduce((n, f) => n + f.bytes, 0) };
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (require.main === module) {
  const api = argument('api');
  const backup = argument('backup');
  buildMini({ ...(api ? { api } : {}), ...(backup ? { backup } : {}) }).then(
    (r) => {
      for (const f of r.files) process.stdout.write(`${String(f.bytes).padStart(8)}  ${f.path}\n`);
      process.stdout.write(`${String(r.totalBytes).padStart(8)}  total (${(r.totalBytes / 1024).toFixed(1)} KB of ${MINI_PACKAGE_LIMIT_BYTES / 1024} KB) -> ${path.relative(root, r.outDir)}\n`);
      if (r.totalBytes > MINI_PACKAGE_LIMIT_BYTES) {
        process.stderr.write('小程序包超过 300 KB\n');
        process.exit(1);
      }
    },
    (err: unknown) => {
      process.stderr.write(`build failed: ${String(err)}\n`);
      process.exit(1);
    },
  );
}
