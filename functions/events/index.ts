import { functionHandler } from '../_runtime/functionHandler';
import { eventsRoutes } from './eventsRoutes';

/** Function Compute entry (handler: index.handler). */
export const handler = functionHandler('events', [eventsRoutes]);
