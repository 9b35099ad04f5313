import path from 'node:path';
import type { KefuConfig } from '../config';
import { SelfServiceFlows } from '../flows';
import { createLogger, type Logger } from '../log';
import type { Store } from '../store';
import { createMemoryStore, createSqliteStore, createTablestoreStore, type TablestoreCredentials } from '../store/drivers';
import { createInProcessNotifier } from '../realtime';
import { SessionTokens } from '../auth';
import { AccountService, TenantOnboarding } from '../accounts';
import { KefuError, isKefuError } from '../errors';
import { understand } from '../nlp';
import { FaqService, faqGapListener, FaqBot, PredictedQuestions } from '../faq';
import { wireConversations } from './wireConversations';
import { replyPushListener, ReplyNotifier } from '../push';
import type { Kefu } from './Kefu';
import { type CustomerData, CustomerPanel, staticCustomerData, HttpCustomerData, withAlipayTrades } from '../customer';
import { GuardedFetcher } from '../net';
import { MediaService, type MediaStore } from '../media';
import { LocalMediaStore, MemoryMediaStore } from '../media/drivers';
import type * as OssModule from '../media/OssMediaStore';
import type * as AlipayModule from '../alipay/AlipaySdkOpenApi';
import type * as TradeLookupModule from '../alipay/AlipaySdkTradeLookup';
import type * as NlsModule from '../asr/NlsSpeechRecognizer';
import { ProactiveService } from '../proactive';
import { LeaveMessageBook, LeaveMessageDesk } from '../leaveMessage';
import { TesseractTextRecognizer, type TextRecognizer } from '../ocr';
import { MerchantSettings } from '../merchant';
import { AuditLog } from '../audit';
import { AlipayLogin } from '../alipay';
import { SupervisorBoard } from '../routing';
import { QualityDashboard } from '../metrics';

export interface CreateKefuOptions {
  /** Use this store instead of the configured one (tests). */
  readonly store?: Store;
  readonly logger?: Logger;
  /** Used when the config has no KEFU_TOKEN_SECRET (the dev server keeps one in the data folder). */
  readonly tokenSecret?: string;
  /** The merchants' customer data; none until a merchant's systems are connected. */
  readonly customers?: CustomerData;
  /** Recheck interval of long-polls for writes from other processes. */
  readonly recheckMs?: number;
  /** Use this file store for uploads instead of the configured one (tests). */
  readonly mediaFiles?: MediaStore;
  /** Read pictures with this instead of the configured tesseract (tests of the OCR bounds). */
  readonly ocr?: TextRecognizer;
  /**
   * The function role's current temporary credentials (on Function Compute, those of the latest
   * invocation, see RoleCredentials). Used for Tablestore when the config takes the role's keys
   * rather than KEFU_TABLESTORE_ACCESS_KEY_*, since the keys read at start expire.
   */
  readonly roleCredentials?: () => TablestoreCredentials | undefined;
  /** The conversations' clock (default: the system's); a benchmark replays a set at the time it was written for. */
  readonly clock?: () => Date;
}

// The cloud SDKs (ali-oss, alipay-sdk, @alicloud/pop-core) are required only when configured, so a
// cold start that does not use them does not evaluate them.
/* eslint-disable @typescript-eslint/no-require-imports */
const ossDriver = () => require('../media/OssMediaStore') as typeof OssModule;
const alipayDriver = () => require('../alipay/AlipaySdkOpenApi') as typeof AlipayModule;
const tradeLookupDriver = () => require('../alipay/AlipaySdkTradeLookup') as typeof TradeLookupModule;
const nlsDriver = () => require('../asr/NlsSpeechRecognizer') as typeof NlsModule;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The composition root: the only place that picks drivers for ports. The deployed functions
 * (functions/_runtime/deployedDeps), the dev server (scripts/dev), the CLI (bin/commands) and the
 * benchmarks all build their Kefu here, so KEFU_STORE and the other settings mean the same everywhere.
 */
export function createKefu(config: KefuConfig, options: CreateKefuOptions = {}): Kefu {
  const logger = options.logger ?? createLogger({ service: 'kefu', level: config.logLevel });
  const store = options.store ?? openStore(config, options.roleCredentials);
  const secret = config.tokenSecret ?? options.tokenSecret;
  if (!secret) throw new KefuError('CONFIG_INVALID', '缺少 KEFU_TOKEN_SECRET', { key: 'KEFU_TOKEN_SECRET' });
  const tokens = new SessionTokens(secret, config.sessionTtlSeconds);
  const notifier = createInProcessNotifier();
  const faq = new FaqService(store);
  const accounts = new AccountService(store, tokens);
  const merchantSettings = new MerchantSettings(store);
  const alipay = config.alipay ? new (alipayDriver().AlipaySdkOpenApi)(config.alipay) : undefined;
  const replyNotifier = new ReplyNotifier({ store, logger, ...(alipay ? { alipay } : {}), afterSeconds: config.pushAfterSeconds, intervalSeconds: config.pushIntervalSeconds });
  // A merchant that set up its customer-data API (PUT /v1/merchant/customer-api) is read over
  // HTTP; others get the configured stand-in (the demo data locally).
  // A trade number the merchant's record does not hold is looked up at Alipay (alipay.trade.query)
  // when the app is configured.
  const customers = withAlipayTrades(
    new HttpCustomerData({
      endpointFor: (tenant) => merchantSettings.customerApi(tenant),
      fallback: options.customers ?? staticCustomerData(() => []),
      fetcher: new GuardedFetcher({ allowLocal: config.merchantUrlAllowLocal }),
      onDropped: (tenant, dropped) => logger.warn({ tenant, dropped, function: 'customer' }, "parts of the merchant's customer data were left out"),
    }),
    config.alipay ? new (tradeLookupDriver().AlipaySdkTradeLookup)(config.alipay) : undefined,
    { onFailure: (failure, tenant) => logger.warn({ tenant, reason: failure.reason, function: 'customer' }, 'Alipay trade lookup failed') },
  );
  const conversations = wireConversations({
    store,
    flows: new SelfServiceFlows({ customers, trades: customers, settings: (tenant) => merchantSettings.flowSettings(tenant), onError: (err, tenant) => logger.warn({ err, tenant, service_type: 'message' }, 'self-service flow could not read the customer data') }),
    notifier,
    accounts,
    longPollTimeoutMs: config.longPollTimeoutMs,
    understand: understandOrSkip,
    bot: new FaqBot(faq),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.recheckMs !== undefined ? { recheckMs: options.recheckMs } : {}),
    onUserPoll: (tenant, userId) => void replyNotifier.userPolled(tenant, userId).catch((err: unknown) => logger.warn({ err, service_type: 'push' }, 'could not record the poll')),
    listeners: [faqGapListener(faq), replyPushListener(replyNotifier, (err) => logger.warn({ err, service_type: 'agent' }, 'reply push not queued'))],
    onListenerError: (err, committed) => logger.error({ err, service_type: 'message', conversationId: committed.after.id }, 'a listener failed after the change was stored'),
  });
  const routing = conversations.routing;
  const audit = new AuditLog(store);
  // Sessions that ended take the staff member offline: the sessions are gone either way, so a
  // presence write that fails is logged and left to the presence sweep (PRESENCE_TIMEOUT_MS).
  accounts.onStaffSessionsEnded((tenant, username) =>
    routing.setPresence(tenant, username, 'offline').then(
      () => undefined,
      (err: unknown) => logger.warn({ err, tenant, service_type: 'agent' }, 'could not take the staff member offline'),
    ),
  );
  // Every request of a live staff session keeps them present (the sweep takes silent ones offline).
  accounts.onStaffSeen((tenant, username) => routing.touch(tenant, username));
  // Uploads go to OSS when configured (the cloud), else beside the database.
  const mediaFiles =
    options.mediaFiles ??
    (config.oss ? new (ossDriver().OssMediaStore)(config.oss) : config.store === 'memory' ? new MemoryMediaStore() : new LocalMediaStore(path.resolve(config.dataDir, 'media')));
  const leaveMessages = new LeaveMessageBook(store, undefined, (staff) => accounts.mayViewCustomerData(staff));
  const proactive = new ProactiveService({ store, conversations: conversations.bot, faq, users: accounts, settings: merchantSettings });
  return {
    config,
    logger,
    ...(alipay ? { alipay } : {}),
    alipayLogin: new AlipayLogin({
      ...(alipay ? { alipay } : {}),
      login: (tenant, userId) => accounts.alipayUserLogin(tenant, userId),
      rememberIdType: (tenant, userId, idType) => replyNotifier.subscriptions.rememberIdType(tenant, userId, idType),
      onRememberFailed: (err) => logger.warn({ err, service_type: 'auth' }, 'could not record the Alipay id type'),
    }),
    replyNotifier,
    proactive,
    predictedQuestions: new PredictedQuestions({ faq, sources: [proactive, customers], ownConversation: (user, id) => conversations.queries.get(user, id) }),
    merchantSettings,
    audit,
    customerPanel: new CustomerPanel({
      customers,
      mayView: (staff) => accounts.mayViewCustomerData(staff),
      audit: (tenant, entry) => audit.record(tenant, entry),
      pastConversations: (staff, userId, limit) => conversations.queries.pastConversations(staff, userId, limit),
      onUnavailable: (err, tenant) => logger.warn({ err, tenant, function: 'agent' }, 'customer data unavailable'),
    }),
    leaveMessages,
    leaveMessageDesk: new LeaveMessageDesk({
      book: leaveMessages,
      leave: (user, id, clientMessageId, text, contact) => conversations.users.leaveMessage(user, id, clientMessageId, text, contact),
      conversation: (staff, id) => conversations.queries.get(staff, id),
      claim: (staff, id) => conversations.assignment.claim(staff, id),
      reply: (staff, id, clientMessageId, text) => conversations.agents.reply(staff, id, clientMessageId, text),
    }),
    onboarding: new TenantOnboarding(accounts, store),
    store,
    notifier,
    tokens,
    accounts,
    routing,
    board: new SupervisorBoard(routing),
    dashboard: new QualityDashboard((staff, since) => conversations.queries.conversationsSince(staff, since)),
    faq,
    customers,
    conversations,
    media: new MediaService({
      store,
      files: mediaFiles,
      conversations: conversations.queries,
      secret,
      ...(config.nls ? { speech: new (nlsDriver().NlsSpeechRecognizer)(config.nls) } : {}),
      ...(options.ocr ? { ocr: options.ocr } : config.ocr === 'tesseract' ? { ocr: new TesseractTextRecognizer({ concurrency: config.ocrConcurrency, timeoutMs: config.ocrTimeoutMs }) } : {}),
      onRecognitionError: (kind, err) => logger.warn({ err, service_type: 'message', kind }, kind === 'voice' ? 'speech recognition failed; kept as 未转写' : 'OCR failed; picture kept without text'),
    }),
  };
}

/** The understanding step for the pipeline: a text understanding refuses (empty, too long) is delivered without one. */
function understandOrSkip(text: string, now: Date) {
  try {
    return understand(text, { now });
  } catch (err) {
    if (isKefuError(err)) return undefined;
    throw err;
  }
}

function openStore(config: KefuConfig, roleCredentials: CreateKefuOptions['roleCredentials']): Store {
  switch (config.store) {
    case 'sqlite':
      return createSqliteStore({ file: path.resolve(config.dataDir, 'kefu.sqlite') });
    case 'memory':
      return createMemoryStore();
    case 'tablestore':
      // loadConfig already refused a tablestore store without endpoint, instance and keys.
      if (!config.tablestore) throw new KefuError('CONFIG_INVALID', 'KEFU_STORE=tablestore 需要设置 KEFU_TABLESTORE_ENDPOINT', { key: 'KEFU_TABLESTORE_ENDPOINT' });
      return createTablestoreStore(config.tablestore.keysFrom === 'role' && roleCredentials ? { ...config.tablestore, credentials: roleCredentials } : config.tablestore);
  }
}
