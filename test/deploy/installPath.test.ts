import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// `npm install` runs scripts/install/ensure-debian-deps.sh (preinstall). On a machine that has
// everything it must run no apt and ask for no root; npm must print no install-scripts warning,
// which it does for every package with an install script that `allowScripts` does not name.
const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'scripts/install/ensure-debian-deps.sh');

/** A PATH of stubs: every command the script looks for, plus `sudo` and `apt-get` that record their calls. */
function stubPath(present: string[]): { dir: string; calls: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-deps-'));
  const calls = path.join(dir, 'calls.log');
  const stub = (name: string, body: string): void => {
    writeFileSync(path.join(dir, name), `#!/bin/bash\n${body}\n`);
    chmodSync(path.join(dir, name), 0o755);
  };
  for (const name of present) stub(name, name === 'tesseract' ? 'echo chi_sim' : name === 'fc-list' ? 'echo "Noto Color Emoji: zh"' : 'exit 0');
  for (const name of ['sudo', 'apt-get']) stub(name, `echo "${name} $*" >> ${calls}`);
  // A non-root user (the script checks `id -u`), and the real grep it filters with.
  stub('id', 'echo 1000');
  symlinkSync(spawnSync('/bin/bash', ['-c', 'command -v grep'], { encoding: 'utf8' }).stdout.trim(), path.join(dir, 'grep'));
  return { dir, calls };
}

function run(mode: string, present: string[]): { status: number | null; stderr: string; calls: string } {
  const { dir, calls } = stubPath(present);
  try {
    const r = spawnSync('/bin/bash', [script, mode], { env: { PATH: dir }, encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr, calls: existsSync(calls) ? readFileSync(calls, 'utf8') : '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const everything = ['python3', 'make', 'g++', 'ffmpeg', 'espeak-ng', 'tesseract', 'chromium', 'fc-list'];

describe('the install path (scripts/install/ensure-debian-deps.sh)', () => {
  it.each(['build', 'dev', 'test'])('runs no apt and asks for no root in mode %s when every package is there', (mode) => {
    const r = run(mode, everything);
    expect(r).toEqual({ status: 0, stderr: '', calls: '' });
  });

  it('asks for root and installs only the missing package', () => {
    const r = run('dev', everything.filter((c) => c !== 'ffmpeg'));
    expect(r.status).toBe(0);
    expect(r.calls).toContain('sudo apt-get install -y -qq ffmpeg');
    expect(r.calls).not.toMatch(/espeak-ng|tesseract/);
  });
});

describe('allowScripts in package.json', () => {
  it('names every installed package that has an install script, so npm install prints no warning', () => {
    const allow = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { allowScripts: Record<string, boolean> }).allowScripts;
    const withScripts: string[] = [];
    const visit = (modules: string): void => {
      if (!existsSync(modules)) return;
      for (const entry of readdirSync(modules)) {
        if (entry.startsWith('.')) continue;
        const names = entry.startsWith('@') ? readdirSync(path.join(modules, entry)).map((n) => `${entry}/${n}`) : [entry];
        for (const name of names) {
          const file = path.join(modules, name, 'package.json');
          if (!existsSync(file)) continue;
          const pkg = JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string>; gypfile?: boolean };
          const s = pkg.scripts ?? {};
          const binding = existsSync(path.join(modules, name, 'binding.gyp')) && pkg.gypfile !== false;
          if (s.preinstall || s.install || s.postinstall || binding) withScripts.push(name);
          visit(path.join(modules, name, 'node_modules'));
        }
      }
    };
    visit(path.join(root, 'node_modules'));
    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => !(name in allow)).sort()).toEqual([]);
  });
});
