import { functionHandler } from '../_runtime/functionHandler';
import { parseRoutes } from './parseRoutes';

/** Function Compute entry (handler: index.handler). */
export const handler = functionHandler('parse', [parseRoutes]);
