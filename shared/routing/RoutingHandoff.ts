import type { Conversation } from '../schemas';
import type { HandoffPlan, HandoffRouter } from '../conversation';
import type { RoutingService } from './RoutingService';
import { describeOpening, nextOpening } from './businessHours';

/** Routing's answer to the conversation module's hand-off port: the group, the notice, the place. */
export class RoutingHandoff implements HandoffRouter {
  constructor(private readonly routing: RoutingService) {}

  async plan(conversation: Conversation, texts: readonly string[], now: Date): Promise<HandoffPlan> {
    // One read of the settings serves the routing decision and the business-hours notice.
    const settings = await this.routing.settings(conversation.tenant);
    const routing = await this.routing.decide(conversation.tenant, conversation, texts, undefined, settings);
    const opening = nextOpening(settings.businessHours, now);
    const notice = opening
      ? `当前为非服务时间,人工客服将于${describeOpening(opening, now)}起为您服务。您可以直接留言,我们上班后第一时间处理。`
      : '正在为您转接人工客服,请稍候';
    if (!routing) return { notice };
    return { routing, notice, place: await this.routing.position(conversation.tenant, routing, conversation.id) };
  }
}
