import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderDocs, REPO_ROOT } from '../../scripts/docs/renderDocs';
import { documentedRouteKeys } from '../../scripts/docs/apiDoc';
import { mountedRoutes, routeKey } from '../../scripts/docs/mountedRoutes';

const committed = (file: string): string => readFileSync(path.join(REPO_ROOT, file), 'utf8');

describe('generated docs', () => {
  // One render for both checks: it builds the dev server's app and reads the route files.
  let rendered: ReturnType<typeof renderDocs>;
  beforeAll(() => {
    rendered = renderDocs();
  }, 60_000);

  it('has a description for every route and config key, and nothing described that is not there', () => {
    expect(rendered.problems).toEqual([]);
  });

  it.each(['docs/api.md', 'docs/configuration.md'])('%s is what `npm run docs` writes now', (file) => {
    const fresh = rendered.files.get(file);
    expect(fresh).toBeDefined();
    if (committed(file) !== fresh) throw new Error(`${file} is stale: run \`npm run docs\` and commit the result`);
  });

  it('lists in docs/api.md exactly the routes the dev server mounts', () => {
    const documented = documentedRouteKeys(committed('docs/api.md'));
    const mounted = mountedRoutes().map(routeKey);
    expect(new Set(documented).size).toBe(documented.length);
    expect({ missing: mounted.filter((k) => !documented.includes(k)), extra: documented.filter((k) => !mounted.includes(k)) }).toEqual({ missing: [], extra: [] });
  }, 60_000);
});
