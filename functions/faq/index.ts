import { functionHandler } from '../_runtime/functionHandler';
import { faqRoutes } from './faqRoutes';

/** Function Compute entry (handler: index.handler). */
export const handler = functionHandler('faq', [faqRoutes]);
