import { functionHandler } from '../_runtime/functionHandler';
import { messageRoutes } from './messageRoutes';

/** Function Compute entry (handler: index.handler). */
export const handler = functionHandler('message', [messageRoutes]);
