/**
 * A short text summary of a V8 `.cpuprofile` (what `node --cpu-prof` writes), for `bench:api
 * --cpu-prof`: where the server's busy time went, without opening DevTools. Self time is the
 * samples whose top frame is the function; inclusive time counts a sample once for every group
 * that appears anywhere on its stack.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Frames whose inclusive time the summary always shows: the layers a message crosses. */
const KEY_GROUPS: readonly { label: string; match: (f: CallFrame, file: string) => boolean }[] = [
  { label: 'shared/store (driver)', match: (_f, file) => file.startsWith('shared/store/') },
  { label: 'better-sqlite3', match: (_f, file) => file.includes('better-sqlite3') },
  { label: 'shared/conversation', match: (_f, file) => file.startsWith('shared/conversation/') },
  { label: 'shared/nlp', match: (_f, file) => file.startsWith('shared/nlp/') },
  { label: 'shared/faq', match: (_f, file) => file.startsWith('shared/faq/') },
  { label: 'functions/_http', match: (_f, file) => file.startsWith('functions/_http/') },
  { label: 'hono', match: (_f, file) => file.startsWith('hono/') },
  { label: '@hono/node-server', match: (_f, file) => file.startsWith('@hono/node-server/') },
  { label: 'undici (Request/Response)', match: (_f, file) => file.includes('internal/deps/undici') },
  { label: 'web streams', match: (_f, file) => file.includes('internal/webstreams') },
  { label: 'pino + shared/log', match: (_f, file) => file.startsWith('pino') || file.startsWith('shared/log/') },
  { label: 'serviceTypeOfText', match: (f) => f.functionName === 'serviceTypeOfText' },
];

// Not the server's JavaScript: waiting, GC (shown apart) and V8's unattributed native time
// ("(program)", shown apart too: on a busy server much of it is the HTTP parser and socket writes).
const IDLE = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** A path a reader recognises: repo-relative, or `<package>/<file>` under node_modules. */
function shortFile(url: string, root: string): string {
  if (!url) return '(native)';
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) return file.slice(modules + 'node_modules/'.length);
  if (file.startsWith('node:')) return file;
  return path.relative(root, file);
}

export function summariseCpuProfile(file: string, root: string, requests?: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);

  // The key groups on each node's path, computed once per node (memoised up the tree).
  const groupsOf = new Map<number, ReadonlySet<number>>();
  const groupsOnPath = (id: number): ReadonlySet<number> => {
    const known = groupsOf.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const up = parent.get(id);
    const set = new Set(up === undefined ? [] : groupsOnPath(up));
    const f = shortFile(node.callFrame.url, root);
    KEY_GROUPS.forEach((g, i) => {
      if (g.match(node.callFrame, f)) set.add(i);
    });
    groupsOf.set(id, set);
    return set;
  };

  const self = new Map<string, number>();
  const files = new Map<string, number>();
  const inclusive = new Array<number>(KEY_GROUPS.length).fill(0);
  let busy = 0;
  let total = 0;
  let gc = 0;
  let program = 0;
  profile.samples.forEach((id, i) => {
    // timeDeltas[i] is the time before sample i; attributing it to sample i is V8's convention.
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    const node = byId.get(id)!;
    const name = node.callFrame.functionName || '(anonymous)';
    if (name === '(garbage collector)') gc += us;
    if (name === '(program)') program += us;
    if (IDLE.has(name)) return;
    busy += us;
    const f = shortFile(node.callFrame.url, root);
    const key = `${name} ${f}:${node.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
    files.set(f, (files.get(f) ?? 0) + us);
    for (const g of groupsOnPath(id)) inclusive[g]! += us;
  });

  const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
  const pct = (us: number) => `${((us / Math.max(busy, 1)) * 100).toFixed(1).padStart(5)}%`;
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `  ${ms(us)} ms ${pct(us)}  ${k}`);
  const perRequest = requests ? `; ${((busy + gc + program) / 1000 / requests).toFixed(3)} ms CPU (busy+GC+program) per request (${requests} requests)` : '';
  return [
    `server CPU profile: ${file}`,
    `JS busy ${ms(busy).trim()} ms of ${ms(total).trim()} ms sampled; GC ${ms(gc).trim()} ms and (program) ${ms(program).trim()} ms apart${perRequest}`,
    '(% are of JS busy time)',
    'top self time (function file:line):',
    ...top(self, 15),
    'top files by self time:',
    ...top(files, 10),
    'inclusive time of key frames:',
    ...KEY_GROUPS.map((g, i) => `  ${ms(inclusive[i]!)} ms ${pct(inclusive[i]!)}  ${g.label}`),
  ].join('\n');
}
