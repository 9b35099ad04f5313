import { functionHandler } from '../_runtime/functionHandler';
import { merchantRoutes } from './merchantRoutes';
import { eventRoutes } from './eventRoutes';
import { operatorRoutes } from './operatorRoutes';
import { entryIconRoutes } from './entryIconRoutes';
import { flowSettingsRoutes } from './flowSettingsRoutes';

/** Function Compute entry (handler: index.handler). */
export const handler = functionHandler('merchant', [merchantRoutes, eventRoutes, operatorRoutes, entryIconRoutes, flowSettingsRoutes]);
