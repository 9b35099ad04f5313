import { functionHandler } from '../_runtime/functionHandler';
import { merchantRoutes } from './merchantRoutes';
import { proactiveEventRoutes } from './proactiveEventRoutes';
import { operatorRoutes } from './operatorRoutes';
import { entryIconRoutes } from './entryIconRoutes';
import { flowSettingsRoutes } from './flowSettingsRoutes';

/** Function Compute entry (handler: index.handler). */
export const handler = functionHandler('merchant', [merchantRoutes, proactiveEventRoutes, operatorRoutes, entryIconRoutes, flowSettingsRoutes]);
