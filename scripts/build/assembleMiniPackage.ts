/**
 * The npm package merchants install, laid out the way antd-mini is consumed: compiled components
 * under `es/<name>/index.{js,axml,acss,json}`, so a host page lists
 * `"kf-chat": "kefu-mini/es/kf-chat/index"` in `usingComponents`. The hand-written `package.json`
 * and README live in miniprogram/package/; the build copies them next to the compiled `es/` in a
 * git-ignored folder, so nothing generated is ever committed.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

export const miniPackageTemplateDir = path.resolve(__dirname, '..', '..', 'miniprogram', 'package');

/** What a component folder may ship: the four files the runtime reads (and any template or style they import). */
const shippedFile = /\.(js|axml|acss|json)$/;

export interface MiniPackage {
  readonly dir: string;
  readonly name: string;
  readonly version: string;
  /** Paths relative to `dir`, `/`-separated. */
  readonly files: { readonly path: string; readonly bytes: number }[];
  readonly totalBytes: number;
}

export interface PackedMiniPackage {
  readonly tarball: string;
  readonly bytes: number;
  /** Paths inside the tarball (without npm's `package/` prefix). */
  readonly entries: string[];
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

/**
 * Fills `packageDir` with the template's package.json and README and each built component folder of
 * `builtDir/components` under `es/`. The components are copied from the same build as the IDE's
 * dist, so the demo and the merchant run identical code.
 */
export function assembleMiniPackage(o: { builtDir: string; packageDir: string; templateDir?: string }): MiniPackage {
  const templateDir = o.templateDir ?? miniPackageTemplateDir;
  const manifest = JSON.parse(readFileSync(path.join(templateDir, 'package.json'), 'utf8')) as { name: string; version: string };
  rmSync(o.packageDir, { recursive: true, force: true });
  mkdirSync(path.join(o.packageDir, 'es'), { recursive: true });
  for (const f of ['package.json', 'README.md']) cpSync(path.join(templateDir, f), path.join(o.packageDir, f));
  const components = path.join(o.builtDir, 'components');
  for (const d of readdirSync(components, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const rel of listFiles(path.join(components, d.name))) {
      if (!shippedFile.test(rel)) continue;
      const to = path.join(o.packageDir, 'es', d.name, rel);
      mkdirSync(path.dirname(to), { recursive: true });
      cpSync(path.join(components, d.name, rel), to);
    }
  }
  const files = listFiles(o.packageDir)
    .sort()
    .map((rel) => ({ path: rel, bytes: statSync(path.join(o.packageDir, rel)).size }));
  return { dir: o.packageDir, name: manifest.name, version: manifest.version, files, totalBytes: files.reduce((n, f) => n + f.bytes, 0) };
}

/** `npm pack` as a merchant's CI would run it; local and offline (the package has no dependencies). */
export async function packMiniPackage(packageDir: string, destination: string): Promise<PackedMiniPackage> {
  if (!existsSync(path.join(packageDir, 'package.json'))) throw new Error(`${packageDir} has no package.json; run the build first`);
  mkdirSync(destination, { recursive: true });
  const { stdout } = await promisify(execFile)('npm', ['pack', packageDir, '--json', '--offline', '--ignore-scripts', '--pack-destination', destination], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const [info] = JSON.parse(stdout) as { filename: string; size: number; files: { path: string }[] }[];
  if (!info) throw new Error(`npm pack printed no result for ${packageDir}`);
  const tarball = path.join(destination, info.filename);
  return { tarball, bytes: statSync(tarball).size, entries: info.files.map((f) => f.path).sort() };
}
