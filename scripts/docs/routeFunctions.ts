import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface DomainRoute {
  readonly path: string;
  readonly functionName: string;
}

/**
 * The Function Compute function that serves each path on the custom domain, read from s.yaml's
 * `domain` route table and resolved the way FC does: an exact path first, then the longest
 * `/prefix/*`. A path the domain does not route (the dev server's own `/`) has none.
 */
export class RouteFunctions {
  private readonly routes: readonly DomainRoute[];
  /** Functions started by a timer trigger instead of a request. */
  readonly timers: readonly string[];

  constructor(root: string) {
    const doc = parse(readFileSync(path.join(root, 's.yaml'), 'utf8')) as { resources: Record<string, { props: Record<string, unknown> }> };
    const table = (doc.resources['domain']?.props['routeConfig'] as { routes?: DomainRoute[] } | undefined)?.routes ?? [];
    // `${resources.message.props.functionName}` names the resource, which is the function's folder.
    this.routes = table.map((r) => ({ path: r.path, functionName: /^\$\{resources\.([\w-]+)\.props\.functionName\}$/.exec(r.functionName)?.[1] ?? r.functionName }));
    this.timers = Object.entries(doc.resources)
      .filter(([, r]) => ((r.props['triggers'] as { triggerType?: string }[] | undefined) ?? []).some((t) => t.triggerType === 'timer'))
      .map(([name]) => name)
      .sort();
  }

  /** The function behind a route's path (`:id` segments match any one segment, as requests do). */
  of(routePath: string): string | undefined {
    const sample = routePath.replace(/:[A-Za-z]+/g, 'x');
    const exact = this.routes.find((r) => !r.path.endsWith('*') && r.path === sample);
    if (exact) return exact.functionName;
    const prefixes = this.routes.filter((r) => r.path.endsWith('*') && sample.startsWith(r.path.slice(0, -1)));
    return prefixes.sort((a, b) => b.path.length - a.path.length)[0]?.functionName;
  }
}
