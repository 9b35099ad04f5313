import { functionHandler } from '../_runtime/functionHandler';
import { understandRoutes } from './understandRoutes';

/** Function Compute entry (handler: index.handler). */
export const handler = functionHandler('understand', [understandRoutes]);
