import type { Principal } from '../auth';
import type { CustomerData, CustomerEvent } from '../customer';
import type { FaqService } from './FaqService';
import { predictQuestions, type PredictedQuestion } from './predictQuestions';

export interface PredictedQuestionsDeps {
  readonly faq: FaqService;
  /**
   * Where a user's recent events come from, the first winning a tie: what the merchant told us
   * (business events) and what its systems know (the customer-data API).
   */
  readonly sources: readonly Pick<CustomerData, 'recentEvents'>[];
  /** Refuses a conversation that is not the user's own (CONVERSATION_NOT_FOUND). */
  readonly ownConversation: (user: Principal, conversationId: string) => Promise<unknown>;
  readonly clock?: () => Date;
}

/** 猜你想问 for a user's conversation as the chat opens (GET /v1/conversations/:id/predicted-questions). */
export class PredictedQuestions {
  private readonly events: Pick<CustomerData, 'recentEvents'>;

  constructor(private readonly d: PredictedQuestionsDeps) {
    this.events = {
      recentEvents: async (tenant, userId, since) => {
        const lists: CustomerEvent[][] = await Promise.all(d.sources.map((s) => s.recentEvents(tenant, userId, since)));
        // Newest first; a stable sort keeps the earlier source first on the same instant.
        return lists.flat().sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
      },
    };
  }

  async forConversation(user: Principal, conversationId: string): Promise<PredictedQuestion[]> {
    await this.d.ownConversation(user, conversationId);
    return predictQuestions(this.d.faq, this.events, user.tenant, user.id, (this.d.clock ?? (() => new Date()))());
  }
}
