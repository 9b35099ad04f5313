import path from 'node:path';
import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/log';
import { createMemoryStore } from '../../shared/store/drivers';
import { createKefu } from '../../shared/app';
import { createFunctionApp } from '../../functions/_http/createFunctionApp';
import { devRouteGroups } from '../dev/devServer';

/** One route as Hono registered it: `GET /v1/agent/inbox`. */
export interface MountedRoute {
  readonly method: string;
  readonly path: string;
}

/** The key a route is known by in the docs and the description table. */
export const routeKey = (route: MountedRoute): string => `${route.method} ${route.path}`;

/**
 * Every route the dev server answers, read from the Hono app itself (`app.routes`), so a route
 * nobody documented cannot be missed. The groups are the ones scripts/dev/devServer.ts mounts, in
 * the same list (devRouteGroups); nothing is listened on and the store is in memory.
 */
export function mountedRoutes(): MountedRoute[] {
  const config = loadConfig({}, { KEFU_STORE: 'memory', KEFU_TOKEN_SECRET: 'd'.repeat(40), KEFU_LOG_LEVEL: 'silent' });
  const deps = createKefu(config, { store: createMemoryStore(), logger: createLogger({ service: 'docs', level: 'silent' }) });
  const consoleDir = path.resolve(__dirname, '../../web/console/dist');
  const app = createFunctionApp('local', deps, ...devRouteGroups(consoleDir));
  const seen = new Map<string, MountedRoute>();
  // Middleware (`app.use`) registers as ALL; each route's `service(...)` marker and its handler
  // register the same method and path twice.
  for (const r of app.routes) {
    if (r.method === 'ALL') continue;
    const route = { method: r.method, path: r.path };
    seen.set(routeKey(route), route);
  }
  return [...seen.values()].sort(compareRoutes);
}

/** By path, then method: a resource's GET, PUT and DELETE stand together. */
export function compareRoutes(a: MountedRoute, b: MountedRoute): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.method < b.method ? -1 : a.method > b.method ? 1 : 0;
}
