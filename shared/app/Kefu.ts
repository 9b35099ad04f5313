import type { KefuConfig } from '../config';
import type { Logger } from '../log';
import type { Store } from '../store';
import type { Notifier } from '../realtime';
import type { SessionTokens } from '../auth';
import type { AccountService, Session, TenantOnboarding } from '../accounts';
import type { Conversations } from './wireConversations';
import type { FaqService, PredictedQuestions } from '../faq';
import type { CustomerData, CustomerPanel } from '../customer';
import type { RoutingService, SupervisorBoard } from '../routing';
import type { MediaService } from '../media';
import type { AlipayLogin, AlipayOpenApi } from '../alipay';
import type { ReplyNotifier } from '../push';
import type { ProactiveService } from '../proactive';
import type { MerchantSettings } from '../merchant';
import type { AuditLog } from '../audit';
import type { QualityDashboard } from '../metrics';
import type { LeaveMessageBook, LeaveMessageDesk } from '../leaveMessage';

/**
 * One Kefu instance: everything the functions' routes, the dev server and the CLI need, built once
 * per process (a function's cold start) by `createKefu`. The routes know it as `AppDeps`.
 */
export interface Kefu {
  readonly config: KefuConfig;
  readonly logger: Logger;
  readonly store: Store;
  readonly notifier: Notifier;
  readonly tokens: SessionTokens;
  readonly accounts: AccountService;
  /** The conversation kernel and its use-cases: users, bot, agents, assignment, timers, queries. */
  readonly conversations: Conversations;
  readonly faq: FaqService;
  /** 猜你想问 when a chat opens. */
  readonly predictedQuestions: PredictedQuestions;
  readonly customers: CustomerData;
  /** The workbench's view of one customer (permission-checked and audited). */
  readonly customerPanel: CustomerPanel;
  readonly routing: RoutingService;
  /** Queues, presence and load as supervisors watch them (read only). */
  readonly board: SupervisorBoard;
  /** The quality figures of a period, with their goals. */
  readonly dashboard: QualityDashboard;
  readonly media: MediaService;
  /** Alipay's OpenAPI, when configured (Alipay login). */
  readonly alipay?: AlipayOpenApi;
  /** The mini-program's login with an Alipay auth code (LOGIN_UNAVAILABLE without an Alipay app). */
  readonly alipayLogin: AlipayLogin<Session>;
  /** Alipay messages to users who left the chat when an agent replies. */
  readonly replyNotifier: ReplyNotifier;
  /** Merchants' business events, their rules, and the messages they schedule. */
  readonly proactive: ProactiveService;
  /** The merchant's settings (entry button, canned replies, customer API, notifications): the owner of merchantConfig. */
  readonly merchantSettings: MerchantSettings;
  /** Who viewed whose personal data: the owner of the audit rows. */
  readonly audit: AuditLog;
  /** 留言 tickets: what users left instead of waiting, and the staff's answers. */
  readonly leaveMessages: LeaveMessageBook;
  /** 留言 left by users and answered by staff, in their conversations. */
  readonly leaveMessageDesk: LeaveMessageDesk;
  /** Creating and listing merchants (the operator API). */
  readonly onboarding: TenantOnboarding;
}
