import type { Principal } from '../auth';
import type { Conversation } from '../schemas';
import { computeMetrics, metricDefinitions, metricGoals, type Metrics } from './computeMetrics';

export interface QualityOverview {
  readonly metrics: Metrics;
  readonly goals: typeof metricGoals;
  readonly definitions: typeof metricDefinitions;
}

/** The supervisors' quality figures of a period (GET /v1/stats/overview). */
export class QualityDashboard {
  constructor(
    /** The merchant's conversations opened at or after a time (ConversationQueries.conversationsSince). */
    private readonly conversationsSince: (staff: Principal, since: Date) => Promise<Conversation[]>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * The figures of [from, to) with their goals and definitions. Only conversations opened from
   * `from` on are read: a period's first-contact and verified figures look at later ones (a return
   * within 24 h), never at earlier ones.
   */
  async overview(staff: Principal, from: Date, to: Date): Promise<QualityOverview> {
    const conversations = await this.conversationsSince(staff, from);
    return { metrics: computeMetrics(conversations, from, to, this.clock()), goals: metricGoals, definitions: metricDefinitions };
  }
}
