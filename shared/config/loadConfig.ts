import { Value } from '@sinclair/typebox/value';
import { KefuError } from '../errors';
import { configSchema, type RawConfig } from './configSchema';

/** The parsed configuration, with friendly names. Nothing outside shared/config reads `process.env`. */
export interface KefuConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly host: string;
  readonly port: number;
  readonly store: 'sqlite' | 'memory' | 'tablestore';
  readonly dataDir: string;
  readonly tokenSecret: string | undefined;
  readonly sessionTtlSeconds: number;
  readonly devLogin: boolean;
  /** Guards the operator API (merchant onboarding); undefined leaves it off. */
  readonly operatorSecret: string | undefined;
  readonly bodyLimitBytes: number;
  readonly importLimitBytes: number;
  readonly longPollTimeoutMs: number;
  readonly jobsIntervalMs: number;
  readonly logLevel: string;
  /** Defined when endpoint, instance and credentials (own keys, or the FC role's) are all there. */
  readonly tablestore: TablestoreConfig | undefined;
  /** Speech recognition; undefined when not configured (voice messages stay 未转写). */
  readonly nls: { readonly gatewayUrl: string; readonly metaUrl: string; readonly appKey: string; readonly accessKeyId: string; readonly accessKeySecret: string } | undefined;
  readonly ocr: 'tesseract' | 'off';
  /** At most this many OCR jobs at once per instance, each cut off after `ocrTimeoutMs`. */
  readonly ocrConcurrency: number;
  readonly ocrTimeoutMs: number;
  /** Merchant URLs may be http and loopback (a local stand-in); never in production. */
  readonly merchantUrlAllowLocal: boolean;
  /** Alipay OpenAPI; undefined when not configured (no Alipay login). */
  readonly alipay: { readonly appId: string; readonly privateKey: string; readonly alipayPublicKey: string; readonly gateway: string } | undefined;
  readonly pushAfterSeconds: number;
  readonly pushIntervalSeconds: number;
  /** Where uploads go when not in `.data/media`. */
  readonly oss: { readonly region: string; readonly bucket: string; readonly accessKeyId: string; readonly accessKeySecret: string; readonly endpoint?: string } | undefined;
}

export interface TablestoreConfig {
  readonly endpoint: string;
  readonly instance: string;
  readonly table: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
  /**
   * Where the keys came from: Kefu's own KEFU_TABLESTORE_* settings, or the function role's
   * temporary credentials (ALIBABA_CLOUD_*), which expire and are renewed per invocation on
   * Function Compute, so the values above are only the ones the instance started with.
   */
  readonly keysFrom: 'settings' | 'role';
}

const booleanWords: Record<string, string> = { '1': 'true', yes: 'true', on: 'true', '0': 'false', no: 'false', off: 'false' };

/**
 * Parses the environment once at start. A missing or invalid key fails fast with CONFIG_INVALID and
 * names the key, so a deploy with a typo never starts half-configured.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  overrides: Readonly<Record<string, string>> = {},
): KefuConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(configSchema.properties)) {
    const value = overrides[key] ?? env[key];
    if (value === undefined || value === '') continue;
    const property = (configSchema.properties as Record<string, { type?: string }>)[key];
    // Conversion only knows "true"/"false"; operators also write 1/0, yes/no, on/off.
    raw[key] = property?.type === 'boolean' ? (booleanWords[value.toLowerCase()] ?? value) : value;
  }
  // TypeBox's interpreter rather than a compiled validator: it runs once per process, and compiling
  // would cost each cold start tens of milliseconds.
  const converted: unknown = Value.Default(configSchema, Value.Convert(configSchema, raw));
  if (!Value.Check(configSchema, converted)) {
    const first = Value.Errors(configSchema, converted).First();
    const key = first?.path.replace(/^\//, '').split('/')[0] || 'config';
    throw new KefuError('CONFIG_INVALID', `配置项 ${key} 无效: ${first?.message ?? 'invalid'}`, { key });
  }
  const c: RawConfig = converted;
  if (c.NODE_ENV === 'production' && !c.KEFU_TOKEN_SECRET) {
    throw new KefuError('CONFIG_INVALID', '生产环境必须设置 KEFU_TOKEN_SECRET', { key: 'KEFU_TOKEN_SECRET' });
  }
  if (c.NODE_ENV === 'production' && c.KEFU_DEV_LOGIN) {
    throw new KefuError('CONFIG_INVALID', '生产环境不允许开启 KEFU_DEV_LOGIN', { key: 'KEFU_DEV_LOGIN' });
  }
  if (c.NODE_ENV === 'production' && c.KEFU_MERCHANT_URL_ALLOW_LOCAL) {
    throw new KefuError('CONFIG_INVALID', '生产环境不允许开启 KEFU_MERCHANT_URL_ALLOW_LOCAL', { key: 'KEFU_MERCHANT_URL_ALLOW_LOCAL' });
  }
  const nlsKeys = ['KEFU_NLS_GATEWAY_URL', 'KEFU_NLS_META_URL', 'KEFU_NLS_APPKEY', 'KEFU_NLS_ACCESS_KEY_ID', 'KEFU_NLS_ACCESS_KEY_SECRET'] as const;
  const nlsMissing = nlsKeys.filter((k) => !c[k]);
  if (nlsMissing.length && nlsMissing.length < nlsKeys.length) {
    throw new KefuError('CONFIG_INVALID', `语音识别需要同时设置 ${nlsMissing.join(', ')}`, { key: nlsMissing[0] });
  }
  const alipayKeys = ['KEFU_ALIPAY_APP_ID', 'KEFU_ALIPAY_PRIVATE_KEY', 'KEFU_ALIPAY_PUBLIC_KEY', 'KEFU_ALIPAY_GATEWAY'] as const;
  const alipayMissing = alipayKeys.filter((k) => !c[k]);
  if (alipayMissing.length && alipayMissing.length < alipayKeys.length) {
    throw new KefuError('CONFIG_INVALID', `支付宝登录需要同时设置 ${alipayMissing.join(', ')}`, { key: alipayMissing[0] });
  }
  const ossKeys = ['KEFU_OSS_REGION', 'KEFU_OSS_BUCKET', 'KEFU_OSS_ACCESS_KEY_ID', 'KEFU_OSS_ACCESS_KEY_SECRET'] as const;
  const ossMissing = ossKeys.filter((k) => !c[k]);
  if ((ossMissing.length && ossMissing.length < ossKeys.length) || (c.KEFU_OSS_ENDPOINT && ossMissing.length)) {
    throw new KefuError('CONFIG_INVALID', `OSS 存储需要同时设置 ${ossMissing.join(', ')}`, { key: ossMissing[0] });
  }
  // Explicit keys win; otherwise the role credentials Function Compute injects.
  const ownKeys = Boolean(c.KEFU_TABLESTORE_ACCESS_KEY_ID || c.KEFU_TABLESTORE_ACCESS_KEY_SECRET);
  const tsKeyId = ownKeys ? c.KEFU_TABLESTORE_ACCESS_KEY_ID : c.ALIBABA_CLOUD_ACCESS_KEY_ID;
  const tsSecret = ownKeys ? c.KEFU_TABLESTORE_ACCESS_KEY_SECRET : c.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  const tsToken = ownKeys ? c.KEFU_TABLESTORE_SECURITY_TOKEN : c.ALIBABA_CLOUD_SECURITY_TOKEN;
  if (ownKeys && !(c.KEFU_TABLESTORE_ACCESS_KEY_ID && c.KEFU_TABLESTORE_ACCESS_KEY_SECRET)) {
    const key = c.KEFU_TABLESTORE_ACCESS_KEY_ID ? 'KEFU_TABLESTORE_ACCESS_KEY_SECRET' : 'KEFU_TABLESTORE_ACCESS_KEY_ID';
    throw new KefuError('CONFIG_INVALID', `Tablestore 密钥需要同时设置 ${key}`, { key });
  }
  if (c.KEFU_STORE === 'tablestore') {
    for (const key of ['KEFU_TABLESTORE_ENDPOINT', 'KEFU_TABLESTORE_INSTANCE'] as const) {
      if (!c[key]) throw new KefuError('CONFIG_INVALID', `KEFU_STORE=tablestore 需要设置 ${key}`, { key });
    }
    if (!tsKeyId || !tsSecret) {
      throw new KefuError('CONFIG_INVALID', 'KEFU_STORE=tablestore 需要设置 KEFU_TABLESTORE_ACCESS_KEY_ID 与 KEFU_TABLESTORE_ACCESS_KEY_SECRET (或在函数计算上为函数配置角色)', { key: 'KEFU_TABLESTORE_ACCESS_KEY_ID' });
    }
  }
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    store: c.KEFU_STORE,
    dataDir: c.KEFU_DATA_DIR,
    tokenSecret: c.KEFU_TOKEN_SECRET,
    sessionTtlSeconds: c.KEFU_SESSION_TTL_SECONDS,
    devLogin: c.KEFU_DEV_LOGIN,
    operatorSecret: c.KEFU_OPERATOR_SECRET,
    bodyLimitBytes: c.KEFU_BODY_LIMIT_BYTES,
    importLimitBytes: c.KEFU_IMPORT_LIMIT_BYTES,
    longPollTimeoutMs: c.KEFU_LONGPOLL_TIMEOUT_MS,
    jobsIntervalMs: c.KEFU_JOBS_INTERVAL_MS,
    logLevel: c.KEFU_LOG_LEVEL,
    tablestore:
      c.KEFU_TABLESTORE_ENDPOINT && c.KEFU_TABLESTORE_INSTANCE && tsKeyId && tsSecret
        ? { endpoint: c.KEFU_TABLESTORE_ENDPOINT, instance: c.KEFU_TABLESTORE_INSTANCE, table: c.KEFU_TABLESTORE_TABLE, accessKeyId: tsKeyId, accessKeySecret: tsSecret, ...(tsToken ? { securityToken: tsToken } : {}), keysFrom: ownKeys ? 'settings' : 'role' }
        : undefined,
    nls:
      c.KEFU_NLS_GATEWAY_URL && c.KEFU_NLS_META_URL && c.KEFU_NLS_APPKEY && c.KEFU_NLS_ACCESS_KEY_ID && c.KEFU_NLS_ACCESS_KEY_SECRET
        ? { gatewayUrl: c.KEFU_NLS_GATEWAY_URL, metaUrl: c.KEFU_NLS_META_URL, appKey: c.KEFU_NLS_APPKEY, accessKeyId: c.KEFU_NLS_ACCESS_KEY_ID, accessKeySecret: c.KEFU_NLS_ACCESS_KEY_SECRET }
        : undefined,
    ocr: c.KEFU_OCR,
    ocrConcurrency: c.KEFU_OCR_CONCURRENCY,
    ocrTimeoutMs: c.KEFU_OCR_TIMEOUT_MS,
    merchantUrlAllowLocal: c.KEFU_MERCHANT_URL_ALLOW_LOCAL,
    pushAfterSeconds: c.KEFU_PUSH_AFTER_SECONDS,
    pushIntervalSeconds: c.KEFU_PUSH_INTERVAL_SECONDS,
    alipay:
      c.KEFU_ALIPAY_APP_ID && c.KEFU_ALIPAY_PRIVATE_KEY && c.KEFU_ALIPAY_PUBLIC_KEY && c.KEFU_ALIPAY_GATEWAY
        ? { appId: c.KEFU_ALIPAY_APP_ID, privateKey: c.KEFU_ALIPAY_PRIVATE_KEY, alipayPublicKey: c.KEFU_ALIPAY_PUBLIC_KEY, gateway: c.KEFU_ALIPAY_GATEWAY }
        : undefined,
    oss:
      c.KEFU_OSS_REGION && c.KEFU_OSS_BUCKET && c.KEFU_OSS_ACCESS_KEY_ID && c.KEFU_OSS_ACCESS_KEY_SECRET
        ? { region: c.KEFU_OSS_REGION, bucket: c.KEFU_OSS_BUCKET, accessKeyId: c.KEFU_OSS_ACCESS_KEY_ID, accessKeySecret: c.KEFU_OSS_ACCESS_KEY_SECRET, ...(c.KEFU_OSS_ENDPOINT ? { endpoint: c.KEFU_OSS_ENDPOINT } : {}) }
        : undefined,
  };
}
