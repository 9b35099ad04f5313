/**
 * `npm run build:console`: the console (React + Ant Design, web/console) built with Vite into
 * web/console/dist, which `npm run dev` serves at /console/. `npm run dev` and the browser tests
 * call `ensureConsoleBuilt`, which builds only when a source file is newer than the last build.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
export const consoleDir = path.join(root, 'web/console');
export const consoleDist = path.join(consoleDir, 'dist');

function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((t, d) => {
    const full = path.join(dir, d.name);
    return Math.max(t, d.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }, 0);
}

/**
 * What the bundle is made of beyond web/console: the shared code it imports (texts, schemas,
 * codes) and kf-entry, whose view and stylesheet the entry preview uses. An edit there left a
 * stale bundle under the browser tests.
 */
const alsoBundled = [path.join(root, 'shared'), path.join(root, 'miniprogram/components/kf-entry')];

export function buildConsole(outDir = consoleDist): Promise<void> {
  // Vite's own CLI in a child process: Vite is ESM-only, and a child keeps it out of jest's VM and
  // of the dev server's memory.
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  // Errors only: the UI libraries' "use client" directives warn on every build and mean nothing here.
  const args = [vite, 'build', consoleDir, '--base', '/console/', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}

/** Builds when there is no build yet or the sources (src, index.html, what it bundles from shared and kf-entry) changed since. */
export async function ensureConsoleBuilt(): Promise<string> {
  const index = path.join(consoleDist, 'index.html');
  const sources = Math.max(newest(path.join(consoleDir, 'src')), statSync(path.join(consoleDir, 'index.html')).mtimeMs, ...alsoBundled.map(newest));
  if (!existsSync(index) || statSync(index).mtimeMs < sources) await buildConsole();
  return consoleDist;
}

if (require.main === module) {
  const started = Date.now();
  buildConsole().then(
    () => process.stdout.write(`console built in ${((Date.now() - started) / 1000).toFixed(1)} s -> ${path.relative(root, consoleDist)}\n`),
    (err: unknown) => {
      process.stderr.write(`console build failed: ${String(err)}\n`);
      process.exit(1);
    },
  );
}
