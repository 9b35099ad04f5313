import { ACTORS } from './routeActors';
import type { DocumentedRoute } from './apiRoutes';
import { compareRoutes, routeKey } from './mountedRoutes';
import { GENERATED_NOTE } from './generatedHeader';

/** A table cell: pipes escaped (also inside code spans, as GitHub's tables need), no line breaks. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/api.md: the routes by caller, one table each, then the functions no request starts. */
export function apiDoc(routes: readonly DocumentedRoute[], timers: readonly string[]): string {
  const lines = [
    '# HTTP API',
    '',
    GENERATED_NOTE,
    '',
    'Every route the local system (`npm run dev`) mounts, grouped by who calls it. The caller is read from',
    'the authentication each route\'s code asks for; the function is the Function Compute function the',
    'custom domain sends the path to (s.yaml); the body is the schema the route validates it with.',
    '',
    'Sessions travel as `Authorization: Bearer <token>`. Every error is `{ code, message, requestId }` with',
    'a code from `shared/errors/errorCatalogue.ts`; every answer carries `x-request-id`.',
    '',
  ];
  lines.push('| caller | routes |', '|---|---|');
  for (const actor of ACTORS) {
    const count = routes.filter((r) => r.actor === actor.id).length;
    if (count) lines.push(`| [${actor.title}](#${anchor(actor.title)}) | ${count} |`);
  }
  for (const actor of ACTORS) {
    const mine = routes.filter((r) => r.actor === actor.id).sort(compareRoutes);
    if (!mine.length) continue;
    lines.push('', `## ${actor.title}`, '', actor.intro, '', '| route | auth | function | body and query | what |', '|---|---|---|---|---|');
    for (const r of mine) {
      const input = [...r.body, ...(r.query.length ? [`query: ${r.query.map((q) => `\`${q}\``).join(', ')}`] : [])].join('; ');
      lines.push(`| \`${routeKey(r)}\` | ${cell(r.auth)} | ${r.functionName ?? 'dev server only'} | ${cell(input || '-')} | ${cell(r.description)} |`);
    }
    if (actor.id === 'public' && timers.length) {
      lines.push('', `No request starts ${timers.map((t) => `\`${t}\``).join(', ')}: a timer trigger does (s.yaml), and \`npm run dev\` runs the same sweep on an interval (\`KEFU_JOBS_INTERVAL_MS\`).`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** GitHub's heading anchor: lower case, spaces to dashes, punctuation dropped. */
const anchor = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

/** The routes api.md lists, read back from its tables (the test compares them with the mounted ones). */
export function documentedRouteKeys(markdown: string): string[] {
  return [...markdown.matchAll(/^\| `([A-Z]+ \/\S*)` \|/gm)].map((m) => m[1]!);
}
