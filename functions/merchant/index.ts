import { functionHandler } from '../_runtime/functionHandler';
import { merchantRoutes } from './merchantRoutes';

/** Function Compute entry (handler: index.handler). */
export const handler = functionHandler('merchant', [merchantRoutes]);
