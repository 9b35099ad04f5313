/**
 * `npm run build:functions`: one minified CommonJS bundle per function folder, at
 * dist/functions/<name>/index.js, as s.yaml deploys them. The native SQLite driver stays out: the
 * cloud uses Tablestore, and a function never opens the embedded store.
 *
 * The cloud SDKs and the data-heavy libraries are bundled apart, each into
 * dist/functions/<name>/vendor/<name>.js, and the function's `require('<name>')` points there; the
 * FAQ ranker's weights are copied to data/. Kefu requires each only when first used (Tablestore on
 * the first store call; OSS, Alipay and speech only when configured; pinyin, traditional Chinese
 * and the ranker with the first text to understand), so a cold start does not parse what it does
 * not run. Every bundle ships with a V8 code cache (scripts/build/codeCache.ts).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { addCodeCache } from './codeCache';
import { buildConsole } from './build-console';
import { bundleH5, h5PageFile } from '../../functions/web/h5Routes';

const root = path.resolve(__dirname, '../..');

/** Function folders: every folder of functions/ with an index.ts, except the shared _ ones. */
export function functionNames(): string[] {
  const dir = path.join(root, 'functions');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(path.join(dir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

/** SDKs and data-heavy libraries loaded lazily, each its own bundle. */
export const VENDOR_SDKS = ['tablestore', 'ali-oss', 'alipay-sdk', '@alicloud/pop-core', 'pinyin-pro', 'opencc-js/t2cn'] as const;
/** Data files required lazily, copied beside the bundle (Node parses JSON faster than a JS literal). */
const DATA_FILES = ['shared/faq/faqCalibration.json'];
const vendorFile = (sdk: string) => `vendor/${sdk.replace(/^@/, '').replace(/\//g, '-')}.js`;

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  // Error stacks and logs keep readable function names.
  keepNames: true,
  // proxy-agent: an optional require of ali-oss's HTTP client, used only behind a proxy.
  external: ['better-sqlite3', 'proxy-agent'],
  logLevel: 'warning',
  legalComments: 'none',
};

/** Sends `require('<sdk>')` to the vendor bundle beside the function's index.js. */
const vendorRequires: Plugin = {
  name: 'vendor-sdks',
  setup(b) {
    const filter = new RegExp(`^(${VENDOR_SDKS.map((s) => s.replace(/[/@.-]/g, (c) => `\\${c}`)).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: `./${vendorFile(args.path)}`, external: true }));
    b.onResolve({ filter: /\.json$/ }, (args) => {
      const file = path.relative(root, path.resolve(args.resolveDir, args.path));
      return DATA_FILES.includes(file) ? { path: `./data/${path.basename(file)}`, external: true } : undefined;
    });
  },
};

export async function buildFunctions(outDir = path.join(root, 'dist/functions')): Promise<string[]> {
  const names = functionNames();
  // The SDK bundles (and their caches) are the same for every function: made once, then copied.
  const shared = path.join(outDir, '.vendor');
  rmSync(shared, { recursive: true, force: true });
  for (const sdk of VENDOR_SDKS) {
    const file = path.join(shared, vendorFile(sdk));
    await build({ ...common, entryPoints: [require.resolve(sdk, { paths: [root] })], outfile: file });
    addCodeCache(file);
  }
  for (const name of names) {
    const dir = path.join(outDir, name);
    await build({ ...common, entryPoints: [path.join(root, 'functions', name, 'index.ts')], outfile: path.join(dir, 'index.js'), plugins: [vendorRequires] });
    addCodeCache(path.join(dir, 'index.js'));
    mkdirSync(path.join(dir, 'data'), { recursive: true });
    for (const file of DATA_FILES) copyFileSync(path.join(root, file), path.join(dir, 'data', path.basename(file)));
    cpSync(path.join(shared, 'vendor'), path.join(dir, 'vendor'), { recursive: true });
    if (name === 'web') await buildWebStatic(path.join(dir, 'static'));
  }
  rmSync(shared, { recursive: true, force: true });
  return names;
}

/**
 * The `web` function's files: the console's Vite build and the H5 page with its bundle, which it
 * serves behind the custom domain (functions/web/index.ts).
 */
async function buildWebStatic(dir: string): Promise<void> {
  await buildConsole(path.join(dir, 'console'));
  mkdirSync(path.join(dir, 'h5'), { recursive: true });
  copyFileSync(h5PageFile, path.join(dir, 'h5', 'index.html'));
  writeFileSync(path.join(dir, 'h5', 'main.js'), await bundleH5(build, true));
}

if (require.main === module) {
  buildFunctions().then(
    (names) => process.stdout.write(`built ${names.length} functions: ${names.join(', ')}\n`),
    (err: unknown) => {
      process.stderr.write(`build failed: ${String(err)}\n`);
      process.exit(1);
    },
  );
}
