import { functionHandler } from '../_runtime/functionHandler';
import { authRoutes } from './authRoutes';

/** Function Compute entry (handler: index.handler). */
export const handler = functionHandler('auth', [authRoutes]);
