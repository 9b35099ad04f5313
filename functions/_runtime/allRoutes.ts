import type { RouteGroup } from '../_http/createFunctionApp';
import { authRoutes } from '../auth/authRoutes';
import { messageRoutes } from '../message/messageRoutes';
import { pushRoutes } from '../push/pushRoutes';
import { agentRoutes } from '../agent/agentRoutes';
import { parseRoutes } from '../parse/parseRoutes';
import { faqRoutes } from '../faq/faqRoutes';
import { merchantRoutes } from '../merchant/merchantRoutes';
import { eventRoutes } from '../merchant/eventRoutes';
import { operatorRoutes } from '../merchant/operatorRoutes';
import { statsRoutes } from '../stats/statsRoutes';

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
  stats: statsRoutes,
};
