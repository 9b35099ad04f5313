import { functionHandler } from '../_runtime/functionHandler';
import { pushRoutes } from './pushRoutes';

/** Function Compute entry (handler: index.handler). */
export const handler = functionHandler('push', [pushRoutes]);
