import { functionHandler } from '../_runtime/functionHandler';
import { agentRoutes } from './agentRoutes';

/** Function Compute entry (handler: index.handler). */
export const handler = functionHandler('agent', [agentRoutes]);
