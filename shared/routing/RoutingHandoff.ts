import type { Conversation, RoutingInfo } from '../schemas';
import type { HandoffRouter } from '../conversation/ports';
import type { RoutingService } from './RoutingService';
import { describeOpening, nextOpening } from './businessHours';

/** Routing's answer to the conversation module's hand-off port: the group, the notice, the place. */
export class RoutingHandoff implements HandoffRouter {
  constructor(private readonly routing: RoutingService) {}

  route(conversation: Conversation, texts: readonly string[]): Promise<RoutingInfo | undefined> {
    return this.routing.decide(conversation.tenant, conversation, texts);
  }

  async queuedNotice(tenant: string, now: Date): Promise<string> {
    const opening = nextOpening((await this.routing.settings(tenant)).businessHours, now);
    return opening
      ? `当前为非服务时间,人工客服将于${describeOpening(opening, now)}起为您服务。您可以直接留言,我们上班后第一时间处理。`
      : '正在为您转接人工客服,请稍候';
  }

  placeFor(tenant: string, info: RoutingInfo, conversationId: string): Promise<{ position: number; estimatedWaitSeconds: number }> {
    return this.routing.position(tenant, info, conversationId);
  }
}
