import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// The README is the front door (issue 23): short, and every relative link in it and in docs/ must
// land inside the repository, since a fresh clone has nothing beside it (../shared is absent there).

const root = path.resolve(__dirname, '../..');
const README_MAX_LINES = 160;

/** A link as written in a markdown file, with the line it is on. */
interface Link {
  readonly target: string;
  readonly line: number;
}

/** Markdown without fenced code blocks (lines blanked, so line numbers stay) and inline code spans. */
function proseOf(markdown: string): string {
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence === undefined && marker) {
        fence = marker;
        return '';
      }
      if (fence !== undefined) {
        if (line.trim().startsWith(fence)) fence = undefined;
        return '';
      }
      return line.replace(/(`+)[^`]*?\1/g, '');
    })
    .join('\n');
}

/** Inline links and images `[text](target "title")` and reference definitions `[id]: target`. */
function linksOf(markdown: string): Link[] {
  const links: Link[] = [];
  proseOf(markdown)
    .split('\n')
    .forEach((text, i) => {
      for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ target: m[1]!, line: i + 1 });
      const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/.exec(text);
      if (definition) links.push({ target: definition[1]!, line: i + 1 });
    });
  return links;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
function slugOf(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '').replace(/\s/g, '-');
}

/** The anchors a markdown file's headings give, repeated headings numbered as GitHub does. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseOfHeadings(markdown)) {
    const slug = slugOf(line);
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** Heading texts outside code blocks (code spans kept: their text is part of the anchor). */
function proseOfHeadings(markdown: string): string[] {
  const headings: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker) fence = marker;
    else if (fence !== undefined) {
      if (line.trim().startsWith(fence)) fence = undefined;
    } else {
      const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (h) headings.push(h[1]!);
    }
  }
  return headings;
}

/**
 * What is wrong with one link of `file` (a path inside `repoRoot`), or undefined when it resolves:
 * a relative link must name a file or folder inside the repository, and an anchor a heading.
 */
function linkProblem(repoRoot: string, file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto: ... are not files
  if (target.startsWith('//')) return 'a protocol-relative address';
  const hash = target.indexOf('#');
  const pathPart = decodeURI(hash === -1 ? target : target.slice(0, hash));
  const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
  if (pathPart.startsWith('/')) return 'an absolute path (viewers resolve it differently; write it relative)';
  const resolved = pathPart === '' ? file : path.resolve(path.dirname(file), pathPart);
  const inside = path.relative(repoRoot, resolved);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return `points outside the repository (${inside})`;
  if (!existsSync(resolved)) return `no such file or folder: ${inside}`;
  if (anchor !== undefined && anchor !== '' && statSync(resolved).isFile() && resolved.endsWith('.md')) {
    if (!anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)) return `no heading #${anchor} in ${inside}`;
  }
  return undefined;
}

/** Every broken link of the given markdown files, as `file:line target: why`. */
function brokenLinks(repoRoot: string, files: readonly string[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    for (const link of linksOf(readFileSync(file, 'utf8'))) {
      const why = linkProblem(repoRoot, file, link.target);
      if (why) problems.push(`${path.relative(repoRoot, file)}:${link.line} ${link.target}: ${why}`);
    }
  }
  return problems;
}

const docsDir = path.join(root, 'docs');
const documents = [path.join(root, 'README.md'), ...readdirSync(docsDir).filter((f) => f.endsWith('.md')).map((f) => path.join(docsDir, f))];

describe('README.md and docs/', () => {
  it(`README.md has at most ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync(path.join(root, 'README.md'), 'utf8').replace(/\n$/, '').split('\n').length;
    expect(lines).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('README.md starts with the two commands a newcomer runs', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readFileSync(path.join(root, 'README.md'), 'utf8'));
    const commands = (firstBlock?.[1] ?? '').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
    expect(commands).toEqual(['npm install && npm run dev', 'npm test']);
  });

  it('links into docs/ from the README', () => {
    const targets = linksOf(readFileSync(path.join(root, 'README.md'), 'utf8')).map((l) => l.target.split('#')[0]);
    for (const doc of ['architecture.md', 'api.md', 'configuration.md', 'deploy.md', 'miniprogram.md', 'benchmarks.md']) expect(targets).toContain(`docs/${doc}`);
  });

  it('every relative link resolves to a file or folder inside the repository', () => {
    expect(documents.length).toBeGreaterThan(1);
    expect(brokenLinks(root, documents)).toEqual([]);
  });
});

describe('the link check itself', () => {
  const file = path.join(root, 'docs', 'architecture.md');

  it('reports a missing file, an escape from the repository, an absolute path and a missing heading', () => {
    expect(linkProblem(root, file, 'no-such-page.md')).toMatch(/no such file/);
    // ../shared beside the checkout exists on a developer's machine: it is still outside the repository.
    expect(linkProblem(root, file, '../../shared/ARCHITECTURE.md')).toMatch(/outside the repository/);
    expect(linkProblem(root, file, '/docs/deploy.md')).toMatch(/absolute path/);
    expect(linkProblem(root, file, 'deploy.md#no-such-heading')).toMatch(/no heading/);
  });

  it('accepts a folder, a file with a heading, an anchor on the same page and web addresses', () => {
    expect(linkProblem(root, file, '../miniprogram/')).toBeUndefined();
    expect(linkProblem(root, file, 'deploy.md#1-tablestore')).toBeUndefined();
    expect(linkProblem(root, file, '#layout')).toBeUndefined();
    expect(linkProblem(root, file, 'https://example.com/x.md')).toBeUndefined();
  });

  it('finds links in prose, not in code', () => {
    const markdown = ['See [a](a.md) and ![b](img/b.png "B").', '```', '[c](c.md)', '```', 'Inline `[d](d.md)` is code.', '[e]: e.md'].join('\n');
    expect(linksOf(markdown)).toEqual([
      { target: 'a.md', line: 1 },
      { target: 'img/b.png', line: 1 },
      { target: 'e.md', line: 6 },
    ]);
  });

  it('makes anchors as GitHub does', () => {
    expect(slugOf('Storage: one partition per conversation')).toBe('storage-one-partition-per-conversation');
    expect(slugOf('bench:coldstart')).toBe('benchcoldstart');
    expect(slugOf('Merchants (tenants)')).toBe('merchants-tenants');
    expect(slugOf('6. Mini-program')).toBe('6-mini-program');
    expect(slugOf('The `kefu` command line')).toBe('the-kefu-command-line');
    expect([...anchorsOf('# A\n## A\n```\n# B\n```')]).toEqual(['a', 'a-1']);
  });
});
