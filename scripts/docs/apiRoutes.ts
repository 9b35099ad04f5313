import path from 'node:path';
import { actorOf, type ActorId } from './routeActors';
import { mountedRoutes, routeKey, type MountedRoute } from './mountedRoutes';
import { routeDescriptions } from './routeDescriptions';
import { RouteFunctions } from './routeFunctions';
import { routeSources, type RouteSource, type SchemaRef } from './routeSource';
import { schemaFields } from './schemaFields';

/** Everything api.md says about one route. */
export interface DocumentedRoute extends MountedRoute {
  readonly actor: ActorId;
  readonly auth: string;
  /** The FC function the custom domain sends it to; undefined for the dev server's own routes. */
  readonly functionName: string | undefined;
  readonly body: readonly string[];
  readonly query: readonly string[];
  readonly description: string;
  readonly at: readonly string[];
}

/** The folders whose files register routes: the functions and the dev server's own. */
export const ROUTE_FOLDERS = ['functions', 'scripts/dev'] as const;

/**
 * Every mounted route with what its code says. Problems (a route without a description, a
 * description or registration of a route nobody mounts, two registrations that disagree) are
 * collected, not thrown one by one, so a run names all of them.
 */
export function apiRoutes(root: string): { routes: DocumentedRoute[]; timers: readonly string[]; problems: string[] } {
  const problems: string[] = [];
  const mounted = mountedRoutes();
  const mountedKeys = new Set(mounted.map(routeKey));
  const sources = new Map<string, RouteSource[]>();
  for (const source of routeSources(root, ROUTE_FOLDERS)) {
    const key = routeKey(source);
    if (!mountedKeys.has(key)) problems.push(`${key} is registered at ${source.at} but the dev server does not mount it (add its group to scripts/dev/allRoutes.ts)`);
    sources.set(key, [...(sources.get(key) ?? []), source]);
  }
  for (const key of Object.keys(routeDescriptions)) {
    if (!mountedKeys.has(key)) problems.push(`scripts/docs/routeDescriptions.ts describes ${key}, which is not mounted`);
  }
  const functions = new RouteFunctions(root);
  const routes: DocumentedRoute[] = [];
  for (const route of mounted) {
    const key = routeKey(route);
    const description = routeDescriptions[key];
    if (!description) problems.push(`${key} has no description: add one to scripts/docs/routeDescriptions.ts`);
    const found = sources.get(key) ?? [];
    const first = found[0];
    if (!first) {
      problems.push(`${key} is mounted but no \`app.${route.method.toLowerCase()}(...)\` for it was found under ${ROUTE_FOLDERS.join(', ')}`);
      continue;
    }
    const who = actorOf(first.roles, first.refusals);
    for (const other of found.slice(1)) {
      if (actorOf(other.roles, other.refusals).auth !== who.auth) problems.push(`${key} is registered at ${first.at} and ${other.at} with different authentication`);
    }
    routes.push({
      ...route,
      ...who,
      functionName: functions.of(route.path),
      body: bodyOf(root, first, problems),
      query: first.query,
      description: description ?? '',
      at: found.map((s) => s.at),
    });
  }
  return { routes, timers: functions.timers, problems };
}

function bodyOf(root: string, source: RouteSource, problems: string[]): string[] {
  const bodies = source.bodySchemas.map((ref) => `\`${ref.name}\`: ${fieldsOf(root, ref, source, problems)}`);
  return source.multipart ? [...bodies, 'multipart form'] : bodies;
}

function fieldsOf(root: string, ref: SchemaRef, source: RouteSource, problems: string[]): string {
  if (!ref.module) {
    problems.push(`${source.at}: cannot find where the schema ${ref.name} is declared`);
    return '';
  }
  // The route files import their schemas by name; the schema object itself says the fields.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const schema = (require(path.join(root, ref.module)) as Record<string, unknown>)[ref.name];
  return schema === undefined ? `see ${ref.module}` : schemaFields(schema);
}
