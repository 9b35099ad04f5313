import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type * as esbuildModule from 'esbuild';
import { KefuError } from '../../shared/errors';
import type { RouteGroup } from '../_http/createFunctionApp';
import { service } from '../_http/createFunctionApp';

const h5Dir = path.resolve(__dirname, '../../web/h5');

/**
 * The H5 chat page at /h5/. With `builtDir` (the deployed `web` function) it serves the page and
 * its script as built by `npm run build:functions`; without it (the local system) the page's
 * TypeScript is bundled by esbuild on the first request and kept in memory. Either way the page
 * calls the API on the origin it was loaded from.
 */
export function h5Routes(builtDir?: string): RouteGroup {
  return builtDir ? builtH5Routes(builtDir) : devH5Routes;
}

/** The file names `npm run build:functions` writes for the page. */
export const H5_FILES = ['index.html', 'main.js'] as const;

function builtH5Routes(dir: string): RouteGroup {
  return (app) => {
    const svc = service('web');
    const read = (name: (typeof H5_FILES)[number]) => {
      const file = path.join(dir, name);
      if (!existsSync(file)) throw new KefuError('ROUTE_NOT_FOUND', 'H5 页面尚未构建,请运行 npm run build:functions');
      return readFileSync(file, 'utf8');
    };
    app.get('/h5', svc, (c) => c.redirect('/h5/'));
    app.get('/h5/', svc, (c) => c.html(read('index.html'), 200, { 'cache-control': 'no-cache' }));
    app.get('/h5/main.js', svc, (c) => c.body(read('main.js'), 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }));
  };
}

/** The page's bundle as the deployed function ships it, and as the dev server makes it. */
export async function bundleH5(build: typeof esbuildModule.build, minify: boolean): Promise<string> {
  const out = await build({
    entryPoints: [path.join(h5Dir, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    minify,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

export const h5PageFile = path.join(h5Dir, 'index.html');

const devH5Routes: RouteGroup = (app) => {
  let bundle: Promise<string> | undefined;
  const build = async (): Promise<string> => {
    // Loaded on demand: esbuild is a development tool, never part of a deployed function.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return bundleH5((require('esbuild') as typeof esbuildModule).build, false);
  };
  app.get('/h5', service('local'), (c) => c.redirect('/h5/'));
  app.get('/h5/', service('local'), (c) => c.html(readFileSync(h5PageFile, 'utf8')));
  app.get('/h5/main.js', service('local'), async (c) => {
    bundle ??= build().catch((err: unknown) => {
      bundle = undefined;
      throw err;
    });
    return c.body(await bundle, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
  });
};
