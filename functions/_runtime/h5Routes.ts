import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as esbuildModule from 'esbuild';
import type { RouteGroup } from '../_http/createFunctionApp';
import { service } from '../_http/createFunctionApp';

const h5Dir = path.resolve(__dirname, '../../web/h5');

/**
 * The H5 chat page at /h5/, for the local system only: the page's TypeScript is bundled by esbuild
 * on the first request and kept in memory (deployments host the built page as static files).
 */
export const h5Routes: RouteGroup = (app) => {
  let bundle: Promise<string> | undefined;
  const build = async (): Promise<string> => {
    // Loaded on demand: esbuild is a development tool, never part of a deployed function.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require('esbuild') as typeof esbuildModule;
    const out = await esbuild.build({
      entryPoints: [path.join(h5Dir, 'main.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2020',
      platform: 'browser',
      logLevel: 'silent',
    });
    return out.outputFiles[0]!.text;
  };
  app.get('/h5', service('local'), (c) => c.redirect('/h5/'));
  app.get('/h5/', service('local'), (c) => c.html(readFileSync(path.join(h5Dir, 'index.html'), 'utf8')));
  app.get('/h5/main.js', service('local'), async (c) => {
    bundle ??= build().catch((err: unknown) => {
      bundle = undefined;
      throw err;
    });
    return c.body(await bundle, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
  });
};
