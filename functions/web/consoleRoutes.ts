import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { KefuError } from '../../shared/errors';
import type { RouteGroup } from '../_http/createFunctionApp';
import { service } from '../_http/createFunctionApp';

const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };

/**
 * The console at /console/: the Vite build in `dir` served as static files (hashed assets cached
 * for a year, the page itself never). The dev server serves web/console/dist; the deployed `web`
 * function its own copy, so the console calls the API on the one custom domain it is loaded from.
 */
export function consoleRoutes(dir: string): RouteGroup {
  return (app) => {
    const svc = service('web');
    const file = (rel: string) => {
      const full = path.resolve(dir, rel);
      // Only files inside the build folder.
      if (!full.startsWith(path.resolve(dir) + path.sep) || !existsSync(full)) return undefined;
      return readFileSync(full);
    };
    app.get('/console', svc, (c) => c.redirect('/console/'));
    app.get('/console/', svc, (c) => {
      const html = file('index.html');
      if (!html) throw new KefuError('ROUTE_NOT_FOUND', '控制台尚未构建,请运行 npm run build:console');
      return c.body(Uint8Array.from(html), 200, { 'content-type': types['.html']!, 'cache-control': 'no-cache' });
    });
    app.get('/console/assets/:name', svc, (c) => {
      const name = c.req.param('name');
      const body = /^[\w.-]+$/.test(name) ? file(path.join('assets', name)) : undefined;
      if (!body) throw new KefuError('ROUTE_NOT_FOUND');
      return c.body(Uint8Array.from(body), 200, { 'content-type': types[path.extname(name)] ?? 'application/octet-stream', 'cache-control': 'public, max-age=31536000, immutable' });
    });
  };
}
