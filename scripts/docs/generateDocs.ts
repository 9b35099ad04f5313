import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, renderDocs } from './renderDocs';

/**
 * `npm run docs`: writes docs/api.md and docs/configuration.md from the code. With `--check` it
 * writes nothing and exits 1 naming each stale file. Either way a route or key without a
 * description (and the other problems renderDocs finds) fails the run, named one per line.
 */
function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const { files, problems } = renderDocs();
  if (problems.length) {
    for (const problem of problems) process.stderr.write(`docs: ${problem}\n`);
    return 1;
  }
  let stale = 0;
  for (const [file, text] of files) {
    const full = path.join(REPO_ROOT, file);
    const current = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
    if (current === text) continue;
    if (check) {
      stale += 1;
      process.stderr.write(`docs: ${file} is stale: run \`npm run docs\`\n`);
    } else {
      writeFileSync(full, text);
      process.stdout.write(`docs: wrote ${file}\n`);
    }
  }
  return stale ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
