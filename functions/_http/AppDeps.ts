import type { KefuConfig } from '../../shared/config';
import type { Logger } from '../../shared/log';
import type { Store } from '../../shared/store';
import type { Notifier } from '../../shared/realtime';
import type { Principal, SessionTokens } from '../../shared/auth';
import type { AccountService } from '../../shared/accounts';
import type { Conversations } from '../../shared/app/wireConversations';
import type { FaqService } from '../../shared/faq/FaqService';
import type { CustomerData } from '../../shared/customer/CustomerData';
import type { RoutingService } from '../../shared/routing/RoutingService';
import type { MediaService } from '../../shared/media';
import type { AlipayOpenApi } from '../../shared/alipay/AlipayOpenApi';
import type { ReplyNotifier } from '../../shared/push/ReplyNotifier';
import type { ProactiveService } from '../../shared/proactive';
import type { MerchantSettings } from '../../shared/merchant/MerchantSettings';
import type { AuditLog } from '../../shared/audit/AuditLog';
import type { TenantOnboarding } from '../../shared/accounts/TenantOnboarding';

/** Everything a function's routes need, built once per process (cold start) by `createDeps`. */
export interface AppDeps {
  readonly config: KefuConfig;
  readonly logger: Logger;
  readonly store: Store;
  readonly notifier: Notifier;
  readonly tokens: SessionTokens;
  readonly accounts: AccountService;
  /** The conversation kernel and its use-cases: users, bot, agents, assignment, timers, queries. */
  readonly conversations: Conversations;
  readonly faq: FaqService;
  readonly customers: CustomerData;
  readonly routing: RoutingService;
  readonly media: MediaService;
  /** Alipay's OpenAPI, when configured (Alipay login). */
  readonly alipay?: AlipayOpenApi;
  /** Alipay messages to users who left the chat when an agent replies. */
  readonly replyNotifier: ReplyNotifier;
  /** Merchants' business events, their rules, and the messages they schedule. */
  readonly proactive: ProactiveService;
  /** The merchant's settings (entry button, canned replies, customer API, notifications): the owner of merchantConfig. */
  readonly merchantSettings: MerchantSettings;
  /** Who viewed whose personal data: the owner of the audit rows. */
  readonly audit: AuditLog;
  /** Creating and listing merchants (the operator API). */
  readonly onboarding: TenantOnboarding;
}

/** Per-request values set by the middleware. */
export interface AppVariables {
  requestId: string;
  /** `service_type` of the request's log line: the function that owns the route. */
  service: string;
  principal: Principal | undefined;
  /** Masked by the logger; what the user asked, when the request carries a question. */
  issue: string;
  /** The category the understanding step gave `issue`: the request log uses it instead of classifying again. */
  issueCategory: string;
}

export interface AppEnv {
  Variables: AppVariables;
}
