import path from 'node:path';
import { functionHandler } from '../_runtime/functionHandler';
import { consoleRoutes } from './consoleRoutes';
import { h5Routes } from './h5Routes';

/**
 * Function Compute entry (handler: index.handler): the console and the H5 chat page, built into
 * this function's folder by `npm run build:functions` (static/console, static/h5). Served behind
 * the same custom domain as the API, they call it on their own origin: one HTTPS domain for the
 * mini-program, the H5 page and the console (s.yaml's domain routes /console/* and /h5/* here).
 */
export const WEB_STATIC_DIR = path.join(__dirname, 'static');

export const handler = functionHandler('web', [consoleRoutes(path.join(WEB_STATIC_DIR, 'console')), h5Routes(path.join(WEB_STATIC_DIR, 'h5'))]);
