import type { RouteGroup } from '../../functions/_http/createFunctionApp';
import { authRoutes } from '../../functions/auth/authRoutes';
import { messageRoutes } from '../../functions/message/messageRoutes';
import { pushRoutes } from '../../functions/push/pushRoutes';
import { agentRoutes } from '../../functions/agent/agentRoutes';
import { parseRoutes } from '../../functions/parse/parseRoutes';
import { faqRoutes } from '../../functions/faq/faqRoutes';
import { merchantRoutes } from '../../functions/merchant/merchantRoutes';
import { eventRoutes } from '../../functions/merchant/eventRoutes';
import { operatorRoutes } from '../../functions/merchant/operatorRoutes';
import { entryIconRoutes } from '../../functions/merchant/entryIconRoutes';
import { flowSettingsRoutes } from '../../functions/merchant/flowSettingsRoutes';
import { statsRoutes } from '../../functions/stats/statsRoutes';

/** Every function's routes, as the dev server mounts them together. Add new functions here. */
export const allRoutes: Readonly<Record<string, RouteGroup>> = {
  auth: authRoutes,
  message: messageRoutes,
  push: pushRoutes,
  agent: agentRoutes,
  parse: parseRoutes,
  faq: faqRoutes,
  merchant: merchantRoutes,
  events: eventRoutes,
  operator: operatorRoutes,
  entryIcon: entryIconRoutes,
  flowSettings: flowSettingsRoutes,
  stats: statsRoutes,
};
