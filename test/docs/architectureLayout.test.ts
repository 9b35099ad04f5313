import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// docs/architecture.md's layout section is the map a newcomer reads first (issue 23): it must list
// exactly the folders a clone has, at the top level and in shared/, so it cannot drift again.

const root = path.resolve(__dirname, '../..');

/** The lines of the first fenced code block after `start` (an index into `lines`). */
function firstCodeBlock(lines: readonly string[], start: number): string[] {
  const open = lines.findIndex((l, i) => i > start && /^\s*```/.test(l));
  if (open === -1) return [];
  const close = lines.findIndex((l, i) => i > open && /^\s*```/.test(l));
  return lines.slice(open + 1, close === -1 ? undefined : close);
}

/** The folder paths a layout block names: every line that starts with `name/` (indented lines continue the one above). */
function foldersIn(block: readonly string[]): string[] {
  return block.flatMap((l) => {
    const m = /^([A-Za-z0-9_][\w.-]*(?:\/[\w.-]+)*)\/(?:\s|$)/.exec(l);
    return m ? [m[1]!] : [];
  });
}

/**
 * The layout section of the architecture page: the folders of its first code block (top level,
 * with nested ones such as scripts/build), and those of the first code block under the `shared/`
 * heading.
 */
function documentedLayout(markdown: string): { topLevel: string[]; nested: string[]; shared: string[] } {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^##\s+Layout\s*$/.test(l));
  if (start === -1) return { topLevel: [], nested: [], shared: [] };
  const end = lines.findIndex((l, i) => i > start && /^#{1,2}\s/.test(l));
  const section = lines.slice(0, end === -1 ? undefined : end);
  const listed = foldersIn(firstCodeBlock(section, start));
  const sharedHeading = section.findIndex((l, i) => i > start && /^###\s.*\bshared\/`?\s*$/.test(l));
  return {
    topLevel: [...new Set(listed.map((f) => f.split('/')[0]!))],
    nested: listed.filter((f) => f.includes('/')),
    shared: sharedHeading === -1 ? [] : foldersIn(firstCodeBlock(section, sharedHeading)),
  };
}

/** One .gitignore rule as a test on a path relative to the repository root. */
interface IgnoreRule {
  readonly negate: boolean;
  readonly dirOnly: boolean;
  readonly test: (relative: string) => boolean;
}

/** A gitignore glob as a regular expression: `**` any path, `*` and `?` within one name. */
function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('**')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** The rules of a .gitignore: anchored ones (a slash before the end) match the whole path, the others any name in it. */
function ignoreRules(gitignore: string): IgnoreRule[] {
  return gitignore.split('\n').flatMap((raw): IgnoreRule[] => {
    let line = raw.trim();
    if (!line || line.startsWith('#')) return [];
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    const re = globToRegExp(line.replace(/^\//, ''));
    return [{ negate, dirOnly, test: anchored ? (rel) => re.test(rel) : (rel) => rel.split('/').some((part) => re.test(part)) }];
  });
}

/** Whether git leaves this path (relative to the root) out, by the last rule that matches it. */
function isIgnored(rules: readonly IgnoreRule[], relative: string, isDir: boolean): boolean {
  let ignored = false;
  for (const r of rules) if ((!r.dirOnly || isDir) && r.test(relative)) ignored = !r.negate;
  return ignored;
}

const rules = ignoreRules(readFileSync(path.join(root, '.gitignore'), 'utf8'));

/** The folders of a directory that belong to the repository: no dot-folders, nothing git ignores. */
function foldersOnDisk(relative: string): string[] {
  return readdirSync(path.join(root, relative), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .filter((name) => !isIgnored(rules, relative ? `${relative}/${name}` : name, true))
    .sort();
}

const layout = documentedLayout(readFileSync(path.join(root, 'docs', 'architecture.md'), 'utf8'));

describe("docs/architecture.md's layout", () => {
  it('lists every top-level folder on disk, and no other', () => {
    expect([...layout.topLevel].sort()).toEqual(foldersOnDisk(''));
  });

  it('lists every shared/ folder on disk, and no other', () => {
    expect([...layout.shared].sort()).toEqual(foldersOnDisk('shared'));
  });

  it('names only nested folders that exist (scripts/build, test/api ...)', () => {
    expect(layout.nested.length).toBeGreaterThan(0);
    const missing = layout.nested.filter((f) => !(existsSync(path.join(root, f)) && statSync(path.join(root, f)).isDirectory()));
    expect(missing).toEqual([]);
  });

  // scripts/ and test/ hold one kind of thing per folder: a new kind is a new line in the layout.
  it.each(['scripts', 'test'])('lists every folder of %s/ on disk', (parent) => {
    const listed = layout.nested.filter((f) => f.startsWith(`${parent}/`) && f.split('/').length === 2).map((f) => f.slice(parent.length + 1));
    expect([...listed].sort()).toEqual(foldersOnDisk(parent));
  });

  it('leaves out what git ignores, and sees what it keeps', () => {
    expect(isIgnored(rules, 'node_modules', true)).toBe(true);
    expect(isIgnored(rules, 'dist', true)).toBe(true);
    expect(isIgnored(rules, 'test-artifacts', true)).toBe(true);
    expect(isIgnored(rules, 'web/console/dist', true)).toBe(true);
    expect(isIgnored(rules, 'mock/run.log', false)).toBe(true);
    expect(isIgnored(rules, 'shared', true)).toBe(false);
    expect(isIgnored(rules, 'test', true)).toBe(false);
  });
});

describe('the layout reader itself', () => {
  const page = [
    '# Architecture',
    '## Layout',
    '```',
    'bin/      the CLI',
    'scripts/build/   builds',
    '          (a continuation line)',
    '```',
    '### `shared/`',
    '```',
    'store/    the store',
    'faq/      the FAQ',
    '```',
    '## Next',
    '```',
    'ignored/  another section',
    '```',
  ].join('\n');

  it('reads the top-level, nested and shared/ folders of the section only', () => {
    expect(documentedLayout(page)).toEqual({ topLevel: ['bin', 'scripts'], nested: ['scripts/build'], shared: ['store', 'faq'] });
  });

  it('finds nothing on a page without the section, so the comparisons with the disk fail', () => {
    expect(documentedLayout('# Architecture\nno layout here')).toEqual({ topLevel: [], nested: [], shared: [] });
  });
});
