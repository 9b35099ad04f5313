import type { RouteGroup } from '../../functions/_http/createFunctionApp';
import { authRoutes } from '../../functions/auth/authRoutes';
import { messageRoutes } from '../../functions/message/messageRoutes';
import { eventsRoutes } from '../../functions/events/eventsRoutes';
import { agentRoutes } from '../../functions/agent/agentRoutes';
import { understandRoutes } from '../../functions/understand/understandRoutes';
import { faqRoutes } from '../../functions/faq/faqRoutes';
import { merchantRoutes } from '../../functions/merchant/merchantRoutes';
import { proactiveEventRoutes } from '../../functions/merchant/proactiveEventRoutes';
import { operatorRoutes } from '../../functions/merchant/operatorRoutes';
import { entryIconRoutes } from '../../functions/merchant/entryIconRoutes';
import { flowSettingsRoutes } from '../../functions/merchant/flowSettingsRoutes';
import { statsRoutes } from '../../functions/stats/statsRoutes';

/** Every function's routes, as the dev server mounts them together. Add new functions here. */
export const allRoutes: Readonly<Record<string, RouteGroup>> = {
  auth: authRoutes,
  message: messageRoutes,
  events: eventsRoutes,
  agent: agentRoutes,
  understand: understandRoutes,
  faq: faqRoutes,
  merchant: merchantRoutes,
  proactiveEvents: proactiveEventRoutes,
  operator: operatorRoutes,
  entryIcon: entryIconRoutes,
  flowSettings: flowSettingsRoutes,
  stats: statsRoutes,
};
