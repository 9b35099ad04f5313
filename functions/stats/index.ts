import { functionHandler } from '../_runtime/functionHandler';
import { statsRoutes } from './statsRoutes';

/** Function Compute entry (handler: index.handler). */
export const handler = functionHandler('stats', [statsRoutes]);
