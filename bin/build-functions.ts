/**
 * `npm run build:functions`: one self-contained CommonJS bundle per function folder, at
 * dist/functions/<name>/index.js, as s.yaml deploys them. The native SQLite driver stays out: the
 * cloud uses Tablestore, and a function never opens the embedded store.
 */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(__dirname, '..');

/** Function folders: every folder of functions/ with an index.ts, except the shared _ ones. */
export function functionNames(): string[] {
  const dir = path.join(root, 'functions');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(path.join(dir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

export async function buildFunctions(outDir = path.join(root, 'dist/functions')): Promise<string[]> {
  const names = functionNames();
  for (const name of names) {
    await build({
      entryPoints: [path.join(root, 'functions', name, 'index.ts')],
      outfile: path.join(outDir, name, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      // proxy-agent: an optional require of ali-oss's HTTP client, used only behind a proxy.
      external: ['better-sqlite3', 'proxy-agent'],
      logLevel: 'warning',
      legalComments: 'none',
    });
  }
  return names;
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
